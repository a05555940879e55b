// Rates as the API shows them: percent numbers with one decimal (40 → 40, 2/3 → 66.7); null when
// there is nothing to divide by.

export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}
