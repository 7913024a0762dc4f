import { toParts, type IsoDate } from './calendar-date';
import { parisDateOf } from './paris-time';

/** French display form dd/MM/yyyy, as on every attestation of the guide. */
export function formatFrenchDate(date: IsoDate): string {
  const { year, month, day } = toParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}

/** The Paris date of an instant, dd/MM/yyyy (« Lu le 17/09/2023 »). */
export function formatParisDate(instant: Date): string {
  return formatFrenchDate(parisDateOf(instant));
}
