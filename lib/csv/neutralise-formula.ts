// The one rule against spreadsheet formula injection, for every CSV Dealboard writes: a text cell
// starting with = + - @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it
// instead of running it as a formula. A plain signed number ("-12.5") stays a number.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * A cell as it was before neutraliseFormula: the ' before a formula start is dropped, so a file
 * Dealboard exported imports back unchanged. (A value typed with that ' on purpose loses it: rare,
 * and harmless, as every export neutralises it again.)
 */
export function restoreNeutralisedFormula(text: string): string {
  if (text.charCodeAt(0) !== 39) return text;
  const rest = text.slice(1);
  return FORMULA_START.test(rest) && !PLAIN_NUMBER.test(rest) ? rest : text;
}
