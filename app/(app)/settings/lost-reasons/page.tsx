import type { Metadata } from 'next';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { toPublicId } from '@/lib/ids';
import { listLostReasons } from '@/lib/services/lost-reasons/list-lost-reasons';
import { canConfigureWorkspace } from '@/lib/services/permissions';
import { getLostReasonSettings } from '@/lib/services/settings/lost-reason-settings';
import { LostReasonsManager } from '@/components/settings/lost-reasons-manager';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Lost reasons · Settings' };

// /settings/lost-reasons – the reasons reps pick when a deal is lost, and whether free text is allowed
export default async function LostReasonsSettingsPage() {
  const ctx = await getBrowserContext();
  const [{ rows }, settings] = await Promise.all([listLostReasons({ ctx, input: { limit: 200 } }), getLostReasonSettings({ ctx })]);
  return (
    <div className="mx-auto max-w-3xl p-4 sm:p-6">
      <LostReasonsManager
        reasons={rows.map((r) => ({ id: toPublicId('lostReason', r.id), label: r.label, active: r.active }))}
        allowFreeText={settings.allowFreeText}
        readOnly={!canConfigureWorkspace(ctx)}
      />
    </div>
  );
}
