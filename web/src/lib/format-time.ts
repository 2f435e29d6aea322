const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 60 * 60],
  ['month', 30 * 24 * 60 * 60],
  ['day', 24 * 60 * 60],
  ['hour', 60 * 60],
  ['minute', 60],
  ['second', 1],
];

/**
 * Formats how long ago (or ahead) `date` is from `now`, such as
 * "3 minutes ago". Differences under 10 seconds read "just now".
 */
export function formatRelativeTime(
  date: Date,
  now: Date,
  locale?: string,
): string {
  const diffSeconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(diffSeconds) < 10) return 'just now';

  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, unitSeconds] of UNITS) {
    if (Math.abs(diffSeconds) >= unitSeconds) {
      return format.format(Math.trunc(diffSeconds / unitSeconds), unit);
    }
  }
  return format.format(diffSeconds, 'second');
}

/** Formats a date and time in the user's locale, to the second. */
export function formatDateTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(date);
}

/**
 * Formats a time compactly for tables: the time of day for dates on the
 * same calendar day as `now`, otherwise a short date and time.
 */
export function formatShortDateTime(
  date: Date,
  now: Date,
  locale?: string,
): string {
  const sameDay = date.toDateString() === now.toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { timeStyle: 'medium' }
    : { dateStyle: 'short', timeStyle: 'short' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}
