import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config';

// PGlite takes no lock of its own, and two processes writing one data directory corrupt it for good.
// So every process that opens an embedded data directory (server, migrate, seed, CLI) holds this lock:
// a file next to the directory holding the owner's pid, created exclusively. A lock whose pid is no
// longer alive (a crashed process) is taken over. The lock is named after the directory's real path,
// so a symlink (or a relative path) to a directory in use meets the same lock.

const held = new Map<string, string>(); // real data directory → lock file path

/** The directory's absolute path with every symlink resolved (for a directory not created yet: its nearest existing parent's). */
export function realDataDir(dataDir: string): string {
  let existing = path.resolve(dataDir);
  const missing: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    missing.unshift(path.basename(existing));
    existing = parent;
  }
  return path.join(fs.realpathSync(existing), ...missing);
}

export function lockFilePath(dataDir: string): string {
  return `${realDataDir(dataDir)}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): void {
  const real = realDataDir(dataDir);
  if (held.has(real)) return;
  const lockPath = `${real}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      held.set(real, lockPath);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(safeRead(lockPath), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw new ConfigError(
        `The embedded database in ${dataDir}${real !== path.resolve(dataDir) ? ` (${real})` : ''} is already in use by process ${owner}: stop that process (for example the running server) first, or point DATABASE_URL at another directory.`,
      );
    }
    // stale lock left by a process that died: remove it and try again
    fs.rmSync(lockPath, { force: true });
  }
  throw new ConfigError(`Could not lock the embedded database in ${dataDir}: remove ${lockPath} if no Dealboard process is running.`);
}

export function releaseDataDirLock(dataDir: string): void {
  const real = held.has(dataDir) ? dataDir : realDataDir(dataDir);
  const lockPath = held.get(real);
  if (!lockPath) return;
  held.delete(real);
  if (safeRead(lockPath) === String(process.pid)) fs.rmSync(lockPath, { force: true });
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

// Release on every way out that still runs JavaScript.
process.once('exit', () => {
  for (const dir of [...held.keys()]) releaseDataDirLock(dir);
});
