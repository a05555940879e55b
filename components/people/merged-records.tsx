import { Card } from '@/components/deal/ui';

// The records merged into this one: their own values (an email or domain the survivor did not
// take, a name spelled another way) stay visible here rather than vanish (decision 020).

export function MergedRecords({ records }: { records: { key: string; name: string; details: (string | null)[] }[] }) {
  if (records.length === 0) return null;
  return (
    <Card label="Merged records" title={`Merged records (${records.length})`}>
      <ul className="-my-1 divide-y divide-slate-100">
        {records.map((record) => (
          <li key={record.key} className="py-2 text-sm">
            <span className="font-medium text-slate-800">{record.name}</span>
            {record.details.some(Boolean) ? <span className="block text-xs break-all text-slate-500">{record.details.filter(Boolean).join(' · ')}</span> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
