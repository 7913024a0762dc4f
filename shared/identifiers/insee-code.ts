import { invalidIdentifier } from '../errors';
import { fail, ok, type Result } from '../result';
import { isDepartementCode, type DepartementCode } from './departement';

// Metropole: 2-character département (01–95, 2A, 2B) + 3-digit commune; overseas: 97x + 2 digits.
const METROPOLITAN = /^(\d\d|2[AB])(\d{3})$/;
const OVERSEAS = /^(97\d)(\d{2})$/;

const FORMAT_MESSAGE =
  'Le code INSEE de la commune doit comporter 5 caractères (par exemple 59350 pour Lille, 2A004 pour Ajaccio, 97411 pour Saint-Denis de La Réunion).';

function split(code: string): { departement: string; commune: string } | null {
  const overseas = OVERSEAS.exec(code);
  if (overseas) return { departement: overseas[1] ?? '', commune: overseas[2] ?? '' };
  const metropolitan = METROPOLITAN.exec(code);
  if (metropolitan) return { departement: metropolitan[1] ?? '', commune: metropolitan[2] ?? '' };
  return null;
}

function parse(input: string): Result<{ code: string; departement: DepartementCode }> {
  const code = input.replace(/\s/g, '').toUpperCase();
  if (code === '') return fail(invalidIdentifier('Le code INSEE est obligatoire.'));
  if (/^20\d{3}$/.test(code)) {
    return fail(
      invalidIdentifier(
        'En Corse, le code INSEE commence par 2A ou 2B ; un code commençant par 20 est un code postal.',
      ),
    );
  }
  const parts = split(code);
  if (!parts || !isDepartementCode(parts.departement))
    return fail(invalidIdentifier(FORMAT_MESSAGE));
  // No commune is numbered 000 (or 00 overseas), while postcodes often end that way (59000 Lille).
  if (/^0+$/.test(parts.commune)) {
    return fail(
      invalidIdentifier(
        `« ${code} » ressemble à un code postal : le code INSEE de la commune est un autre numéro (59350 pour Lille, dont le code postal est 59000).`,
      ),
    );
  }
  return ok({ code, departement: parts.departement });
}

/** Code officiel géographique of a commune (not its postcode); returned upper-cased, spaces removed. */
export function checkInseeCode(input: string): Result<string> {
  const parsed = parse(input);
  return parsed.ok ? ok(parsed.value.code) : parsed;
}

/** The INSEE code tells the département exactly, unlike the postcode. */
export function departementFromInseeCode(input: string): Result<DepartementCode> {
  const parsed = parse(input);
  return parsed.ok ? ok(parsed.value.departement) : parsed;
}
