import type { LostReasonPolicy } from '@/lib/services/lost-reasons/get-lost-reason-policy';

// What the server page hands the deals table's client components: plain, already formatted values
// (dates in UTC with a fixed locale, so the server's HTML and the browser's first render agree).

export interface DealsTableItem {
  /** deal_… */
  id: string;
  name: string;
  value: string;
  /** the value in the home currency at today's rates, formatted; null when it has no rate today */
  convertedValue: string | null;
  /** why it could not be converted ("no CHF rate") */
  missingRate: string | null;
  status: 'open' | 'won' | 'lost' | 'stalled';
  /** lost deals only; null: none given */
  lostReason: string | null;
  pipelineName: string;
  stageName: string;
  ownerName: string | null;
  companyName: string | null;
  expectedClose: string | null;
  updated: string;
  created: string;
}

export interface StageOption {
  /** stg_… */
  id: string;
  name: string;
  outcome: 'won' | 'lost' | null;
}

export interface DealsTableOptions {
  pipelines: { id: string; name: string; stages: StageOption[] }[];
  /** owners: user_… and name */
  users: { id: string; name: string }[];
  lostReasonPolicy: LostReasonPolicy;
  /** the workspace's lost reasons (retired ones too), for the loss-reason filter */
  lostReasons: string[];
  /** other reasons lost deals carry (free text), A→Z */
  otherLossReasons: string[];
}
