import { toParts, type IsoDate } from './calendar-date';

/**
 * Completed years on `on`. A birthday on `on` counts (18 on the 18th birthday). Someone born on
 * 29 February gains a year on 1 March in common years: the anniversary has not come on 28 February.
 * A birth date after `on` gives a negative age; the caller treats that as not of age.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const birth = toParts(birthDate);
  const at = toParts(on);
  const birthdayPassed =
    at.month > birth.month || (at.month === birth.month && at.day >= birth.day);
  return at.year - birth.year - (birthdayPassed ? 0 : 1);
}
