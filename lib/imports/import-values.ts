import { majorToMinorUnits, majorUnitsMessage } from '../money/major-units';

// How an import reads the cells people's spreadsheets and other CRMs write: amounts with a decimal
// comma or thousands separators, currency symbols, dates in ISO, European and US order, and
// "Name (email)" contact cells. Pure.

const SYMBOL_CURRENCIES: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY' };

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * An amount in major units as exact minor units of `currency` (decimal.js, never a float). With
 * both "." and "," the last one is the decimal mark; "1,234" and "1.234.567" are thousands; in a
 * semicolon-separated file a lone "," is the decimal mark and "1.234" a thousand.
 */
export function parseAmount(text: string, currency: string, { decimalComma }: { decimalComma: boolean }): CellResult<bigint> {
  let cleaned = text.replace(/[\s\u00a0\u202f'’]/g, '');
  for (const symbol of Object.keys(SYMBOL_CURRENCIES)) cleaned = cleaned.replaceAll(symbol, '');
  cleaned = cleaned.replace(/^[A-Z]{3}|[A-Z]{3}$/g, '');
  const lastDot = cleaned.lastIndexOf('.');
  const lastComma = cleaned.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    cleaned = lastComma > lastDot ? cleaned.replaceAll('.', '').replace(',', '.') : cleaned.replaceAll(',', '');
  } else if (lastComma >= 0) {
    cleaned = /^\d{1,3}(,\d{3})+$/.test(cleaned) && !decimalComma ? cleaned.replaceAll(',', '') : cleaned.replace(',', '.');
  } else if (decimalComma && /^\d{1,3}(\.\d{3})+$/.test(cleaned)) {
    cleaned = cleaned.replaceAll('.', '');
  } else if (/^\d{1,3}(\.\d{3}){2,}$/.test(cleaned)) {
    cleaned = cleaned.replaceAll('.', '');
  }
  const result = majorToMinorUnits(cleaned, currency);
  return result.ok ? { ok: true, value: result.value } : { ok: false, message: `${majorUnitsMessage(result, 'Value', currency)} (was "${text}")` };
}

/** The currency a symbol in the amount names ("€1.200" → EUR), or null. */
export function currencyOfSymbol(text: string): string | null {
  for (const [symbol, code] of Object.entries(SYMBOL_CURRENCIES)) if (text.includes(symbol)) return code;
  return null;
}

export function parseCurrency(text: string): CellResult<string> {
  const code = text.trim().toUpperCase();
  const symbol = SYMBOL_CURRENCIES[code];
  if (symbol) return { ok: true, value: symbol };
  return /^[A-Z]{3}$/.test(code) ? { ok: true, value: code } : { ok: false, message: `Currency "${text}" is not an ISO code such as EUR or USD` };
}

function utcDate(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/**
 * A date or date-time: ISO (2026-03-15, 2026-03-15T10:00:00Z, 2026-03-15 10:00), European
 * (15.03.2026) or US (03/15/2026, as HubSpot writes). A time without a zone is taken as UTC.
 */
export function parseDate(text: string): CellResult<Date> {
  const value = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (m) {
    if (m[7]) {
      const date = new Date(value.replace(' ', 'T'));
      if (!Number.isNaN(date.getTime())) return { ok: true, value: date };
    } else {
      const date = utcDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
      if (date) return { ok: true, value: date };
    }
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2}))?$/.exec(value);
  if (m) {
    const date = utcDate(Number(m[3]), Number(m[2]), Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0));
    if (date) return { ok: true, value: date };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2}))?$/.exec(value);
  if (m) {
    const date = utcDate(Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4] ?? 0), Number(m[5] ?? 0));
    if (date) return { ok: true, value: date };
  }
  return { ok: false, message: `"${text}" is not a date such as 2026-03-15` };
}

/** "Ada Lovelace (ada@example.com)" → name and email; a bare address is an email. */
export function splitNameAndEmail(text: string): { name: string | null; email: string | null } {
  const value = text.trim();
  const m = /^(.*?)\s*[(<]\s*([^()<>\s]+@[^()<>\s]+)\s*[)>]$/.exec(value);
  if (m) return { name: m[1]!.trim() || null, email: m[2]! };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { name: null, email: value };
  return { name: value || null, email: null };
}

/** "Ada Lovelace" → first and last name (the last word is the last name). */
export function splitFullName(name: string): { firstName: string; lastName: string } {
  const words = name.trim().split(/\s+/);
  if (words.length <= 1) return { firstName: words[0] ?? '', lastName: '' };
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1)! };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function parseEmail(text: string): CellResult<string> {
  const value = text.trim();
  return EMAIL.test(value) ? { ok: true, value } : { ok: false, message: `"${text}" is not an email address` };
}
