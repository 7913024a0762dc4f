import { formatParisDate } from '../../../shared/dates/format';
import { parisTimeOf } from '../../../shared/dates/paris-time';
import { i18n } from '../plugins/i18n';

/** « le 27/11/2026 à 09:12 », on the Paris clock. */
export function dateTimeText(iso: string): string {
  const instant = new Date(iso);
  return i18n.global.t('common.dateTime', {
    date: formatParisDate(instant),
    time: parisTimeOf(instant),
  });
}

/** « 27/11/2026 », on the Paris clock. */
export function dateText(iso: string): string {
  return formatParisDate(new Date(iso));
}
