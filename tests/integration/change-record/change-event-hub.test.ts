import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db';
import { setChangeActor } from '../../../lib/change-record/change-actor';
import { stopChangeEventHub, subscribeToChangeEvents } from '../../../lib/change-record/change-event-hub';
import type { ChangeEventRow } from '../../../lib/change-record/read-change-events';
import { createUserWithKey } from '../../setup/api';

// The process's change-event hub hears commits (NOTIFY) and hands on the events, in order, once.

afterAll(async () => {
  await stopChangeEventHub();
});

function collector() {
  const seen: ChangeEventRow[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  return {
    seen,
    listener: (events: ChangeEventRow[]) => {
      seen.push(...events);
      for (const waiter of waiters) if (seen.length >= waiter.count) waiter.resolve();
    },
    until: (count: number) =>
      new Promise<void>((resolve) => {
        if (seen.length >= count) resolve();
        else waiters.push({ count, resolve });
      }),
  };
}

describe('change event hub', () => {
  it('hands on committed events in order and never a rolled-back one', async () => {
    const { user } = await createUserWithKey('admin');
    const ctx = { user, source: 'ui' as const };
    const collected = collector();
    const unsubscribe = await subscribeToChangeEvents(collected.listener);
    await db.$transaction(async (tx) => {
      await setChangeActor(tx, ctx);
      await tx.company.create({ data: { name: 'Globex' } });
    });
    await db
      .$transaction(async (tx) => {
        await setChangeActor(tx, ctx);
        await tx.company.create({ data: { name: 'Rolled back' } });
        throw new Error('abort');
      })
      .catch(() => {});
    await db.$transaction(async (tx) => {
      await setChangeActor(tx, ctx);
      await tx.company.create({ data: { name: 'Initech' } });
    });
    await collected.until(2);
    unsubscribe();
    expect(collected.seen.map((event) => [event.type, (event.record as { name: string }).name, event.channel, event.actorUserId])).toEqual([
      ['company.created', 'Globex', 'ui', user.id],
      ['company.created', 'Initech', 'ui', user.id],
    ]);
    expect(await db.changeEvent.count({ where: { recordType: 'company' } })).toBe(2);
  });
});
