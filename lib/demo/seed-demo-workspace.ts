import 'server-only';
import { hashPassword } from 'better-auth/crypto';
import { computeLineItem, type LineAmounts } from '../money/line-item-totals';
import { DEMO_WORKSPACE_SETTING } from '../services/settings/demo-workspace-setting';
import { DEMO_PASSWORD } from './demo-accounts';
import type {
  ActivityStatus,
  ActivityType,
  ChangeSource,
  DealStatus,
  DiscountType,
  PrismaClient,
  StageOutcome,
  TaskPriority,
  TaskStatus,
  TaxType,
  UserRole,
} from '../generated/prisma/client';

// The demo workspace: a realistic, deterministic CRM (users, two pipelines, companies, contacts,
// products, ~200 deals with stage histories, line items, activities and tasks) for an EMPTY database.
// Everything is derived from `now` and a fixed-seed PRNG, so the same `now` gives identical data.
// The whole workspace is first planned in memory (no ids), then written in one transaction.
// It writes its rows itself rather than through lib/services: it is a script's data for an empty
// database, loaded once, not a rule any user action goes through.
// The change record keeps its rows as created by "system", with nobody acting: no person made them
// (the demo users are part of the data), and the transaction deliberately says no actor.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SEED = 0x5eed_dea1;

export interface SeedDemoWorkspaceResult {
  created: boolean;
  summary: Record<string, number>;
}

