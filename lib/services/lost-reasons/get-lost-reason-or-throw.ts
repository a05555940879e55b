import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { LostReason, Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { queryRows } from '../../database/run-sql';
import { sqlBuilder } from '../../database/typed-sql';

/** The lost reason, or 404. Every role may read lost reasons. */
export async function getLostReasonOrThrow({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { lostReasonId: number };
  tx?: Prisma.TransactionClient;
}): Promise<LostReason> {
  void ctx;
  const reason = await (tx ?? db).lostReason.findUnique({ where: { id: input.lostReasonId } });
  if (!reason) throw new AppError('not_found', 'No lost reason with this ID exists.');
  return reason;
}

// Writes that change the set or order of lost reasons lock every row first, so they run one at a time.

export async function lockLostReasons(tx: Prisma.TransactionClient): Promise<void> {
  await queryRows(tx, sqlBuilder.selectFrom('lost_reasons').select('id').orderBy('id').forUpdate());
}

export async function lostReasonsInOrder(tx: Prisma.TransactionClient) {
  return tx.lostReason.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, position: true } });
}

/** Gives the lost reasons positions 0..n-1 in the given order, writing only rows whose position changes. */
export async function writeLostReasonPositions(tx: Prisma.TransactionClient, ordered: { id: number; position: number }[]): Promise<void> {
  for (const [index, reason] of ordered.entries()) {
    if (reason.position !== index) await tx.lostReason.update({ where: { id: reason.id }, data: { position: index } });
  }
}

/** 409 when another lost reason already has this label (ignoring case). */
export async function assertLabelFree(tx: Prisma.TransactionClient, label: string, exceptId?: number): Promise<void> {
  const clash = await tx.lostReason.findFirst({
    where: { label: { equals: label, mode: 'insensitive' }, ...(exceptId !== undefined ? { id: { not: exceptId } } : {}) },
    select: { label: true },
  });
  if (clash) {
    throw new AppError('conflict', `A lost reason labelled "${clash.label}" already exists.`, [{ path: 'label', message: 'Already taken' }]);
  }
}

/** A unique-constraint violation (two writers took the same label at once) as the same 409. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

export function labelTaken(label: string): AppError {
  return new AppError('conflict', `A lost reason labelled "${label}" already exists.`, [{ path: 'label', message: 'Already taken' }]);
}
