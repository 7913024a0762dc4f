/**
 * A calendar date ('yyyy-mm-dd', ISO 8601) with no time and no time zone: a decision date, a
 * validity end, a birth date. Arithmetic runs on UTC midnights so the machine's time zone and
 * daylight saving never move a date. Turning an instant into a date is paris-time.ts's job.
 */
export type IsoDate = string;

export type CalendarParts = { year: number; month: number; day: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** month is 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function partsOrNull(value: string): CalendarParts | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a real date written 'yyyy-mm-dd' (so '2023-02-29' is false, '2024-02-29' true). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && partsOrNull(value) !== null;
}

/** Callers pass dates already validated by a schema; a malformed one here is a programming error. */
export function toParts(date: IsoDate): CalendarParts {
  const parts = partsOrNull(date);
  if (!parts) throw new RangeError(`Not a calendar date (yyyy-mm-dd): ${date}`);
  return parts;
}

export function fromParts({ year, month, day }: CalendarParts): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
function toEpochDay(date: IsoDate): number {
  const { year, month, day } = toParts(date);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

function fromEpochDay(epochDay: number): IsoDate {
  const utc = new Date(epochDay * MS_PER_DAY);
  return fromParts({
    year: utc.getUTCFullYear(),
    month: utc.getUTCMonth() + 1,
    day: utc.getUTCDate(),
  });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The same day of the month `months` later; when that day does not exist, the month's last day (31/10 + 4 → 29/02 in a leap year). */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = toParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return fromParts({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** 'yyyy-mm-dd' strings order like the dates they name. */
export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return a < b;
}

export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return a > b;
}
