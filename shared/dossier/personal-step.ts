import { z } from 'zod';
import { ok, type Result } from '../result';
import { checkForeignerNumber } from '../identifiers/foreigner-number';
import { checkInseeCode } from '../identifiers/insee-code';
import { normalizePhone } from '../identifiers/phone';
import { checkPostcode, departementFromPostcode } from '../identifiers/postcode';
import { checkedText, dateField, optionalCheckedText, optionalText, requiredText } from './fields';

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Readonly<Record<Sex, string>> = { male: 'Masculin', female: 'Féminin' };

/** The dossier is routed with the address, so a postcode no service handles is refused here already. */
function servedPostcode(input: string): Result<string> {
  const postcode = checkPostcode(input);
  if (!postcode.ok) return postcode;
  const departement = departementFromPostcode(postcode.value);
  return departement.ok ? ok(postcode.value) : departement;
}

/**
 * Step 1 « Informations personnelles ». The civil status comes read-only from the national file
 * (the applicant reports outdated data in the observations of step 4). The form marks only
 * « Adresse » and « Ville » as required in the address; the postcode is required here as well
 * because the dossier is routed to the service of the département.
 */
export const personalStepSchema = z.object(
  {
    civilStatus: z.object(
      {
        birthName: requiredText('Nom de naissance', 100),
        usageName: optionalText("Nom d'usage", 100),
        firstNames: requiredText('Prénom(s)', 200),
        sex: z.enum(SEXES, { error: 'Le champ « Sexe » doit valoir Masculin ou Féminin.' }),
        birthDate: dateField('Date de naissance', 'La date de naissance'),
        emancipatedMinor: z
          .boolean({
            error: "L'indication « Je suis un mineur (+16 ans) émancipé » doit valoir oui ou non.",
          })
          .default(false),
        birthCountry: requiredText('Pays de naissance', 100),
        birthPlace: requiredText('Lieu de naissance', 100),
        nationality: requiredText('Nationalité', 100),
      },
      { error: "L'état civil est obligatoire." },
    ),
    foreignerNumber: checkedText('N° étranger', checkForeignerNumber),
    address: z.object(
      {
        line: requiredText('Adresse', 300),
        overseas: z
          .boolean({ error: "L'indication « Vous résidez outre-mer » doit valoir oui ou non." })
          .default(false),
        streetNumber: optionalText('Numéro de voie', 20),
        street: optionalText('Voie', 200),
        complement: optionalText("Complément d'adresse", 200),
        postcode: checkedText('Code postal', servedPostcode),
        city: requiredText('Ville', 100),
        country: requiredText('Pays', 100).default('FRANCE'),
        inseeCode: optionalCheckedText('Code INSEE', checkInseeCode),
      },
      { error: "L'adresse est obligatoire." },
    ),
    contact: z.object(
      {
        email: z
          .string({ error: 'Le champ « Email » est obligatoire.' })
          .trim()
          .pipe(
            z.email({ error: 'Le champ « Email » doit contenir une adresse électronique valide.' }),
          ),
        phone: checkedText('Téléphone', normalizePhone),
      },
      { error: 'Les informations de contact sont obligatoires.' },
    ),
  },
  { error: "L'étape « Informations personnelles » n'est pas renseignée." },
);

export type PersonalStep = z.output<typeof personalStepSchema>;
