// A calendar day as the reports, rates and downloads name it: the UTC date, YYYY-MM-DD. Pure.

/** The UTC calendar day of `at` (now by default), YYYY-MM-DD. */
export function utcDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}
