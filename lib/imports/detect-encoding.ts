// Which encoding a CSV file is in: valid UTF-8 (with or without a byte order mark) is UTF-8;
// anything else is taken as Windows-1252, what spreadsheets on Windows write. Pure.

export type CsvEncoding = 'utf-8' | 'windows-1252';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}
