'use client';

import { Button } from '@/components/deal/ui';
import { PencilIcon, TrashIcon } from '@/components/ui/icons';

/** A settings table row's Edit and Delete buttons (labelled with what they act on, e.g. "Edit product Widget"). */
export function RowActions({ what, hydrated, onEdit, onDelete }: { what: string; hydrated: boolean; onEdit: () => void; onDelete: () => void }) {
  return (
    <td className="whitespace-nowrap px-3 py-2 text-right">
      <Button size="icon-sm" tone="ghost" aria-label={`Edit ${what}`} title="Edit" disabled={!hydrated} onClick={onEdit}>
        <PencilIcon />
      </Button>
      <Button size="icon-sm" tone="ghost" aria-label={`Delete ${what}`} title="Delete" className="hover:text-rose-700" onClick={onDelete}>
        <TrashIcon />
      </Button>
    </td>
  );
}
