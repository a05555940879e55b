'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from './types';
import { inputClass, Spinner } from './ui';

// A search-as-you-type picker (ARIA combobox with a listbox popup): type to search, arrows to move,
// Enter or a click to pick, Escape to close. `search` runs on the server (contacts, companies) or
// locally (the product catalog); answers that arrive out of order are ignored.

export function SearchPicker({
  label,
  placeholder,
  search,
  onPick,
  exclude = [],
  disabled = false,
  autoFocus = false,
  describedBy,
  invalid = false,
  emptyText = 'No matches',
  className = '',
}: {
  label: string;
  placeholder?: string;
  search: (q: string) => Promise<SearchHit[]> | SearchHit[];
  onPick: (hit: SearchHit) => void;
  exclude?: string[];
  disabled?: boolean;
  autoFocus?: boolean;
  describedBy?: string;
  invalid?: boolean;
  emptyText?: string;
  className?: string;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [active, setActive] = useState(0);
  const latest = useRef(0);
  const rootRef = useRef<HTMLDivElement>(null);

  const visible = (hits ?? []).filter((hit) => !exclude.includes(hit.id));

  // biome-ignore lint/correctness/useExhaustiveDependencies: `search` is recreated by parents on every render; the query and openness decide a search
  useEffect(() => {
    if (!open) return;
    const ticket = ++latest.current;
    setLoading(true);
    const timer = setTimeout(
      async () => {
        try {
          const found = await search(query.trim());
          if (ticket === latest.current) {
            setHits(found);
            setActive(0);
          }
        } finally {
          if (ticket === latest.current) setLoading(false);
        }
      },
      query ? 180 : 0,
    );
    return () => clearTimeout(timer);
  }, [query, open]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const pick = (hit: SearchHit) => {
    onPick(hit);
    setQuery('');
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, Math.max(visible.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      if (open && visible[active]) {
        event.preventDefault();
        pick(visible[active]);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
      }
    }
  };

  return (
    <div ref={rootRef} className={`relative min-w-0 ${className}`}>
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && visible[active] ? `${id}-opt-${visible[active].id}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        disabled={disabled}
        value={query}
        placeholder={placeholder ?? 'Search…'}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        className={inputClass}
      />
      {loading && open ? (
        <span className="pointer-events-none absolute top-2 right-2 text-slate-500">
          <Spinner />
        </span>
      ) : null}
      {open ? (
        <div
          id={listId}
          role="listbox"
          aria-label={label}
          className="absolute z-30 mt-1 max-h-64 w-full min-w-56 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {hits === null ? (
            <div className="px-3 py-2 text-slate-500">Searching…</div>
          ) : visible.length === 0 ? (
            <div className="px-3 py-2 text-slate-500">{loading ? 'Searching…' : emptyText}</div>
          ) : (
            visible.map((hit, index) => (
              // The combobox pattern: focus stays in the input, which moves the active option
              // (aria-activedescendant) with the arrow keys, so options take no focus or keys.
              // biome-ignore lint/a11y/useFocusableInteractive: see above
              // biome-ignore lint/a11y/useKeyWithClickEvents: see above
              <div
                key={hit.id}
                id={`${id}-opt-${hit.id}`}
                role="option"
                aria-selected={index === active}
                onPointerDown={(e) => e.preventDefault()}
                onClick={() => pick(hit)}
                onMouseEnter={() => setActive(index)}
                className={`cursor-pointer px-3 py-1.5 ${index === active ? 'bg-blue-50 text-blue-900' : 'text-slate-800'}`}
              >
                <span className="block truncate font-medium" title={hit.name}>
                  {hit.name}
                </span>
                {hit.detail ? <span className="block truncate text-xs text-slate-500">{hit.detail}</span> : null}
              </div>
            ))
          )}
        </div>
      ) : null}
    </div>
  );
}
