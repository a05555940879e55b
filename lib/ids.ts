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
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const sqids = new Sqids({
  alphabet: 'k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDdHXLajZrfxNhobJIRcMvKt',
  minLength: 10,
});

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
