// The database of npm run bench:ui: a fresh embedded database with the demo workspace, plus the
// pipeline "Bench 5k" — six open stages holding 5,000 open deals, written in bulk (createMany and
// INSERT … SELECT) the way create-deal writes one deal: the deal at the end of its stage, its first
// stage-history row (from nothing), its contact and company links.
import fs from 'node:fs';
import { parseDatabaseUrl } from '../../lib/database/config';
import { openDatabase } from '../../lib/database/connect';
import { db, disconnectDb, setDatabaseConnection } from '../../lib/db';
import { toPublicId } from '../../lib/ids';
import { prepareDatabase } from '../lib/prepare-database';

export const BENCH_PIPELINE = 'Bench 5k';

const DAY = 86_400_000;

/** name, probability, rotting days, share of the 5,000 deals */
const STAGES: [string, number, number, number][] = [
  ['Lead In', 5, 21, 1400],
  ['Qualified', 10, 14, 1100],
  ['Contact Made', 20, 14, 900],
  ['Demo Scheduled', 40, 10, 700],
  ['Proposal Sent', 60, 10, 500],
  ['Negotiation', 80, 7, 400],
];

const COMPANY_FIRST = [
  'Northwind',
  'Brightline',
  'Cobalt',
  'Harborview',
  'Summit Ridge',
  'Pinecrest',
  'Redwood',
  'Lumen',
  'Atlas',
  'Quarry Lane',
  'Vantage Point',
  'Meridian',
  'Keystone',
  'Foxglove',
  'Granite Peak',
  'Tidewater',
  'Clearwater',
  'Ironbridge',
  'Maple & Oak',
  'Thistle & Finch',
  'Kingsbridge',
  'Halden',
  'Rheinwerk',
  'Elbe',
  'Lumière',
  'Grachten',
  'Nordfjord',
  'Southern Cross',
  'Lion City',
  'Kowhai',
];
const COMPANY_SECOND = [
  'Logistics',
  'Analytics',
  'Health',
  'Capital',
  'Manufacturing',
  'Software',
  'Retail Group',
  'Energy',
  'Freight',
  'Media',
  'Security',
  'Biotech',
  'Property',
  'Foods',
  'Insurance',
  'Marine',
  'Education',
  'Construction',
  'Legal',
  'Payments',
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
  'Kenji',
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
];
const PLANS = [
  'Starter plan',
  'Growth plan',
  'Enterprise plan',
  'Annual renewal',
  'Seat expansion',
  'Pilot',
  'Team rollout',
  'Multi-year agreement',
  'Support upgrade',
  'Platform migration',
];
const SOURCES = ['inbound', 'outbound', 'website', 'referral', 'event', 'partner'];
const TASKS = ['Follow-up call', 'Send proposal', 'Book the demo', 'Confirm budget', 'Send contract draft', 'Check in with champion'];
const REPS = ['Jordan Blake', 'Casey Moreno', 'Taylor Kim', 'Morgan Reid', 'Avery Shah', 'Quinn Walsh'];

/** A deterministic PRNG (mulberry32): the same data on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}

export interface UiBenchData {
  databaseUrl: string;
  demo: { publicId: string; name: string };
  bench: { publicId: string; stageCounts: number[] };
}

/** Deletes `dataDir`, loads the demo workspace into it, adds the 5,000-deal pipeline; closes it again. */
export async function prepareUiBenchDatabase(dataDir: string, log: (line: string) => void): Promise<UiBenchData> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const databaseUrl = `file:${dataDir}`;
  const config = parseDatabaseUrl(databaseUrl);
  let started = Date.now();
  await prepareDatabase(config, { seedDemo: true });
  log(`  demo workspace loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  started = Date.now();
  setDatabaseConnection(openDatabase(config));
  try {
    const demo = await db.pipeline.findFirstOrThrow({ where: { isDefault: true, deletedAt: null }, select: { id: true, name: true } });
    const bench = await addBenchPipeline();
    log(
      `  "${BENCH_PIPELINE}" (${bench.stageCounts.reduce((a, b) => a + b, 0).toLocaleString('en-US')} open deals in ${bench.stageCounts.length} stages) added in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return {
      databaseUrl,
      demo: { publicId: toPublicId('pipeline', demo.id), name: demo.name },
      bench: { publicId: toPublicId('pipeline', bench.id), stageCounts: bench.stageCounts },
    };
  } finally {
    await disconnectDb();
  }
}

