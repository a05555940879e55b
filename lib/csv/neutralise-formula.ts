// The one rule against spreadsheet formula injection, for every CSV Dealboard writes: a text cell
// starting with = + - @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it
// instead of running it as a formula. A plain signed number ("-12.5") stays a number.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
