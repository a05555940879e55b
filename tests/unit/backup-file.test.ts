import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isBackupId, listStoredBackups, newBackupId, rotateScheduledBackups } from '../../lib/backups/backup-dir';
import { BackupRefusedError, type BackupManifestDraft, readBackupHeader, verifyBackupFile, writeBackupFile } from '../../lib/backups/backup-file';

// The backup file's format (lib/backups/backup-file.ts): marker line, manifest line, payload whose
// length and SHA-256 the manifest holds — and the folder's rotation of scheduled backups.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-backup-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function draft(overrides: Partial<BackupManifestDraft> = {}): BackupManifestDraft {
  return {
    format: 'dealboard-backup',
    formatVersion: 1,
    id: newBackupId(),
    dealboardVersion: '0.1.0',
    engine: 'embedded',
    postgresVersion: '18.6',
    migration: '20261123142559_init',
    migrations: ['20261123142559_init'],
    createdAt: new Date().toISOString(),
    createdBy: { kind: 'cli' },
    rowCounts: { deals: 3 },
    payload: { kind: 'pglite-data-dir' },
    ...overrides,
  };
}

async function refusal(file: string): Promise<string> {
  const error = await verifyBackupFile(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BackupRefusedError);
  return (error as Error).message;
}

describe('a backup file', () => {
  it('is a marker line, a manifest line and the payload, and verifies', async () => {
    const file = path.join(dir, 'one.dealboard-backup');
    const payload = Buffer.from('x'.repeat(10_000));
    const manifest = await writeBackupFile(file, draft(), payload);
    expect(manifest.payload).toEqual({ kind: 'pglite-data-dir', bytes: 10_000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const [marker, json] = fs.readFileSync(file, 'utf8').split('\n');
    expect(marker).toBe('DEALBOARD-BACKUP 1');
    expect(JSON.parse(json!)).toEqual(manifest);
    const header = await verifyBackupFile(file);
    expect(header.manifest).toEqual(manifest);
    expect(fs.readFileSync(file).subarray(header.payloadOffset)).toEqual(payload);
    // no temporary file is left beside it
    expect(fs.readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('is refused, saying why, when damaged, truncated, lengthened, foreign or of a newer format', async () => {
    const good = path.join(dir, 'good.dealboard-backup');
    await writeBackupFile(good, draft(), Buffer.from('payload '.repeat(1000)));
    const bytes = fs.readFileSync(good);
    const write = (name: string, data: Buffer | string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, data);
      return file;
    };
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 10] = flipped[bytes.length - 10]! ^ 0x01;
    expect(await refusal(write('flipped', flipped))).toMatch(/is damaged: its checksum does not match/);
    expect(await refusal(write('short', bytes.subarray(0, bytes.length - 1)))).toMatch(
      /is truncated: its payload should be 8000 bytes but only 7999 are there/,
    );
    expect(await refusal(write('long', Buffer.concat([bytes, Buffer.from('!')])))).toMatch(/is damaged: it has 1 bytes more than its manifest says/);
    expect(await refusal(write('header-only', bytes.subarray(0, 18)))).toMatch(/is truncated: it ends inside the backup's header/);
    expect(await refusal(write('empty', ''))).toMatch(/is not a Dealboard backup/);
    expect(await refusal(write('tarball', Buffer.from([0x1f, 0x8b, 0x08, 0x00])))).toMatch(/is not a Dealboard backup/);
    expect(await refusal(write('newer', 'DEALBOARD-BACKUP 2\n{}\n'))).toMatch(/in format 2, written by a newer Dealboard/);
    expect(await refusal(write('manifest', 'DEALBOARD-BACKUP 1\n{"format":"dealboard-backup"}\npayload'))).toMatch(/its manifest is not readable/);
    expect(await refusal(path.join(dir, 'nowhere'))).toMatch(/There is no file/);
  });
});

describe('the backup folder', () => {
  it('names backups by time, lists them newest first and rotates only scheduled ones', async () => {
    expect(isBackupId(newBackupId(new Date('2026-12-08T02:00:00Z')))).toBe(true);
    expect(newBackupId(new Date('2026-12-08T02:00:00Z'))).toMatch(/^bk_20261208T020000Z_[a-z0-9]{6}$/);
    expect(isBackupId('../etc/passwd')).toBe(false);
    const folder = path.join(dir, 'folder');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const at = new Date(Date.UTC(2026, 11, 8, 2, 0, i));
      const id = newBackupId(at);
      ids.push(id);
      await writeBackupFile(
        path.join(folder, `${id}.dealboard-backup`),
        draft({ id, createdAt: at.toISOString(), createdBy: i === 0 ? { kind: 'cli' } : { kind: 'schedule' } }),
        Buffer.from('p'),
      );
    }
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a backup');
    expect(listStoredBackups(folder).map((b) => b.id)).toEqual([...ids].reverse());
    expect(rotateScheduledBackups(folder, 2)).toEqual([ids[2], ids[1]]);
    expect(listStoredBackups(folder).map((b) => b.id)).toEqual([ids[4], ids[3], ids[0]]);
    expect(readBackupHeader(path.join(folder, `${ids[0]}.dealboard-backup`)).manifest.createdBy).toEqual({ kind: 'cli' });
    expect(listStoredBackups(path.join(dir, 'missing'))).toEqual([]);
  });
});
