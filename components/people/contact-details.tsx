'use client';

import Link from 'next/link';
import { deleteContactAction, mergeContactAction, previewContactMergeAction, updateContactAction } from '@/lib/actions/contacts';
import { searchCompaniesAction, searchContactsAction } from '@/lib/actions/deal';
import { EditableField, Empty } from '@/components/deal/editable-field';
import type { SearchHit } from '@/components/deal/types';
import { Card } from '@/components/deal/ui';
import { DeleteRecordButton } from './delete-record-button';
import { CompanyEditor, TextEditor } from './field-editors';
import { MergeRecordButton } from './merge-record-button';

export interface ContactDetailsData {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  company: { id: string; name: string } | null;
}

async function searchCompanies(q: string): Promise<SearchHit[]> {
  const result = await searchCompaniesAction(q);
  return result.ok ? result.data : [];
}

/** The contact's fields, each edited in place (saved through updateContact); errors show under the field. */
export function ContactDetails({ contact }: { contact: ContactDetailsData }) {
  const save = (changes: Record<string, unknown>) => updateContactAction(contact.id, changes);
  return (
    <Card label="Contact details" title="Details">
      <EditableField
        label="First name"
        name="first_name"
        display={contact.firstName}
        initial={contact.firstName}
        renderEditor={(p) => <TextEditor {...p} maxLength={100} />}
        save={(draft) => save({ first_name: draft })}
      />
      <EditableField
        label="Last name"
        name="last_name"
        display={contact.lastName || <Empty />}
        initial={contact.lastName}
        renderEditor={(p) => <TextEditor {...p} maxLength={100} />}
        save={(draft) => save({ last_name: draft })}
      />
      <EditableField
        label="Email"
        name="email"
        display={
          contact.email ? (
            <a href={`mailto:${contact.email}`} className="text-blue-700 hover:underline">
              {contact.email}
            </a>
          ) : (
            <Empty />
          )
        }
        initial={contact.email ?? ''}
        renderEditor={(p) => <TextEditor {...p} inputMode="email" maxLength={254} />}
        save={(draft) => save({ email: draft })}
      />
      <EditableField
        label="Phone"
        name="phone"
        display={
          contact.phone ? (
            <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} className="text-blue-700 hover:underline">
              {contact.phone}
            </a>
          ) : (
            <Empty />
          )
        }
        initial={contact.phone ?? ''}
        renderEditor={(p) => <TextEditor {...p} inputMode="tel" maxLength={50} />}
        save={(draft) => save({ phone: draft })}
      />
      <EditableField
        label="Company"
        name="company_id"
        display={
          contact.company ? (
            <Link href={`/companies/${contact.company.id}`} className="text-blue-700 hover:underline">
              {contact.company.name}
            </Link>
          ) : (
            <Empty />
          )
        }
        initial={contact.company?.id ?? ''}
        renderEditor={(p) => <CompanyEditor props={p} current={contact.company} search={searchCompanies} />}
        save={(draft) => save({ company_id: draft || null })}
      />
      {contact.externalId ? (
        <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 py-1.5 text-sm">
          <span className="text-slate-500">External ID</span>
          <span className="break-all text-slate-700">{contact.externalId}</span>
        </div>
      ) : null}
    </Card>
  );
}

export function DeleteContactButton({ contact }: { contact: { id: string; name: string } }) {
  return (
    <DeleteRecordButton
      noun="contact"
      name={contact.name}
      listHref="/contacts"
      consequence="The contact disappears from lists and searches. Deals that name or link it keep working."
      remove={() => deleteContactAction(contact.id)}
    />
  );
}

async function searchContacts(q: string): Promise<SearchHit[]> {
  const result = await searchContactsAction(q);
  return result.ok ? result.data : [];
}

export function MergeContactButton({ contact }: { contact: { id: string; name: string } }) {
  return (
    <MergeRecordButton
      noun="contact"
      record={contact}
      search={searchContacts}
      preview={() => previewContactMergeAction(contact.id)}
      merge={(into) => mergeContactAction(contact.id, into)}
    />
  );
}