async function addBenchPipeline(): Promise<{ id: number; stageCounts: number[] }> {
  const r = rng(0xbe5c5);
  const now = Date.now();
  const last = await db.pipeline.aggregate({ _max: { position: true } });
  const pipeline = await db.pipeline.create({
    data: {
      name: BENCH_PIPELINE,
      position: (last._max.position ?? 0) + 1,
      stages: { create: STAGES.map(([name, probability, rottingDays], position) => ({ name, probability, rottingDays, position })) },
    },
    include: { stages: { orderBy: { position: 'asc' } } },
  });

  await db.user.createMany({ data: REPS.map((name) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}@bench.dealboard.test`, role: 'rep' as const })) });
  const owners = (await db.user.findMany({ where: { role: { in: ['rep', 'manager'] } }, select: { id: true } })).map((u) => u.id);

  const companyNames = COMPANY_FIRST.flatMap((first) => COMPANY_SECOND.map((second) => `${first} ${second}`)).filter(() => r.next() < 0.6);
  const companies = await db.company.createManyAndReturn({
    data: companyNames.map((name) => ({
      name,
      domain: `${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      createdAt: new Date(now - r.int(200, 400) * DAY),
    })),
    select: { id: true, name: true, domain: true },
  });
  const contacts = await db.contact.createManyAndReturn({
    data: companies.flatMap((company) =>
      Array.from({ length: r.int(1, 3) }, () => {
        const firstName = r.pick(FIRST_NAMES);
        const lastName = r.pick(LAST_NAMES);
        return { firstName, lastName, email: `${firstName}.${lastName}.${company.id}@${company.domain}`.toLowerCase(), companyId: company.id };
      }),
    ),
    select: { id: true, companyId: true },
  });
  const contactsOf = new Map<number, number[]>();
  for (const c of contacts) contactsOf.set(c.companyId!, [...(contactsOf.get(c.companyId!) ?? []), c.id]);

  const deals = pipeline.stages.flatMap((stage, s) =>
    Array.from({ length: STAGES[s]![3] }, (_, i) => {
      const company = r.pick(companies);
      const createdAt = new Date(now - r.int(1, 120) * DAY - r.int(0, DAY));
      const currency = r.next() < 0.85 ? 'USD' : r.next() < 0.65 ? 'EUR' : 'GBP';
      return {
        name: `${company.name} – ${r.pick(PLANS)}`,
        pipelineId: pipeline.id,
        stageId: stage.id,
        value: BigInt(r.int(10, 2_500) * 10_000),
        currency,
        status: 'open' as const,
        expectedClose: r.next() < 0.8 ? new Date(now + r.int(-10, 120) * DAY) : null,
        ownerId: r.pick(owners),
        companyId: company.id,
        contactId: r.pick(contactsOf.get(company.id)!),
        source: r.pick(SOURCES),
        // create-deal puts each new deal at the end of its stage
        position: i + 1,
        stageEnteredAt: createdAt,
        // most deals were worked on lately; some are left to rot
        lastActivityAt: r.next() < 0.85 ? new Date(Math.max(createdAt.getTime(), now - r.int(0, r.next() < 0.8 ? 6 : 40) * DAY)) : null,
        createdAt,
        updatedAt: createdAt,
      };
    }),
  );
  await db.deal.createMany({ data: deals });

  // what create-deal writes next to each deal (its first history row, its links), and a pending task for most
  await db.$executeRaw`
    INSERT INTO stage_history (deal_id, from_stage_id, from_pipeline_id, to_stage_id, to_pipeline_id, changed_at, changed_by_id, source, value, currency, probability)
    SELECT d.id, NULL, NULL, d.stage_id, d.pipeline_id, d.created_at, d.owner_id, 'ui', d.value, d.currency, s.probability
    FROM deals d JOIN stages s ON s.id = d.stage_id WHERE d.pipeline_id = ${pipeline.id}`;
  await db.$executeRaw`INSERT INTO deal_contacts (deal_id, contact_id, created_at) SELECT id, contact_id, created_at FROM deals WHERE pipeline_id = ${pipeline.id}`;
  await db.$executeRaw`INSERT INTO deal_companies (deal_id, company_id, created_at) SELECT id, company_id, created_at FROM deals WHERE pipeline_id = ${pipeline.id}`;
  await db.$executeRaw`
    INSERT INTO tasks (deal_id, title, priority, status, due_at, assignee_id, created_by_id, created_at, updated_at)
    SELECT id, (${TASKS}::text[])[1 + id % ${TASKS.length}], 'medium', 'pending', now() + ((id % 21) - 5) * interval '1 day', owner_id, owner_id, created_at, created_at
    FROM deals WHERE pipeline_id = ${pipeline.id} AND id % 4 <> 0`;
  await db.$executeRawUnsafe('ANALYZE');
  return { id: pipeline.id, stageCounts: STAGES.map((s) => s[3]) };
}
