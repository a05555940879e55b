// The separator of a CSV file, read from its header line: the most frequent of comma, semicolon
// and tab outside double quotes (a comma when there is none: a one-column file). Pure.

export type CsvSeparator = ',' | ';' | '\t';
const SEPARATORS: readonly CsvSeparator[] = [',', ';', '\t'];

/** The first line of `text` (a quoted line break does not end it). */
export function headerLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return text.slice(0, i);
  }
  return text;
}

export function detectSeparator(text: string): CsvSeparator {
  const line = headerLine(text.replace(/^\uFEFF/, ''));
  const counts = new Map<CsvSeparator, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as CsvSeparator)) counts.set(char as CsvSeparator, counts.get(char as CsvSeparator)! + 1);
  }
  let best: CsvSeparator = ',';
  for (const separator of SEPARATORS) if (counts.get(separator)! > counts.get(best)!) best = separator;
  return best;
}
