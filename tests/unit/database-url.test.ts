import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseDatabaseUrl, redactUrl } from '@/lib/database/config';

describe('DATABASE_URL picks the engine', () => {
  it('defaults to the embedded database in ./data/pglite', () => {
    expect(parseDatabaseUrl(undefined, '/app')).toEqual({ engine: 'embedded', dataDir: '/app/data/pglite' });
    expect(parseDatabaseUrl('  ', '/app')).toEqual({ engine: 'embedded', dataDir: '/app/data/pglite' });
  });

  it('reads file:PATH relative to the working directory, and absolute paths as they are', () => {
    expect(parseDatabaseUrl('file:./var/db', '/app')).toEqual({ engine: 'embedded', dataDir: path.resolve('/app/var/db') });
    expect(parseDatabaseUrl('file:/srv/db', '/app')).toEqual({ engine: 'embedded', dataDir: '/srv/db' });
  });

  it('keeps memory: in memory', () => {
    expect(parseDatabaseUrl('memory:')).toEqual({ engine: 'embedded', dataDir: null });
  });

  it('takes postgres:// and postgresql:// URLs as a PostgreSQL server', () => {
    for (const url of ['postgres://u:p@db:5432/crm', 'postgresql://u:p@localhost/crm?sslmode=disable']) {
      expect(parseDatabaseUrl(url)).toEqual({ engine: 'postgresql', url });
    }
  });

  it('refuses malformed URLs with one sentence that says how to fix them, without leaking the password', () => {
    for (const bad of ['mysql://u:p@h/db', 'postgres://', 'postgresql://u:secret@host', 'file:', 'sqlite.db']) {
      let error: unknown;
      try {
        parseDatabaseUrl(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error, bad).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).not.toContain('secret');
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('redacts passwords when printing URLs', () => {
    expect(redactUrl('postgresql://user:hunter2@db:5432/crm')).toBe('postgresql://user:***@db:5432/crm');
  });
});
