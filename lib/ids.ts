import Sqids from 'sqids';

// The native API shows every record's integer identity as an opaque prefixed string
// (deal_…, stg_…), derived from the integer and reversible, so no lookup column or join is needed
// (docs/decisions/002-public-ids.md). A string with another kind's prefix never decodes.

export const ID_PREFIX = {
  deal: 'deal',
  pipeline: 'pipe',
  stage: 'stg',
  contact: 'cont',
  company: 'comp',
  product: 'prod',
  user: 'user',
  activity: 'act',
  task: 'task',
  stageHistory: 'sh',
  lineItem: 'li',
  customField: 'cf',
  lostReason: 'lr',
  apiKey: 'key',
  webhookEndpoint: 'wh',
  import: 'imp',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

export const SQIDS_OPTIONS = {
  alphabet: 'k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDdHXLajZrfxNhobJIRcMvKt',
  minLength: 10,
};

const sqids = new Sqids(SQIDS_OPTIONS);

/**
 * Sqids' own blocklist rule, with the list compiled once: of an encoding's ~35 µs, ~28 µs went to
 * testing it against the blocklist's ~500 words one by one (a `/\d/` test and a substring search
 * each). Same answers (a unit test compares both on every word, 20,000 random strings and 22,000
 * encodings), so every public ID stays what it was:
 * - an ID of up to 3 characters is blocked when it is a word;
 * - a longer one when it starts or ends with a word of more than 3 characters that holds a digit,
 *   or contains a word of more than 3 characters without digits (shorter words never block it).
 */
export function compileBlocklist(blocklist: Iterable<string>): (id: string) => boolean {
  const words = new Set(blocklist);
  const long = [...words].filter((word) => word.length > 3);
  const pattern = (list: string[]) => list.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const withDigit = long.filter((word) => /\d/.test(word));
  const withoutDigit = long.filter((word) => !/\d/.test(word));
  const never = /(?!)/;
  const starts = withDigit.length ? new RegExp(`^(?:${pattern(withDigit)})`) : never;
  const ends = withDigit.length ? new RegExp(`(?:${pattern(withDigit)})$`) : never;
  const contains = withoutDigit.length ? new RegExp(pattern(withoutDigit)) : never;
  return (id) => {
    const lower = id.toLowerCase();
    if (lower.length <= 3) return words.has(lower);
    return starts.test(lower) || ends.test(lower) || contains.test(lower);
  };
}

// Sqids keeps the check private; the instance's own property takes the prototype method's place.
const internals = sqids as unknown as { blocklist: Set<string>; isBlockedId: (id: string) => boolean };
internals.isBlockedId = compileBlocklist(internals.blocklist);

// Sqids encoding costs ~20 µs; a list of 50 deals shows ~250 IDs. Encodings never change, so the
// recent ones are kept (bounded, oldest dropped first), both ways: a canonical encoding seen here
// decodes without Sqids (every API request decodes the IDs in its path and body).
const ENCODED_CACHE_MAX = 200_000;
const encodedCache = new Map<number, string>();
const decodedCache = new Map<string, number>();

function encode(id: number): string {
  let encoded = encodedCache.get(id);
  if (encoded === undefined) {
    encoded = sqids.encode([id]);
    if (encodedCache.size >= ENCODED_CACHE_MAX) {
      const oldest = encodedCache.keys().next().value!;
      decodedCache.delete(encodedCache.get(oldest)!);
      encodedCache.delete(oldest);
    }
    encodedCache.set(id, encoded);
    decodedCache.set(encoded, id);
  }
  return encoded;
}

export function toPublicId(kind: IdKind, id: number): string {
  return `${ID_PREFIX[kind]}_${encode(id)}`;
}

/** The integer identity behind a public ID of this kind, or null when it is not one. */
export function fromPublicId(kind: IdKind, publicId: string): number | null {
  const prefix = `${ID_PREFIX[kind]}_`;
  if (typeof publicId !== 'string' || !publicId.startsWith(prefix)) return null;
  const encoded = publicId.slice(prefix.length);
  const known = decodedCache.get(encoded);
  if (known !== undefined) return known;
  const decoded = sqids.decode(encoded);
  const id = decoded.length === 1 ? decoded[0] : undefined;
  // sqids decodes some strings that are not its canonical encoding: accept only the canonical one
  if (id === undefined || !Number.isSafeInteger(id) || id < 1 || encode(id) !== encoded) return null;
  return id;
}
