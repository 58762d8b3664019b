/** Calendar days as YYYY-MM-DD strings (the user's own days, free of time zones). */

export function dayToUtc(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function utcToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return utcToDay(dayToUtc(day) + days * 86_400_000);
}

/** The Monday of the week the day falls in. */
export function weekStart(day: string): string {
  const weekday = (new Date(dayToUtc(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function formatDay(day: string, options: Intl.DateTimeFormatOptions = {}): string {
  return new Date(dayToUtc(day)).toLocaleDateString(undefined, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    ...options,
  });
}
