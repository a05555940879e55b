import { describe, expect, it } from 'vitest';
import { pruneEventsCommand } from '../../../lib/cli/prune-events-command';
import { db } from '../../../lib/db';
import { pruneChangeEvents } from '../../../lib/services/change-events/prune-change-events';
import { createUserWithKey } from '../../setup/api';

// Retention: npm run cli -- events prune deletes the events older than the configured age, in
// batches, and keeps the rest; only admins may prune.

const DAY_MS = 86_400_000;

async function companyEvents(names: string[]) {
  for (const name of names) await db.company.create({ data: { name } });
  return db.changeEvent.findMany({ where: { recordType: 'company', type: 'company.created' }, orderBy: { id: 'asc' } });
}

describe('events prune', () => {
  it('removes the events older than the given age and keeps the recent ones', async () => {
    await createUserWithKey('admin');
    const events = await companyEvents(['Old 1', 'Old 2', 'Old 3', 'Recent 1', 'Recent 2']);
    const old = events.filter((event) => (event.record as { name: string }).name.startsWith('Old'));
    // the oldest events of a record kept for years: set back in time
    await db.changeEvent.updateMany({ where: { id: { in: old.map((event) => event.id) } }, data: { occurredAt: new Date(Date.now() - 500 * DAY_MS) } });
    await db.changeEvent.update({ where: { id: events.at(-1)!.id }, data: { occurredAt: new Date(Date.now() - 399 * DAY_MS) } });
    const before = await db.changeEvent.count();

    const printed: string[] = [];
    const deleted = await pruneEventsCommand(400, (line) => printed.push(line));
    expect(deleted).toBe(3);
    expect(printed.at(-1)).toMatch(/^Deleted 3 change events older than 400 days \(before \d{4}-\d{2}-\d{2}T/);
    expect(await db.changeEvent.count()).toBe(before - 3);
    const left = await db.changeEvent.findMany({ where: { recordType: 'company' }, orderBy: { id: 'asc' } });
    expect(left.map((event) => (event.record as { name: string }).name)).toEqual(['Recent 1', 'Recent 2']);

    expect(await pruneEventsCommand(400, () => {})).toBe(0);
  });

  it('deletes in batches', async () => {
    const { user } = await createUserWithKey('admin');
    await db.company.createMany({ data: Array.from({ length: 12 }, (_, i) => ({ name: `Batch ${i}` })) });
    const batches: number[] = [];
    // every event so far is older than "now + 1 day"
    const { deleted } = await pruneChangeEvents({
      ctx: { user, source: 'api', channel: 'cli' },
      input: { olderThanDays: 0, now: new Date(Date.now() + DAY_MS), batchSize: 5, onBatch: (soFar) => batches.push(soFar) },
    });
    expect(deleted).toBeGreaterThanOrEqual(12);
    expect(batches.length).toBe(Math.ceil(deleted / 5));
    expect(batches.at(-1)).toBe(deleted);
    expect(await db.changeEvent.count()).toBe(0);
  });

  it('is refused to anyone but an admin', async () => {
    const { user } = await createUserWithKey('manager');
    await expect(pruneChangeEvents({ ctx: { user, source: 'api' }, input: { olderThanDays: 1 } })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
