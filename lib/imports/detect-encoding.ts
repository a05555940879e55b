// Which encoding a CSV file is in: valid UTF-8 (with or without a byte order mark) is UTF-8;
// anything else is taken as Windows-1252, what spreadsheets on Windows write. Pure.

export type CsvEncoding = 'utf-8' | 'windows-1252';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

/** The encoding of a file read piece by piece: every piece is pushed in order, then `encoding()` answers. */
export function encodingDetector() {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let valid = true;
  return {
    push(piece: Uint8Array): void {
      if (!valid) return;
      try {
        utf8.decode(piece, { stream: true });
      } catch {
        valid = false;
      }
    },
    /** true once a piece was not UTF-8: the rest need not be pushed */
    get decided(): boolean {
      return !valid;
    },
    encoding(): CsvEncoding {
      if (valid) {
        try {
          utf8.decode(); // a multi-byte character cut off at the end
        } catch {
          valid = false;
        }
      }
      return valid ? 'utf-8' : 'windows-1252';
    },
  };
}

export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  const detector = encodingDetector();
  detector.push(bytes);
  return detector.encoding();
}
