import 'server-only';
import { toPublicId } from '../../ids';
import { sql, tableAs } from '../../database/typed-sql';

const c = tableAs('contacts', 'c');
const co = tableAs('companies', 'co');
const d = tableAs('deals', 'd');
const t = tableAs('tasks', 't');
const u = tableAs('users', 'u');

/** One card on the board: what the card shows, plus what the board needs to move it (version). */
export interface BoardCard {
  id: number;
  publicId: string;
  name: string;
  stageId: number;
  /** minor units as a decimal string (bigint does not travel as JSON) */
  value: string;
  currency: string;
  status: 'open' | 'won' | 'lost' | 'stalled';
  position: number;
  version: number;
  ownerId: number | null;
  ownerName: string | null;
  companyName: string | null;
  contactName: string | null;
  /** ISO timestamps */
  expectedClose: string | null;
  stageEnteredAt: string;
  lastActivityAt: string | null;
  /** the earliest-due pending task, if any */
  nextTask: { title: string; dueAt: string | null } | null;
}

/** A slice of one column, in board order (position, id); `nextCursor` continues after its last card. */
export interface CardPage {
  cards: BoardCard[];
  nextCursor: string | null;
}

/** Cards loaded with the board per column, and per further page. */
export const BOARD_PAGE_SIZE = 30;

export interface CardRow {
  id: number;
  name: string;
  stageId: number;
  value: string;
  currency: string;
  status: BoardCard['status'];
  position: number;
  version: number;
  ownerId: number | null;
  ownerName: string | null;
  companyName: string | null;
  contactName: string | null;
  expectedClose: Date | null;
  stageEnteredAt: Date;
  lastActivityAt: Date | null;
  nextTaskTitle: string | null;
  nextTaskDueAt: Date | null;
}

/**
 * The card columns of a deals row aliased `d` (which may be a subquery's alias), joined to what a
 * card names: owner, primary company and contact, and the next pending task (earliest due first).
 */
export const CARD_COLUMNS = sql`
  ${d('id')}, ${d('name')}, ${d('stage_id')} AS "stageId", ${d('value')}::text AS value, ${d('currency')}, ${d('status')}::text AS status,
  ${d('position')}, ${d('version')}, ${d('owner_id')} AS "ownerId", ${u('name')} AS "ownerName", ${co('name')} AS "companyName",
  CASE WHEN ${c('id')} IS NULL THEN NULL ELSE btrim(${c('first_name')} || ' ' || ${c('last_name')}) END AS "contactName",
  ${d('expected_close')} AS "expectedClose", ${d('stage_entered_at')} AS "stageEnteredAt", ${d('last_activity_at')} AS "lastActivityAt",
  nt.title AS "nextTaskTitle", nt.due_at AS "nextTaskDueAt"`;

export const CARD_JOINS = sql`
  LEFT JOIN ${u.from} ON ${u('id')} = ${d('owner_id')}
  LEFT JOIN ${co.from} ON ${co('id')} = ${d('company_id')} AND ${co('deleted_at')} IS NULL
  LEFT JOIN ${c.from} ON ${c('id')} = ${d('contact_id')} AND ${c('deleted_at')} IS NULL
  LEFT JOIN LATERAL (
    SELECT ${t('title')}, ${t('due_at')} FROM ${t.from}
    WHERE ${t('deal_id')} = ${d('id')} AND ${t('status')} = 'pending'
    ORDER BY ${t('due_at')} ASC NULLS LAST, ${t('id')} ASC
    LIMIT 1
  ) nt ON TRUE`;

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toBoardCard(row: CardRow): BoardCard {
  return {
    id: Number(row.id),
    publicId: toPublicId('deal', Number(row.id)),
    name: row.name,
    stageId: Number(row.stageId),
    value: String(row.value),
    currency: row.currency,
    status: row.status,
    position: Number(row.position),
    version: Number(row.version),
    ownerId: row.ownerId === null ? null : Number(row.ownerId),
    ownerName: row.ownerName,
    companyName: row.companyName,
    contactName: row.contactName,
    expectedClose: iso(row.expectedClose),
    stageEnteredAt: iso(row.stageEnteredAt)!,
    lastActivityAt: iso(row.lastActivityAt),
    nextTask: row.nextTaskTitle === null ? null : { title: row.nextTaskTitle, dueAt: iso(row.nextTaskDueAt) },
  };
}
