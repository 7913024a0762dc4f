import { invalidInstant } from './errors';

/** Date and time with an explicit zone; a bare date or a local time is ambiguous for an instant. */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** JavaScript rolls 30 February over to 2 March; an instant with an impossible date is refused instead. */
function hasRealCalendarFields(text: string): boolean {
  const [, year, month, day, hour, minute, second = '0'] = ISO_INSTANT.exec(text) ?? [];
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = fields;
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    utc.getUTCFullYear() === y &&
    utc.getUTCMonth() === mo - 1 &&
    utc.getUTCDate() === d &&
    utc.getUTCHours() === h &&
    utc.getUTCMinutes() === mi &&
    utc.getUTCSeconds() === s
  );
}

/**
 * The one stored form of an instant: UTC, milliseconds, `Z` (2023-08-16T12:37:00.000Z).
 * Every instant column holds this form (the migrations CHECK it), so ordering the text orders time:
 * the queue sorts on `submitted_at` without parsing.
 */
export function toStoredInstant(value: string | Date): string {
  const date =
    typeof value === 'string' && ISO_INSTANT.test(value) && hasRealCalendarFields(value)
      ? new Date(value)
      : value;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw invalidInstant(value);
  const stored = date.toISOString();
  // Years beyond 9999 print with a sign and would sort wrongly.
  if (stored.length !== 24) throw invalidInstant(value);
  return stored;
}
