import { TZDate } from '@date-fns/tz';
import { fromParts, type IsoDate } from './calendar-date';

/** Prefectures and applicants read dates on French metropolitan time, whatever the machine's zone. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

function inParis(instant: Date): TZDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  return new TZDate(instant.getTime(), PARIS_TIME_ZONE);
}

/** The calendar date in Paris at that instant (23:30 UTC on 25/03/2023 is already the 26th in Paris). */
export function parisDateOf(instant: Date): IsoDate {
  const paris = inParis(instant);
  return fromParts({
    year: paris.getFullYear(),
    month: paris.getMonth() + 1,
    day: paris.getDate(),
  });
}

/** 'HH:mm' on the Paris clock. */
export function parisTimeOf(instant: Date): string {
  const paris = inParis(instant);
  return `${String(paris.getHours()).padStart(2, '0')}:${String(paris.getMinutes()).padStart(2, '0')}`;
}
