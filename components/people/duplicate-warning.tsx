import Link from 'next/link';
import type { DuplicateHits, SearchHit } from '@/lib/actions/search-hit';
import { WarningIcon } from '@/components/ui/icons';

// What the contact and company forms say about records the one being entered may duplicate: the
// same email / domain is a warning with a link to each; the same name only is a softer hint.
// Neither blocks saving (two records may rightly share an address).

const WORDING = {
  contact: { path: '/contacts', exact: 'Another contact has this email', similar: 'Another contact has the same name' },
  company: { path: '/companies', exact: 'Another company has this domain', similar: 'Another company has the same name' },
} as const;

function HitLinks({ hits, path }: { hits: SearchHit[]; path: string }) {
  return (
    <ul className="mt-1 space-y-0.5">
      {hits.map((hit) => (
        <li key={hit.id} className="min-w-0 truncate">
          <Link href={`${path}/${hit.id}`} className="font-medium text-blue-700 underline-offset-2 hover:underline">
            {hit.name}
          </Link>
          {hit.detail ? <span className="text-slate-500"> · {hit.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function DuplicateWarning({ hits, noun, createAnyway = true }: { hits: DuplicateHits | null; noun: 'contact' | 'company'; createAnyway?: boolean }) {
  const wording = WORDING[noun];
  return (
    <div role="status" aria-live="polite">
      {hits && hits.exact.length > 0 ? (
        <div className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <WarningIcon className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" />
          <div className="min-w-0 flex-1">
            <p className="font-medium">{wording.exact}:</p>
            <HitLinks hits={hits.exact} path={wording.path} />
            {createAnyway ? <p className="mt-1 text-xs text-amber-800">Open it instead, or create this one anyway.</p> : null}
          </div>
        </div>
      ) : null}
      {hits && hits.similar.length > 0 ? (
        <div className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600 first:mt-0">
          <p>{wording.similar}:</p>
          <HitLinks hits={hits.similar} path={wording.path} />
        </div>
      ) : null}
    </div>
  );
}