export async function seedDemoWorkspace({ db, now = new Date() }: { db: PrismaClient; now?: Date }): Promise<SeedDemoWorkspaceResult> {
  const plan = planDemoWorkspace(now);
  // hashed outside the transaction: the library's scrypt takes a while, and one hash serves all
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.$transaction(
    async (tx) => {
      const [users, pipelines] = await Promise.all([tx.user.count(), tx.pipeline.count()]);
      if (users > 0 || pipelines > 0) return { created: false, summary: {} };
      const summary = await writePlan(tx as unknown as PrismaClient, plan, passwordHash);
      await writeDemoExchangeRates(tx as unknown as PrismaClient, now);
      return { created: true, summary };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/**
 * Rates into the default home currency (USD), so converted report figures show both a rate change
 * within the history (EUR, two months ago) and money that cannot be converted (GBP has rates only
 * for the last month: older GBP amounts are shown apart, named).
 */
async function writeDemoExchangeRates(db: PrismaClient, now: Date): Promise<void> {
  const day = (daysAgo: number) => new Date(Math.floor((now.getTime() - daysAgo * DAY) / DAY) * DAY);
  await db.exchangeRate.createMany({
    data: [
      { base: 'USD', currency: 'EUR', rate: '1.08', validFrom: day(200) },
      { base: 'USD', currency: 'EUR', rate: '1.12', validFrom: day(60) },
      { base: 'USD', currency: 'GBP', rate: '1.27', validFrom: day(30) },
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

type Rng = ReturnType<typeof createRng>;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function createRng(seed: number) {
  const next = mulberry32(seed);
  const rng = {
    next,
    /** integer in [min, max] */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    /** float in [min, max) */
    float: (min: number, max: number) => min + next() * (max - min),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, weight] of entries) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return entries[entries.length - 1]![0];
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
  };
  return rng;
}

// ---------------------------------------------------------------------------------------------
// Static catalog

const USERS: { name: string; email: string; role: UserRole }[] = [
  { name: 'Maya Manager', email: 'manager@dealboard.test', role: 'manager' },
  { name: 'Riley Rep', email: 'rep@dealboard.test', role: 'rep' },
  { name: 'Sam Seller', email: 'sam@dealboard.test', role: 'rep' },
  { name: 'Ada Admin', email: 'admin@dealboard.test', role: 'admin' },
];
const MANAGER = 0;
const ADMIN = 3;
/** deal owners: the two reps carry most deals, the manager a few */
const OWNER_WEIGHTS: [number, number][] = [
  [1, 42],
  [2, 40],
  [MANAGER, 18],
];

interface StageSpec {
  name: string;
  probability: number;
  rottingDays: number | null;
  outcome: StageOutcome | null;
}

const PIPELINES: { name: string; isDefault: boolean; stages: StageSpec[] }[] = [
  {
    name: 'Sales',
    isDefault: true,
    stages: [
      { name: 'Qualified', probability: 10, rottingDays: 14, outcome: null },
      { name: 'Contact Made', probability: 20, rottingDays: 14, outcome: null },
      { name: 'Demo Scheduled', probability: 40, rottingDays: 10, outcome: null },
      { name: 'Proposal Sent', probability: 60, rottingDays: 10, outcome: null },
      { name: 'Won', probability: 100, rottingDays: null, outcome: 'won' },
      { name: 'Lost', probability: 0, rottingDays: null, outcome: 'lost' },
    ],
  },
  {
    name: 'Partnerships',
    isDefault: false,
    stages: [
      { name: 'Intro', probability: 10, rottingDays: 21, outcome: null },
      { name: 'Evaluation', probability: 30, rottingDays: 21, outcome: null },
      { name: 'Agreement', probability: 70, rottingDays: 14, outcome: null },
      { name: 'Signed', probability: 100, rottingDays: null, outcome: 'won' },
    ],
  },
];

export const DEMO_LOST_REASONS = ['Price too high', 'Chose a competitor', 'No budget', 'No decision / went dark', 'Timing', 'Missing feature'] as const;

type Region = 'AMER' | 'EMEA' | 'APAC';

interface CompanySpec {
  name: string;
  domain: string;
  region: Region;
  /** the currency its deals are usually quoted in */
  currency: 'USD' | 'EUR' | 'GBP';
  phone: (n: number) => string;
}

const usPhone = (area: string) => (n: number) => `+1 ${area} 555 01${String(n % 100).padStart(2, '0')}`;
const ukPhone = (n: number) => `+44 20 7946 0${String(n % 1000).padStart(3, '0')}`;
const dePhone = (n: number) => `+49 30 5550 ${String(1000 + (n % 9000))}`;
const frPhone = (n: number) => `+33 1 99 00 ${String(n % 100).padStart(2, '0')} ${String((n * 7) % 100).padStart(2, '0')}`;
const nlPhone = (n: number) => `+31 20 555 ${String(1000 + (n % 9000))}`;
const auPhone = (n: number) => `+61 2 5550 ${String(1000 + (n % 9000))}`;
const sgPhone = (n: number) => `+65 6555 ${String(1000 + (n % 9000))}`;

const COMPANIES: CompanySpec[] = [
  { name: 'Northwind Logistics', domain: 'northwindlogistics.com', region: 'AMER', currency: 'USD', phone: usPhone('312') },
  { name: 'Brightline Analytics', domain: 'brightline-analytics.io', region: 'AMER', currency: 'USD', phone: usPhone('415') },
  { name: 'Cobalt Health Systems', domain: 'cobalthealth.com', region: 'AMER', currency: 'USD', phone: usPhone('617') },
  { name: 'Harborview Capital', domain: 'harborviewcap.com', region: 'AMER', currency: 'USD', phone: usPhone('212') },
  { name: 'Summit Ridge Manufacturing', domain: 'summitridgemfg.com', region: 'AMER', currency: 'USD', phone: usPhone('303') },
  { name: 'Pinecrest Software', domain: 'pinecrestsoftware.com', region: 'AMER', currency: 'USD', phone: usPhone('206') },
  { name: 'Redwood Retail Group', domain: 'redwoodretail.com', region: 'AMER', currency: 'USD', phone: usPhone('916') },
  { name: 'Lumen Energy Partners', domain: 'lumenenergy.co', region: 'AMER', currency: 'USD', phone: usPhone('713') },
  { name: 'Atlas Freight Co.', domain: 'atlasfreight.com', region: 'AMER', currency: 'USD', phone: usPhone('404') },
  { name: 'Quarry Lane Media', domain: 'quarrylane.media', region: 'AMER', currency: 'USD', phone: usPhone('323') },
  { name: 'Vantage Point Security', domain: 'vantagepointsec.com', region: 'AMER', currency: 'USD', phone: usPhone('703') },
  { name: 'Meridian Biotech', domain: 'meridianbio.com', region: 'AMER', currency: 'USD', phone: usPhone('858') },
  { name: 'Keystone Property Management', domain: 'keystonepm.com', region: 'AMER', currency: 'USD', phone: usPhone('215') },
  { name: 'Foxglove Foods', domain: 'foxglovefoods.com', region: 'AMER', currency: 'USD', phone: usPhone('503') },
  { name: 'Granite Peak Insurance', domain: 'granitepeakins.com', region: 'AMER', currency: 'USD', phone: usPhone('801') },
  { name: 'Tidewater Marine Services', domain: 'tidewatermarine.com', region: 'AMER', currency: 'USD', phone: usPhone('757') },
  { name: 'Clearwater Education', domain: 'clearwater.edu.example', region: 'AMER', currency: 'USD', phone: usPhone('727') },
  { name: 'Ironbridge Construction', domain: 'ironbridgebuild.com', region: 'AMER', currency: 'USD', phone: usPhone('614') },
  { name: 'Maple & Oak Legal', domain: 'mapleoaklegal.ca', region: 'AMER', currency: 'USD', phone: usPhone('416') },
  { name: 'Thistle & Finch Ltd', domain: 'thistlefinch.co.uk', region: 'EMEA', currency: 'GBP', phone: ukPhone },
  { name: 'Kingsbridge Payments', domain: 'kingsbridgepay.co.uk', region: 'EMEA', currency: 'GBP', phone: ukPhone },
  { name: 'Halden Recruitment', domain: 'haldenrecruit.co.uk', region: 'EMEA', currency: 'GBP', phone: ukPhone },
  { name: 'Rheinwerk Automation GmbH', domain: 'rheinwerk-automation.de', region: 'EMEA', currency: 'EUR', phone: dePhone },
  { name: 'Elbe Mobility GmbH', domain: 'elbemobility.de', region: 'EMEA', currency: 'EUR', phone: dePhone },
  { name: 'Lumière Cosmétiques', domain: 'lumiere-cosmetiques.fr', region: 'EMEA', currency: 'EUR', phone: frPhone },
  { name: 'Grachten Data B.V.', domain: 'grachtendata.nl', region: 'EMEA', currency: 'EUR', phone: nlPhone },
  { name: 'Nordfjord Seafood AS', domain: 'nordfjordseafood.no', region: 'EMEA', currency: 'EUR', phone: nlPhone },
  { name: 'Southern Cross Telecom', domain: 'southerncrosstel.com.au', region: 'APAC', currency: 'USD', phone: auPhone },
  { name: 'Lion City Fintech', domain: 'lioncityfintech.sg', region: 'APAC', currency: 'USD', phone: sgPhone },
  { name: 'Kowhai Agritech', domain: 'kowhaiagritech.co.nz', region: 'APAC', currency: 'USD', phone: auPhone },
];

const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Ethan',
  'Sophia',
  'Lucas',
  'Isabella',
  'Mason',
  'Mia',
  'Logan',
  'Amelia',
  'James',
  'Harper',
  'Benjamin',
  'Evelyn',
  'Elijah',
  'Abigail',
  'Daniel',
  'Priya',
  'Mateo',
  'Chloe',
  'Hiroshi',
  'Fatima',
  'Jonas',
  'Ingrid',
  'Rafael',
  'Nadia',
  'Tobias',
  'Aisha',
  'Marco',
  'Leah',
  'Owen',
  'Zoe',
  'Samuel',
  'Grace',
  'Kenji',
  'Lena',
  'Victor',
];
const LAST_NAMES = [
  'Carter',
  'Nguyen',
  'Patel',
  'Schmidt',
  'Okafor',
  'Rossi',
  'Kowalski',
  'Fischer',
  'Moreau',
  'Silva',
  'Bennett',
  'Hughes',
  'Larsen',
  'Tanaka',
  'Murphy',
  'Alvarez',
  'Brooks',
  'Jensen',
  'Khan',
  'Walsh',
  'Dubois',
  'Romero',
  'Novak',
  'Lindqvist',
  'Harper',
  'Sato',
  'Mendes',
  'Foster',
  'Reyes',
  'Whitaker',
  'Van Dijk',
  'Becker',
  'Oduya',
  'Castillo',
  'Ward',
  'Ibrahim',
  'Keller',
  'Lam',
  'Morgan',
  'Price',
];

interface ProductSpec {
  name: string;
  sku: string;
  unitPrice: bigint;
  taxRate: string;
  taxLabel: string | null;
  unit: string;
  description: string;
  active: boolean;
  /** a quantity for a line of this product (a decimal string) */
  quantity: (rng: Rng) => string;
}

const seats = (rng: Rng) =>
  String(
    rng.weighted([
      [rng.int(5, 25), 5],
      [rng.int(26, 80), 3],
      [rng.int(81, 250), 1],
    ]),
  );
const hours = (rng: Rng) => rng.pick(['8', '12.5', '16', '20', '24', '32.5', '40', '60', '80']);
const few = (rng: Rng) => String(rng.int(1, 4));
const one = () => '1';

const PRODUCTS: ProductSpec[] = [
  {
    name: 'Starter plan (annual)',
    sku: 'DB-STARTER-12',
    unitPrice: 36_000n,
    taxRate: '0',
    taxLabel: null,
    unit: 'seat',
    description: 'Pipeline board, contacts and email sync for small teams, billed yearly per seat.',
    active: true,
    quantity: seats,
  },
  {
    name: 'Growth plan (annual)',
    sku: 'DB-GROWTH-12',
    unitPrice: 78_000n,
    taxRate: '7.5',
    taxLabel: 'Sales tax',
    unit: 'seat',
    description: 'Multiple pipelines, automations, forecasting and reporting, billed yearly per seat.',
    active: true,
    quantity: seats,
  },
  {
    name: 'Enterprise plan (annual)',
    sku: 'DB-ENTERPRISE-12',
    unitPrice: 150_000n,
    taxRate: '20',
    taxLabel: 'VAT',
    unit: 'seat',
    description: 'SSO, audit log, custom roles, sandbox and a 99.9% uptime SLA, billed yearly per seat.',
    active: true,
    quantity: seats,
  },
  {
    name: 'Onboarding package',
    sku: 'DB-ONBOARD',
    unitPrice: 450_000n,
    taxRate: '0',
    taxLabel: null,
    unit: 'package',
    description: 'Guided setup: pipeline design, data import and two admin training sessions.',
    active: true,
    quantity: one,
  },
  {
    name: 'Implementation services',
    sku: 'DB-IMPL-HR',
    unitPrice: 17_500n,
    taxRate: '0',
    taxLabel: null,
    unit: 'hour',
    description: 'Solution consultant time for configuration and workflow design.',
    active: true,
    quantity: hours,
  },
  {
    name: 'Custom integration',
    sku: 'DB-INTEG-HR',
    unitPrice: 21_000n,
    taxRate: '7.5',
    taxLabel: 'Sales tax',
    unit: 'hour',
    description: 'Engineering time to connect Dealboard to in-house systems.',
    active: true,
    quantity: hours,
  },
  {
    name: 'Premium support',
    sku: 'DB-SUPPORT-PREM',
    unitPrice: 600_000n,
    taxRate: '20',
    taxLabel: 'VAT',
    unit: 'license',
    description: '24/7 support with a named technical account manager, per year.',
    active: true,
    quantity: one,
  },
  {
    name: 'API access add-on',
    sku: 'DB-API-ADDON',
    unitPrice: 240_000n,
    taxRate: '7.5',
    taxLabel: 'Sales tax',
    unit: 'license',
    description: 'Higher rate limits and webhooks for the REST API, per year.',
    active: true,
    quantity: few,
  },
  {
    name: 'Data migration',
    sku: 'DB-MIGRATION',
    unitPrice: 320_000n,
    taxRate: '0',
    taxLabel: null,
    unit: 'project',
    description: 'Fixed-scope migration of deals, contacts and history from another CRM.',
    active: true,
    quantity: one,
  },
  {
    name: 'Admin training workshop',
    sku: 'DB-TRAINING',
    unitPrice: 180_000n,
    taxRate: '20',
    taxLabel: 'VAT',
    unit: 'session',
    description: 'Half-day remote workshop for up to 12 administrators.',
    active: true,
    quantity: few,
  },
  {
    name: 'Basic plan (legacy)',
    sku: 'DB-BASIC-LEGACY',
    unitPrice: 24_000n,
    taxRate: '0',
    taxLabel: null,
    unit: 'seat',
    description: 'Retired entry plan; existing customers only.',
    active: false,
    quantity: seats,
  },
  {
    name: 'Analytics add-on (beta)',
    sku: 'DB-ANALYTICS-BETA',
    unitPrice: 120_000n,
    taxRate: '7.5',
    taxLabel: 'Sales tax',
    unit: 'license',
    description: 'Beta dashboards; superseded by built-in reporting.',
    active: false,
    quantity: few,
  },
];

const SALES_PLANS = [
  'Starter plan',
  'Growth plan',
  'Enterprise plan',
  'Annual renewal',
  'Seat expansion',
  'Pilot',
  'Team rollout',
  'Multi-year agreement',
  'Support upgrade',
  'Onboarding',
  'API add-on',
  'Platform migration',
  'Regional rollout',
  'Sales team licences',
];
const PARTNER_PLANS = [
  'Reseller agreement',
  'Referral partnership',
  'Technology integration',
  'Co-marketing program',
  'Implementation partnership',
  'Marketplace listing',
  'Strategic alliance',
];

const SOURCES: [string, number][] = [
  ['inbound', 28],
  ['outbound', 24],
  ['website', 18],
  ['referral', 14],
  ['event', 10],
  ['partner', 6],
];

// ---------------------------------------------------------------------------------------------
// The plan (pure data, indices instead of ids)

interface PlannedCompany {
  name: string;
  domain: string;
  region: Region;
  currency: 'USD' | 'EUR' | 'GBP';
  createdAt: Date;
}

interface PlannedContact {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  company: number;
  createdAt: Date;
}

interface PlannedMove {
  fromStage: number | null; // stage index within the pipeline
  toStage: number;
  changedAt: Date;
  changedBy: number; // user index
  source: ChangeSource;
  value: bigint;
  reason: string | null;
}

interface PlannedLineItem {
  product: number;
  name: string;
  description: string;
  unitPrice: bigint;
  quantity: string;
  discountType: DiscountType;
  discountValue: string;
  taxRate: string;
  taxLabel: string | null;
  unit: string;
  amounts: LineAmounts;
}

interface PlannedActivity {
  type: ActivityType;
  status: ActivityStatus;
  subject: string;
  body: string | null;
  occurredAt: Date;
  owner: number;
}

interface PlannedTask {
  title: string;
  priority: TaskPriority;
  status: TaskStatus;
  dueAt: Date;
  completedAt: Date | null;
  assignee: number;
  createdBy: number;
  createdAt: Date;
}

interface PlannedDeal {
  name: string;
  pipeline: number;
  stage: number;
  value: bigint;
  currency: string;
  status: DealStatus;
  lostReason: string | null;
  expectedClose: Date;
  closedAt: Date | null;
  owner: number;
  company: number;
  contact: number;
  extraContacts: number[];
  source: string;
  customFields: Record<string, string | number | boolean>;
  taxType: TaxType;
  stageEnteredAt: Date;
  lastActivityAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  position: number;
  history: PlannedMove[];
  lineItems: PlannedLineItem[];
  activities: PlannedActivity[];
  tasks: PlannedTask[];
}

interface Plan {
  setupAt: Date;
  companies: PlannedCompany[];
  contacts: PlannedContact[];
  deals: PlannedDeal[];
}

type Category = 'open' | 'rotting' | 'stalled' | 'won' | 'lost';

function planDemoWorkspace(now: Date): Plan {
  const nowMs = now.getTime();
  const setupAt = new Date(nowMs - 190 * DAY);
  const rng = createRng(SEED);

  // companies and their people
  const companies: PlannedCompany[] = COMPANIES.map((c, i) => ({
    name: c.name,
    domain: c.domain,
    region: c.region,
    currency: c.currency,
    createdAt: new Date(setupAt.getTime() + DAY + i * 3 * HOUR + rng.int(0, 59) * MINUTE),
  }));
  const contactCompanies = [...COMPANIES.map((_, i) => i), ...COMPANIES.map((_, i) => i), ...rng.shuffle(COMPANIES.map((_, i) => i)).slice(0, 20)].sort(
    (a, b) => a - b,
  );
  const usedNames = new Set<string>();
  const contacts: PlannedContact[] = contactCompanies.map((company, i) => {
    let firstName: string;
    let lastName: string;
    do {
      firstName = rng.pick(FIRST_NAMES);
      lastName = rng.pick(LAST_NAMES);
    } while (usedNames.has(`${firstName} ${lastName}`));
    usedNames.add(`${firstName} ${lastName}`);
    const spec = COMPANIES[company]!;
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
    return {
      firstName,
      lastName,
      email: `${local}@${spec.domain}`,
      phone: spec.phone(10 + i),
      company,
      createdAt: new Date(companies[company]!.createdAt.getTime() + rng.int(1, 72) * HOUR),
    };
  });
  const contactsByCompany = new Map<number, number[]>();
  contacts.forEach((c, i) => {
    contactsByCompany.set(c.company, [...(contactsByCompany.get(c.company) ?? []), i]);
  });

  // deal skeletons: exact counts per pipeline and category, then shuffled
  const skeletons: { pipeline: number; category: Category }[] = [];
  const add = (pipeline: number, category: Category, count: number) => {
    for (let i = 0; i < count; i++) skeletons.push({ pipeline, category });
  };
  add(0, 'open', 106);
  add(0, 'rotting', 7);
  add(0, 'stalled', 6);
  add(0, 'won', 23);
  add(0, 'lost', 18);
  add(1, 'open', 28);
  add(1, 'rotting', 3);
  add(1, 'stalled', 2);
  add(1, 'won', 7);
  const order = rng.shuffle(skeletons);

  const usedDealNames = new Set<string>();
  const deals = order.map((skeleton) => planDeal(rng, nowMs, skeleton, companies, contactsByCompany, usedDealNames));

  // line items on ~25% of deals (USD ones: the catalog is priced in USD)
  const usdDeals = deals.filter((d) => d.currency === 'USD');
  for (const deal of rng.shuffle(usdDeals).slice(0, 50)) addLineItems(rng, deal, usedDealNames);

  // activities and tasks, now that every deal's timeline is known
  for (const deal of deals) {
    planActivities(rng, nowMs, deal, contacts[deal.contact]!, companies[deal.company]!);
    planTasks(rng, nowMs, deal, contacts[deal.contact]!, companies[deal.company]!);
    deal.updatedAt = new Date(Math.max(deal.stageEnteredAt.getTime(), deal.lastActivityAt?.getTime() ?? 0));
  }

  // ids follow creation order, as in a real workspace; board order inside a stage: oldest first
  deals.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.name.localeCompare(b.name));
  const perStage = new Map<string, number>();
  for (const deal of deals) {
    const key = `${deal.pipeline}:${deal.stage}`;
    const count = (perStage.get(key) ?? 0) + 1;
    perStage.set(key, count);
    deal.position = count * 1000;
  }

  return { setupAt, companies, contacts, deals };
}

function planDeal(
  rng: Rng,
  nowMs: number,
  { pipeline, category }: { pipeline: number; category: Category },
  companies: PlannedCompany[],
  contactsByCompany: Map<number, number[]>,
  usedDealNames: Set<string>,
): PlannedDeal {
  const stages = PIPELINES[pipeline]!.stages;
  const openStages = stages.map((s, i) => [s, i] as const).filter(([s]) => s.outcome === null);
  const wonStage = stages.findIndex((s) => s.outcome === 'won');
  const lostStage = stages.findIndex((s) => s.outcome === 'lost');

  // who, for whom
  const company = rng.int(0, companies.length - 1);
  const companyContacts = contactsByCompany.get(company)!;
  const contact = rng.pick(companyContacts);
  const extraContacts = companyContacts.length > 1 && rng.chance(0.2) ? [companyContacts.find((c) => c !== contact)!] : [];
  const owner = rng.weighted(OWNER_WEIGHTS);
  let name: string;
  do {
    name = `${companies[company]!.name} – ${rng.pick(pipeline === 0 ? SALES_PLANS : PARTNER_PLANS)}`;
  } while (usedDealNames.has(name));
  usedDealNames.add(name);
  const currency = companies[company]!.currency !== 'USD' && rng.chance(0.7) ? companies[company]!.currency : 'USD';
  const source =
    pipeline === 1
      ? rng.weighted<string>([
          ['partner', 6],
          ['referral', 2],
          ['event', 2],
        ])
      : rng.weighted(SOURCES);

  // the path through the stages (indices), ending at the current stage
  let current: number;
  if (category === 'won') current = wonStage;
  else if (category === 'lost') current = lostStage;
  else current = rng.weighted(openStages.map(([, i], k) => [i, openStages.length + 1 - k] as const));
  const lastOpen =
    category === 'won' ? openStages[openStages.length - 1]![1] : category === 'lost' ? rng.weighted(openStages.map(([, i]) => [i, 1] as const)) : current;
  const path: number[] = [];
  for (let s = 0; s <= lastOpen; s++) {
    // won deals occasionally skip a middle stage
    if (category === 'won' && s > 0 && s < lastOpen && rng.chance(0.1)) continue;
    path.push(s);
  }
  if (path.length >= 3 && rng.chance(0.12)) {
    // one step back and forward again (e.g. a demo had to be re-run)
    const at = rng.int(2, path.length - 1);
    const back = path[at - 1]!;
    const again = path[at]!;
    path.splice(at + 1, 0, back, again);
  }
  if (category === 'won' || category === 'lost') path.push(current);

  // timing: when the deal reached its current stage, and how long the road there took
  const rotting = stages[current]!.rottingDays;
  let lastMs: number;
  if (category === 'won' || category === 'lost') lastMs = nowMs - rng.float(1, 150) * DAY;
  else if (category === 'rotting') lastMs = nowMs - (rotting! + rng.float(3, 25)) * DAY;
  else lastMs = nowMs - rng.float(2 / 24, rotting! - 1.5) * DAY;
  lastMs = Math.floor(lastMs / MINUTE) * MINUTE;
  const oldest = nowMs - 182 * DAY;
  const moves = path.length - 1;
  let spanMs = 0;
  for (let i = 0; i < moves; i++) spanMs += rng.float(2, 16) * DAY;
  spanMs = Math.min(spanMs, lastMs - oldest);
  const fractions = Array.from({ length: Math.max(0, moves - 1) }, () => rng.next()).sort((a, b) => a - b);
  const firstMs = Math.floor((lastMs - spanMs) / MINUTE) * MINUTE;
  const times = [firstMs, ...fractions.map((f) => Math.floor((firstMs + f * spanMs) / MINUTE) * MINUTE)];
  if (moves > 0) times.push(lastMs);
  for (let i = 1; i < times.length; i++) if (times[i]! <= times[i - 1]!) times[i] = times[i - 1]! + 7 * MINUTE;
  if (times[times.length - 1]! > nowMs) throw new Error('demo seed: a stage move landed in the future');

  // value: a first estimate that firms up as the deal moves
  const range = pipeline === 0 ? ([3_000, 120_000] as const) : ([10_000, 250_000] as const);
  const major = Math.round(Math.exp(rng.float(Math.log(range[0]), Math.log(range[1]))) / 50) * 50;
  const finalValue = BigInt(major) * 100n;
  const values: bigint[] = [];
  let estimate = BigInt(Math.round((major * rng.float(0.75, 1.15)) / 500) * 500 || 500) * 100n;
  for (let i = 0; i < path.length; i++) {
    if (i === path.length - 1) values.push(finalValue);
    else {
      values.push(estimate);
      if (rng.chance(0.3)) estimate = ((estimate + finalValue) / 2n / 100n) * 100n;
    }
  }

  const firstSource: ChangeSource = rng.weighted([
    ['ui', 80],
    ['api', 12],
    ['import', 8],
  ]);
  const history: PlannedMove[] = path.map((stage, i) => ({
    fromStage: i === 0 ? null : path[i - 1]!,
    toStage: stage,
    changedAt: new Date(times[i]!),
    // imports are run by the admin; otherwise the owner moves the deal, sometimes the manager
    changedBy: i === 0 ? (firstSource === 'import' ? ADMIN : rng.chance(0.8) ? owner : MANAGER) : rng.chance(0.85) ? owner : MANAGER,
    source:
      i === 0
        ? firstSource
        : rng.weighted([
            ['ui', 88],
            ['api', 12],
          ]),
    value: values[i]!,
    reason: null,
  }));

  const lostReason = category === 'lost' ? rng.pick(DEMO_LOST_REASONS) : null;
  if (lostReason) history[history.length - 1]!.reason = lostReason;
  const closedAt = category === 'won' || category === 'lost' ? new Date(lastMs) : null;

  let expectedClose: Date;
  if (closedAt) expectedClose = startOfDay(closedAt.getTime() + rng.int(-10, 20) * DAY);
  else if (rng.chance(0.08)) expectedClose = startOfDay(nowMs - rng.int(1, 14) * DAY);
  else expectedClose = startOfDay(nowMs + rng.int(5, 120) * DAY);

  const region = companies[company]!.region;
  const customFields: Record<string, string | number | boolean> = {};
  if (rng.chance(0.65)) {
    customFields.lead_score = rng.int(15, 98);
    customFields.region = region;
    customFields.renewal = pipeline === 0 && /renewal|expansion/i.test(name);
  } else if (rng.chance(0.3)) {
    customFields.region = region;
  }

  return {
    name,
    pipeline,
    stage: current,
    value: finalValue,
    currency,
    status: category === 'rotting' ? 'open' : category,
    lostReason,
    expectedClose,
    closedAt,
    owner,
    company,
    contact,
    extraContacts,
    source,
    customFields,
    taxType: 'exclusive',
    stageEnteredAt: new Date(times[times.length - 1]!),
    lastActivityAt: null,
    createdAt: new Date(times[0]!),
    updatedAt: new Date(times[times.length - 1]!),
    position: 0,
    history,
    lineItems: [],
    activities: [],
    tasks: [],
  };
}

function startOfDay(ms: number): Date {
  return new Date(Math.floor(ms / DAY) * DAY);
}

function addLineItems(rng: Rng, deal: PlannedDeal, usedDealNames: Set<string>): void {
  deal.taxType = rng.weighted<TaxType>([
    ['exclusive', 70],
    ['inclusive', 15],
    ['no_tax', 15],
  ]);
  const active = PRODUCTS.map((p, i) => [p, i] as const).filter(([p]) => p.active);
  const count = rng.weighted([
    [1, 3],
    [2, 4],
    [3, 3],
    [4, 1],
  ]);
  const chosen = rng.shuffle(active).slice(0, count);
  deal.lineItems = chosen.map(([product, index]) => {
    const quantity = product.quantity(rng);
    let discountType: DiscountType = 'percent';
    let discountValue = '0';
    const roll = rng.next();
    if (roll < 0.3) discountValue = rng.pick(['5', '10', '12.5', '15', '20']);
    else if (roll < 0.45) {
      const { subtotal } = computeLineItem({ unitPrice: product.unitPrice, quantity, discountType: 'percent', discountValue: '0', taxRate: '0' }, 'no_tax');
      const fixed = ((subtotal * BigInt(rng.int(3, 15))) / 100n / 5_000n) * 5_000n; // whole $50s
      if (fixed > 0n) {
        discountType = 'fixed';
        discountValue = fixed.toString();
      }
    }
    const line = {
      unitPrice: product.unitPrice,
      quantity,
      discountType,
      discountValue,
      taxRate: product.taxRate,
      taxType: deal.taxType,
    };
    return {
      product: index,
      name: product.name,
      description: product.description,
      unitPrice: product.unitPrice,
      quantity,
      discountType,
      discountValue,
      taxRate: product.taxRate,
      taxLabel: product.taxLabel,
      unit: product.unit,
      amounts: computeLineItem(line, line.taxType),
    };
  });
  const total = deal.lineItems.reduce((sum, l) => sum + l.amounts.total, 0n);
  deal.value = total;
  // the value on the most recent move is the quoted one
  deal.history[deal.history.length - 1]!.value = total;
  // name the deal after its main product when that name is still free
  const plan = PRODUCTS[chosen[0]![1]]!.name.replace(/ \(.*\)$/, '');
  const renamed = `${deal.name.slice(0, deal.name.indexOf(' – '))} – ${plan}`;
  if (!usedDealNames.has(renamed)) {
    usedDealNames.delete(deal.name);
    usedDealNames.add(renamed);
    deal.name = renamed;
  }
}

const CALL_SUBJECTS = [
  'Discovery call with {first}',
  'Follow-up call with {first}',
  'Pricing call with {first}',
  'Check-in call with {first}',
  'Intro call: {company}',
];
const MEETING_SUBJECTS = [
  'Product demo for {company}',
  'Requirements workshop with {first}',
  'Security review with {company} IT',
  'Stakeholder meeting at {company}',
  'Contract walkthrough with {first}',
];
const EMAIL_SUBJECTS = [
  'Sent recap and next steps to {first}',
  'Shared case studies with {first}',
  'Sent proposal to {company}',
  'Answered procurement questions',
  'Sent pricing options to {first}',
];
const NOTE_SUBJECTS = [
  'Budget confirmed for next quarter',
  'Decision maker is {first} {last}',
  'Competitor also in the running',
  'Needs SSO and audit log',
  'Legal review expected to take two weeks',
  'Champion is keen; CFO sign-off pending',
];
const NOTE_BODIES = [
  '{first} mentioned they currently track deals in spreadsheets and want a shared board for the whole team.',
  'They are comparing us with two other vendors; reporting and the API are the deciding factors.',
  'Procurement needs a security questionnaire and our DPA before signing.',
  'Follow up after their quarterly planning; {first} will loop in finance.',
  null,
];

function fill(template: string, contact: PlannedContact, company: PlannedCompany): string {
  return template.replaceAll('{first}', contact.firstName).replaceAll('{last}', contact.lastName).replaceAll('{company}', company.name);
}

function planActivities(rng: Rng, nowMs: number, deal: PlannedDeal, contact: PlannedContact, company: PlannedCompany): void {
  const startMs = deal.createdAt.getTime();
  const enteredMs = deal.stageEnteredAt.getTime();
  const rottingDays = PIPELINES[deal.pipeline]!.stages[deal.stage]!.rottingDays;
  const isOpen = deal.closedAt === null;
  const rotting = isOpen && rottingDays !== null && nowMs - enteredMs > rottingDays * DAY;
  // completed activities happen between creation and: close, the rotting threshold, or now
  const endMs = deal.closedAt ? deal.closedAt.getTime() : rotting ? Math.max(startMs, enteredMs) : nowMs - 30 * MINUTE;
  const fresh = isOpen && !rotting;
  const completed = fresh
    ? rng.weighted([
        [0, 3],
        [1, 4],
        [2, 2],
      ])
    : rng.weighted([
        [1, 4],
        [2, 4],
        [3, 2],
      ]);
  const times: number[] = [];
  for (let i = 0; i < completed; i++) times.push(startMs + rng.next() * Math.max(0, endMs - startMs));
  if (fresh) {
    // recent activity since the deal entered its stage keeps it fresh
    times.push(enteredMs + rng.float(0.1, 1) * Math.max(0, endMs - enteredMs));
  }
  const make = (status: ActivityStatus, ms: number): PlannedActivity => {
    const type = rng.weighted<ActivityType>([
      ['call', 30],
      ['email', 30],
      ['meeting', 20],
      ['note', 20],
    ]);
    const subjects = { call: CALL_SUBJECTS, meeting: MEETING_SUBJECTS, email: EMAIL_SUBJECTS, note: NOTE_SUBJECTS }[type];
    const bodyTemplate = type === 'note' ? rng.pick(NOTE_BODIES) : rng.chance(0.3) ? rng.pick(NOTE_BODIES) : null;
    return {
      type,
      status,
      subject: fill(rng.pick(subjects), contact, company),
      body: bodyTemplate ? fill(bodyTemplate, contact, company) : null,
      occurredAt: new Date(Math.floor(ms / MINUTE) * MINUTE),
      owner: rng.chance(0.85) ? deal.owner : MANAGER,
    };
  };
  deal.activities = times.sort((a, b) => a - b).map((ms) => make('completed', ms));
  if (isOpen && deal.status === 'open' && rng.chance(0.35)) {
    deal.activities.push(make('planned', nowMs + rng.float(0.5, 21) * DAY));
  }
  const last = deal.activities.filter((a) => a.status === 'completed').at(-1);
  deal.lastActivityAt = last ? last.occurredAt : null;
}

const OPEN_TASKS = [
  'Send follow-up email to {first}',
  'Schedule demo with {first}',
  'Prepare proposal for {company}',
  'Confirm budget and timeline with {first}',
  'Send security questionnaire answers to {company}',
  'Book pricing review with {first}',
  'Check in on contract status',
  'Update expected close date',
  'Introduce {first} to solutions engineer',
];
const DONE_TASKS = [
  'Send recap to {first}',
  'Share case study with {company}',
  'Collect requirements from {first}',
  'Send order form to {company}',
  'Log demo feedback',
];

function planTasks(rng: Rng, nowMs: number, deal: PlannedDeal, contact: PlannedContact, company: PlannedCompany): void {
  const startMs = deal.createdAt.getTime();
  const endMs = deal.closedAt ? deal.closedAt.getTime() : nowMs;
  const count = deal.closedAt
    ? rng.weighted([
        [0, 2],
        [1, 3],
      ])
    : rng.weighted([
        [0, 4],
        [1, 5],
        [2, 1],
      ]);
  for (let i = 0; i < count; i++) {
    const createdMs = Math.floor((startMs + rng.next() * Math.max(0, endMs - startMs) * 0.8) / MINUTE) * MINUTE;
    const priority = rng.weighted<TaskPriority>([
      ['low', 2],
      ['medium', 5],
      ['high', 3],
    ]);
    const assignee = rng.chance(0.9) ? deal.owner : MANAGER;
    const createdBy = rng.chance(0.8) ? assignee : MANAGER;
    const doneEarlier = deal.closedAt !== null || rng.chance(0.2);
    if (doneEarlier) {
      const dueMs = createdMs + rng.int(1, 7) * DAY;
      const completedMs = Math.min(endMs, createdMs + rng.float(0.1, 6) * DAY, nowMs - HOUR);
      deal.tasks.push({
        title: fill(rng.pick(DONE_TASKS), contact, company),
        priority,
        status: 'completed',
        dueAt: startOfDay(dueMs),
        completedAt: new Date(Math.max(createdMs + MINUTE, Math.floor(completedMs / MINUTE) * MINUTE)),
        assignee,
        createdBy,
        createdAt: new Date(createdMs),
      });
    } else {
      const overdueDays = rng.int(1, 10);
      const overdue = rng.chance(0.3) && startMs < nowMs - (overdueDays + 1) * DAY;
      const dueMs = overdue ? nowMs - overdueDays * DAY : nowMs + rng.int(1, 21) * DAY;
      deal.tasks.push({
        title: fill(rng.pick(OPEN_TASKS), contact, company),
        priority,
        status: 'pending',
        dueAt: new Date(Math.floor(dueMs / DAY) * DAY + 17 * HOUR),
        completedAt: null,
        assignee,
        createdBy,
        createdAt: new Date(Math.max(startMs, Math.min(createdMs, dueMs - DAY))),
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing the plan

async function writePlan(tx: PrismaClient, plan: Plan, passwordHash: string): Promise<Record<string, number>> {
  const setupAt = plan.setupAt;

  const users = await tx.user.createManyAndReturn({
    data: USERS.map((u, i) => ({
      ...u,
      emailVerified: true,
      createdAt: new Date(setupAt.getTime() + i * MINUTE),
      updatedAt: new Date(setupAt.getTime() + i * MINUTE),
    })),
    select: { id: true, email: true },
  });
  const userIds = USERS.map((u) => users.find((row) => row.email === u.email)!.id);
  await tx.account.createMany({
    data: userIds.map((userId, i) => ({
      userId,
      providerId: 'credential',
      accountId: String(userId),
      password: passwordHash,
      createdAt: new Date(setupAt.getTime() + i * MINUTE),
      updatedAt: new Date(setupAt.getTime() + i * MINUTE),
    })),
  });

  // pipelines and stages, one pipeline at a time (stage ids per pipeline)
  const stageIds: number[][] = [];
  const pipelineIds: number[] = [];
  for (const [position, spec] of PIPELINES.entries()) {
    const at = new Date(setupAt.getTime() + HOUR + position * MINUTE);
    const pipeline = await tx.pipeline.create({
      data: {
        name: spec.name,
        position,
        isDefault: spec.isDefault,
        createdAt: at,
        updatedAt: at,
        stages: {
          create: spec.stages.map((s, i) => ({
            name: s.name,
            position: i,
            probability: s.probability,
            rottingDays: s.rottingDays,
            outcome: s.outcome,
            createdAt: at,
            updatedAt: at,
          })),
        },
      },
      select: { id: true, stages: { select: { id: true, position: true } } },
    });
    pipelineIds.push(pipeline.id);
    stageIds.push(spec.stages.map((_, i) => pipeline.stages.find((s) => s.position === i)!.id));
  }

  const settingsAt = new Date(setupAt.getTime() + 2 * HOUR);
  await tx.lostReason.createMany({
    data: DEMO_LOST_REASONS.map((label, position) => ({ label, position, createdAt: settingsAt })),
  });
  await tx.setting.createMany({
    data: [
      { key: 'lostReasons.allowFreeText', value: true, updatedAt: settingsAt },
      { key: DEMO_WORKSPACE_SETTING, value: true, updatedAt: settingsAt },
    ],
  });
  await tx.customFieldDefinition.createMany({
    data: [
      { entity: 'deal', key: 'lead_score', label: 'Lead score', type: 'number', position: 0, createdAt: settingsAt, updatedAt: settingsAt },
      {
        entity: 'deal',
        key: 'region',
        label: 'Region',
        type: 'select',
        options: ['EMEA', 'AMER', 'APAC'],
        position: 1,
        createdAt: settingsAt,
        updatedAt: settingsAt,
      },
      { entity: 'deal', key: 'renewal', label: 'Renewal', type: 'boolean', position: 2, createdAt: settingsAt, updatedAt: settingsAt },
    ],
  });

  const products = await tx.product.createManyAndReturn({
    data: PRODUCTS.map((p, i) => {
      const at = new Date(setupAt.getTime() + 3 * HOUR + i * MINUTE);
      return {
        name: p.name,
        sku: p.sku,
        unitPrice: p.unitPrice,
        currency: 'USD',
        taxRate: p.taxRate,
        taxLabel: p.taxLabel,
        unit: p.unit,
        description: p.description,
        active: p.active,
        createdAt: at,
        updatedAt: at,
      };
    }),
    select: { id: true, sku: true },
  });
  const productIds = PRODUCTS.map((p) => products.find((row) => row.sku === p.sku)!.id);

  const companies = await tx.company.createManyAndReturn({
    data: plan.companies.map((c) => ({ name: c.name, domain: c.domain, createdAt: c.createdAt, updatedAt: c.createdAt })),
    select: { id: true, name: true },
  });
  const companyIds = plan.companies.map((c) => companies.find((row) => row.name === c.name)!.id);

  const contacts = await tx.contact.createManyAndReturn({
    data: plan.contacts.map((c) => ({
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      phone: c.phone,
      companyId: companyIds[c.company]!,
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
    })),
    select: { id: true, email: true },
  });
  const contactIdByEmail = new Map(contacts.map((row) => [row.email, row.id]));
  const contactIds = plan.contacts.map((c) => contactIdByEmail.get(c.email)!);

  const dealRows = await tx.deal.createManyAndReturn({
    data: plan.deals.map((d) => ({
      name: d.name,
      pipelineId: pipelineIds[d.pipeline]!,
      stageId: stageIds[d.pipeline]![d.stage]!,
      value: d.value,
      currency: d.currency,
      status: d.status,
      lostReason: d.lostReason,
      expectedClose: d.expectedClose,
      closedAt: d.closedAt,
      ownerId: userIds[d.owner]!,
      contactId: contactIds[d.contact]!,
      companyId: companyIds[d.company]!,
      source: d.source,
      customFields: d.customFields,
      position: d.position,
      taxType: d.taxType,
      stageEnteredAt: d.stageEnteredAt,
      lastActivityAt: d.lastActivityAt,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      version: 1,
    })),
    select: { id: true, name: true },
  });
  const dealIdByName = new Map(dealRows.map((row) => [row.name, row.id]));
  const dealIds = plan.deals.map((d) => dealIdByName.get(d.name)!);

  const dealContacts = plan.deals.flatMap((d, i) =>
    [d.contact, ...d.extraContacts].map((c) => ({ dealId: dealIds[i]!, contactId: contactIds[c]!, createdAt: d.createdAt })),
  );
  const dealCompanies = plan.deals.map((d, i) => ({ dealId: dealIds[i]!, companyId: companyIds[d.company]!, createdAt: d.createdAt }));

  const history = plan.deals
    .flatMap((d, i) =>
      d.history.map((m) => ({
        dealId: dealIds[i]!,
        fromStageId: m.fromStage === null ? null : stageIds[d.pipeline]![m.fromStage]!,
        toStageId: stageIds[d.pipeline]![m.toStage]!,
        fromPipelineId: m.fromStage === null ? null : pipelineIds[d.pipeline]!,
        toPipelineId: pipelineIds[d.pipeline]!,
        changedAt: m.changedAt,
        changedById: userIds[m.changedBy]!,
        source: m.source,
        value: m.value,
        currency: d.currency,
        probability: PIPELINES[d.pipeline]!.stages[m.toStage]!.probability,
        reason: m.reason,
      })),
    )
    .sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime() || a.dealId - b.dealId);

  const lineItems = plan.deals.flatMap((d, i) =>
    d.lineItems.map((l, position) => ({
      dealId: dealIds[i]!,
      productId: productIds[l.product]!,
      name: l.name,
      description: l.description,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      discountType: l.discountType,
      discountValue: l.discountValue,
      taxLabel: l.taxLabel,
      taxRate: l.taxRate,
      unit: l.unit,
      position,
      subtotal: l.amounts.subtotal,
      discount: l.amounts.discount,
      tax: l.amounts.tax,
      total: l.amounts.total,
      createdAt: d.stageEnteredAt,
      updatedAt: d.stageEnteredAt,
    })),
  );

  const activities = plan.deals
    .flatMap((d, i) =>
      d.activities.map((a) => ({
        dealId: dealIds[i]!,
        type: a.type,
        status: a.status,
        subject: a.subject,
        body: a.body,
        occurredAt: a.occurredAt,
        ownerId: userIds[a.owner]!,
        // planned activities were put in the calendar at the deal's last move
        createdAt: a.status === 'completed' ? a.occurredAt : d.updatedAt,
        updatedAt: a.status === 'completed' ? a.occurredAt : d.updatedAt,
      })),
    )
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.dealId - b.dealId);

  const tasks = plan.deals
    .flatMap((d, i) =>
      d.tasks.map((t) => ({
        dealId: dealIds[i]!,
        title: t.title,
        priority: t.priority,
        status: t.status,
        dueAt: t.dueAt,
        completedAt: t.completedAt,
        assigneeId: userIds[t.assignee]!,
        createdById: userIds[t.createdBy]!,
        createdAt: t.createdAt,
        updatedAt: t.completedAt ?? t.createdAt,
      })),
    )
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.dealId - b.dealId);

  await tx.dealContact.createMany({ data: dealContacts });
  await tx.dealCompany.createMany({ data: dealCompanies });
  await tx.stageHistory.createMany({ data: history });
  await tx.dealLineItem.createMany({ data: lineItems });
  await tx.activity.createMany({ data: activities });
  await tx.task.createMany({ data: tasks });

  return {
    users: USERS.length,
    pipelines: PIPELINES.length,
    stages: PIPELINES.reduce((n, p) => n + p.stages.length, 0),
    companies: plan.companies.length,
    contacts: plan.contacts.length,
    products: PRODUCTS.length,
    deals: plan.deals.length,
    stageHistory: history.length,
    lineItems: lineItems.length,
    activities: activities.length,
    tasks: tasks.length,
    lostReasons: DEMO_LOST_REASONS.length,
    customFields: 3,
  };
}
