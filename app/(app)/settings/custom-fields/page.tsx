import type { Metadata } from 'next';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { toPublicId } from '@/lib/ids';
import { listCustomFieldDefinitions } from '@/lib/services/custom-fields/list-custom-field-definitions';
import { canConfigureWorkspace } from '@/lib/services/permissions';
import { CustomFieldsManager, type SettingsCustomField } from '@/components/settings/custom-fields-manager';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Custom fields · Settings' };

// /settings/custom-fields – the custom deal field definitions: list, add, edit, delete
export default async function CustomFieldsSettingsPage() {
  const ctx = await getBrowserContext();
  const definitions = await listCustomFieldDefinitions({ ctx });
  const fields: SettingsCustomField[] = definitions.map((d) => ({
    id: toPublicId('customField', d.id),
    key: d.key,
    label: d.label,
    type: d.type,
    options: Array.isArray(d.options) ? d.options.filter((o): o is string => typeof o === 'string') : [],
    required: d.required,
  }));
  return (
    <div className="mx-auto max-w-6xl p-4 sm:p-6">
      <CustomFieldsManager fields={fields} readOnly={!canConfigureWorkspace(ctx)} />
    </div>
  );
}
