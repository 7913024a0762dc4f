import { addDays, type IsoDate } from '../../../shared/dates/calendar-date';
import { formatFrenchDate } from '../../../shared/dates/format';
import { born, civility, type Person } from '../../dossier/people';
import { cityLine, streetLine, type Address } from '../../dossier/places';
import type { Rng } from '../../random';
import { A4, PageBuilder, type Rgb } from '../page';
import { fictionMention, signature, type DocumentSpec } from './common';

/**
 * « Accord du parent / représentant légal »: the representative's handwritten-looking letter
 * allowing the minor to apply (or, for a third party, the mandate to represent the minor).
 */
export function parentalConsent(
  minor: Person,
  representative: Person,
  relation: string,
  address: Address,
  asOf: IsoDate,
  rng: Rng,
  mandate = false,
): DocumentSpec {
  const page = new PageBuilder(A4.width, A4.height, [252, 251, 247]);
  const ink: Rgb = rng.chance(0.5) ? [30, 45, 120] : [25, 25, 30];
  page.text(24, 26, civility(representative), { size: 11, font: 'serif', colour: ink });
  page.text(24, 31, `${streetLine(address)}`, { size: 11, font: 'serif', colour: ink });
  page.text(24, 36, cityLine(address), { size: 11, font: 'serif', colour: ink });
  page.text(
    page.width / 2,
    58,
    mandate ? 'MANDAT DE REPRÉSENTATION DU MINEUR' : 'AUTORISATION PARENTALE',
    {
      size: 14,
      font: 'serifBold',
      align: 'center',
      colour: ink,
    },
  );
  let y = 76;
  const texts = [
    `Je soussigné(e) ${civility(representative)}, ${born(representative)} le ${formatFrenchDate(representative.birthDate)} à ${representative.birthPlace}, de nationalité ${representative.nationality.toLowerCase()}, agissant en qualité de ${relation} de ${civility(minor)}, ${born(minor)} le ${formatFrenchDate(minor.birthDate)} à ${minor.birthPlace} (${minor.birthCountry}),`,
    mandate
      ? `déclare donner mandat pour représenter ce mineur dans toutes les démarches relatives à son séjour en France, et l'autoriser à déposer une demande de carte de séjour temporaire « vie privée et familiale » en qualité de victime de la traite des êtres humains.`
      : `donne mon accord pour que ${minor.sex === 'female' ? 'ma fille' : 'mon fils'} dépose une demande de carte de séjour temporaire « vie privée et familiale » en qualité de victime de la traite des êtres humains, et l'autorise à accomplir toutes les démarches nécessaires auprès de la préfecture.`,
    'Je joins la copie de ma pièce d’identité et le justificatif de ma qualité de représentant légal.',
  ];
  for (const text of texts)
    y = page.paragraph(24, y, 162, text, { size: 11.5, font: 'serif', colour: ink }) + 5;
  page.text(
    110,
    y + 10,
    `Fait à ${address.commune.city}, le ${formatFrenchDate(addDays(asOf, -rng.int(2, 40)))}`,
    {
      size: 11.5,
      font: 'serif',
      colour: ink,
    },
  );
  page.text(110, y + 17, 'Signature', { size: 10, font: 'serif', colour: ink });
  signature(page, 112, y + 20, rng, { width: 48, height: 17 }, ink);
  fictionMention(page);
  return {
    name: mandate ? 'mandat-representation' : 'autorisation-parentale',
    pages: [page.build()],
    digital: false,
    focus: null,
  };
}
