import type { ChangeNames } from '@/lib/change-record/describe-change';
import type { PublicChangeEvent } from '@/lib/change-record/present-change-event';

// What the deal page (a server component) hands the workspace (client components): plain JSON —
// public IDs, ISO date strings, money as integer minor-unit strings, decimals as strings.

export type DealStatus = 'open' | 'won' | 'lost' | 'stalled';
export type TaxType = 'exclusive' | 'inclusive' | 'no_tax';
export type DiscountType = 'percent' | 'fixed';
export type ActivityType = 'call' | 'meeting' | 'email' | 'note';
export type ActivityStatus = 'planned' | 'completed' | 'cancelled';
export type TaskPriority = 'low' | 'medium' | 'high';

export interface Option {
  id: string;
  name: string;
}

export interface StageOption {
  id: string;
  name: string;
  probability: number;
  outcome: 'won' | 'lost' | null;
}

export interface PipelineOption {
  id: string;
  name: string;
  stages: StageOption[];
}

export interface DealData {
  id: string;
  version: number;
  name: string;
  value: string;
  currency: string;
  status: DealStatus;
  lostReason: string | null;
  expectedClose: string | null;
  closedAt: string | null;
  source: string | null;
  taxType: TaxType;
  customFields: Record<string, unknown>;
  pipeline: Option;
  stage: StageOption & { rottingDays: number | null };
  stageEnteredAt: string;
  lastActivityAt: string | null;
  owner: Option | null;
  contact: (Option & { email: string | null }) | null;
  company: (Option & { domain: string | null }) | null;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryEntry {
  id: string;
  from: { id: string; name: string; outcome: 'won' | 'lost' | null } | null;
  to: { id: string; name: string; outcome: 'won' | 'lost' | null };
  changedAt: string;
  changedBy: string | null;
  source: 'ui' | 'api' | 'import';
  reason: string | null;
}

export interface LineItemData {
  id: string;
  productId: string | null;
  name: string;
  description: string | null;
  unitPrice: string;
  quantity: string;
  discountType: DiscountType;
  discountValue: string;
  taxRate: string;
  taxLabel: string | null;
  unit: string | null;
  subtotal: string;
  discount: string;
  tax: string;
  total: string;
}

export interface ProductOption {
  id: string;
  name: string;
  sku: string | null;
  unitPrice: string;
  currency: string;
  taxRate: string;
  taxLabel: string | null;
  unit: string | null;
}

export interface ActivityData {
  id: string;
  type: ActivityType;
  status: ActivityStatus;
  subject: string;
  body: string | null;
  occurredAt: string;
  owner: string | null;
  ownerId: string | null;
}

export interface TaskData {
  id: string;
  title: string;
  priority: TaskPriority;
  status: 'pending' | 'completed';
  dueAt: string | null;
  completedAt: string | null;
  assignee: string | null;
  assigneeId: string | null;
}

export interface LinkedContact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

export interface LinkedCompany {
  id: string;
  name: string;
  domain: string | null;
}

export interface CustomFieldDefinitionData {
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'boolean' | 'select';
  options: string[];
  required: boolean;
}

export interface LostReasonPolicyData {
  allowFreeText: boolean;
  activeLabels: string[];
}

/** A page of the Changes timeline, newest first: the events and the names they mention. */
export interface DealChangesPage {
  events: PublicChangeEvent[];
  names: ChangeNames;
  nextCursor: string | null;
}

export interface DealWorkspaceData {
  deal: DealData;
  history: HistoryEntry[];
  changes: DealChangesPage;
  lineItems: LineItemData[];
  lineTotals: { subtotal: string; discount: string; tax: string; total: string };
  activities: ActivityData[];
  tasks: TaskData[];
  contacts: LinkedContact[];
  companies: LinkedCompany[];
  pipelines: PipelineOption[];
  users: Option[];
  products: ProductOption[];
  customFieldDefinitions: CustomFieldDefinitionData[];
  lostReasonPolicy: LostReasonPolicyData;
  /**
   * Why the viewer may look at this deal but not change it ("reps edit only their own deals" is on
   * and someone else owns it), or null when they may change it. Activities and tasks stay open to
   * them; the server refuses the rest anyway, so this only spares them controls that cannot work.
   */
  viewOnly: string | null;
  /** why the viewer may not hand this deal to someone else (a restricted rep on their own deal), or null */
  ownerReadOnly: string | null;
  /** when the server rendered this: "now" for overdue tasks and time in stage, the same on both sides */
  renderedAt: string;
}

export type { SearchHit } from '@/lib/actions/search-hit';
