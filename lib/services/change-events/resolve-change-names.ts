import 'server-only';
import { db } from '../../db';
import { idsToName, type ChangeNames } from '../../change-record/describe-change';
import type { PublicChangeEvent } from '../../change-record/present-change-event';
import { fromPublicId, toPublicId, type IdKind } from '../../ids';
import type { ServiceContext } from '../context';

// The names behind the IDs change events mention — who acted, which stage, owner, contact — so
// describe-change can say them in words. Deleted records keep their names here (a deal moved out
// of a stage since removed still says which). API keys are named by their own name only.

const KINDS: IdKind[] = ['user', 'apiKey', 'stage', 'pipeline', 'contact', 'company', 'product', 'lostReason', 'deal'];

export async function resolveChangeNames({ ctx, input }: { ctx: ServiceContext; input: { events: PublicChangeEvent[] } }): Promise<ChangeNames> {
  void ctx;
  const wanted = new Map<IdKind, Set<number>>(KINDS.map((kind) => [kind, new Set<number>()]));
  for (const event of input.events) {
    for (const publicId of idsToName(event)) {
      for (const kind of KINDS) {
        const id = fromPublicId(kind, publicId);
        if (id !== null) wanted.get(kind)!.add(id);
      }
    }
  }
  const ids = (kind: IdKind) => [...wanted.get(kind)!];
  const any = (kind: IdKind) => wanted.get(kind)!.size > 0;
  const select = { id: true, name: true } as const;
  const [users, keys, stages, pipelines, contacts, companies, products, lostReasons, deals] = await Promise.all([
    any('user') ? db.user.findMany({ where: { id: { in: ids('user') } }, select }) : [],
    any('apiKey') ? db.apiKey.findMany({ where: { id: { in: ids('apiKey') } }, select }) : [],
    any('stage') ? db.stage.findMany({ where: { id: { in: ids('stage') } }, select }) : [],
    any('pipeline') ? db.pipeline.findMany({ where: { id: { in: ids('pipeline') } }, select }) : [],
    any('contact') ? db.contact.findMany({ where: { id: { in: ids('contact') } }, select: { id: true, firstName: true, lastName: true } }) : [],
    any('company') ? db.company.findMany({ where: { id: { in: ids('company') } }, select }) : [],
    any('product') ? db.product.findMany({ where: { id: { in: ids('product') } }, select }) : [],
    any('lostReason') ? db.lostReason.findMany({ where: { id: { in: ids('lostReason') } }, select: { id: true, label: true } }) : [],
    any('deal') ? db.deal.findMany({ where: { id: { in: ids('deal') } }, select }) : [],
  ]);
  const names: ChangeNames = {};
  const put = (kind: IdKind, rows: { id: number; name: string }[]) => {
    for (const row of rows) names[toPublicId(kind, row.id)] = row.name;
  };
  put('user', users);
  put('apiKey', keys);
  put('stage', stages);
  put('pipeline', pipelines);
  put(
    'contact',
    contacts.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`.trim() })),
  );
  put('company', companies);
  put('product', products);
  put(
    'lostReason',
    lostReasons.map((r) => ({ id: r.id, name: r.label })),
  );
  put('deal', deals);
  return names;
}
