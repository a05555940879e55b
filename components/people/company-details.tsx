'use client';

import { deleteCompanyAction, mergeCompanyAction, previewCompanyMergeAction, updateCompanyAction } from '@/lib/actions/companies';
import { searchCompaniesAction } from '@/lib/actions/deal';
import type { SearchHit } from '@/lib/actions/search-hit';
import { EditableField, Empty } from '@/components/deal/editable-field';
import { Card } from '@/components/deal/ui';
import { DeleteRecordButton } from './delete-record-button';
import { TextEditor } from './field-editors';
import { MergeRecordButton } from './merge-record-button';

export interface CompanyDetailsData {
  id: string;
  name: string;
  domain: string | null;
  externalId: string | null;
}

/** The company's fields, each edited in place (saved through updateCompany); errors show under the field. */
export function CompanyDetails({ company }: { company: CompanyDetailsData }) {
  const save = (changes: Record<string, unknown>) => updateCompanyAction(company.id, changes);
  return (
    <Card label="Company details" title="Details">
      <EditableField
        label="Name"
        name="name"
        display={company.name}
        initial={company.name}
        renderEditor={(p) => <TextEditor {...p} maxLength={200} />}
        save={(draft) => save({ name: draft })}
      />
      <EditableField
        label="Domain"
        name="domain"
        display={
          company.domain ? (
            <a href={`https://${company.domain}`} target="_blank" rel="noreferrer noopener" className="text-blue-700 hover:underline">
              {company.domain}
            </a>
          ) : (
            <Empty />
          )
        }
        initial={company.domain ?? ''}
        renderEditor={(p) => <TextEditor {...p} inputMode="url" />}
        save={(draft) => save({ domain: draft })}
        hint="A website address works too; it is stored as the bare domain."
      />
      {company.externalId ? (
        <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 py-1.5 text-sm">
          <span className="text-slate-500">External ID</span>
          <span className="break-all text-slate-700">{company.externalId}</span>
        </div>
      ) : null}
    </Card>
  );
}

export function DeleteCompanyButton({ company }: { company: { id: string; name: string } }) {
  return (
    <DeleteRecordButton
      noun="company"
      name={company.name}
      listHref="/companies"
      consequence="The company disappears from lists and searches, and its contacts no longer name a company. Its deals stay as they are."
      remove={() => deleteCompanyAction(company.id)}
    />
  );
}

async function searchCompanies(q: string): Promise<SearchHit[]> {
  const result = await searchCompaniesAction(q);
  return result.ok ? result.data : [];
}

export function MergeCompanyButton({ company }: { company: { id: string; name: string } }) {
  return (
    <MergeRecordButton
      noun="company"
      record={company}
      search={searchCompanies}
      preview={() => previewCompanyMergeAction(company.id)}
      merge={(into) => mergeCompanyAction(company.id, into)}
    />
  );
}
