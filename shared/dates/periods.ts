import { addDays, addMonthsClamped, daysInMonth, toParts, type IsoDate } from './calendar-date';

/** A validity period, both ends included. */
export type Period = { validFrom: IsoDate; validTo: IsoDate };

/**
 * A period of N months starting on S (S included) ends the day before S's day of the month,
 * N months later: 17/09/2023 + 3 months → 16/12/2023. When that day does not exist in the target
 * month, the period ends on the target month's last day: 31/01 + 3 → 30/04, 30/11/2023 + 3 →
 * 29/02/2024. This is the one rule behind every validity (attestations, cards).
 */
export function periodOfMonths(validFrom: IsoDate, months: number): Period {
  const { day } = toParts(validFrom);
  const sameDayLater = addMonthsClamped(validFrom, months);
  const target = toParts(sameDayLater);
  const dayExists = day <= daysInMonth(target.year, target.month);
  return { validFrom, validTo: dayExists ? addDays(sameDayLater, -1) : sameDayLater };
}
