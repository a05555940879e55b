import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config';

// PGlite takes no lock of its own, and two processes writing one data directory corrupt it for good.
// So every process that opens an embedded data directory (server, migrate, seed, CLI) holds this lock:
// a file next to the directory holding the owner's pid, created exclusively. A lock whose pid is no
// longer alive (a crashed process) is taken over.

const held = new Map<string, string>(); // dataDir → lock file path

export function lockFilePath(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.lock`;
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
  if (held.has(dataDir)) return;
  const lockPath = lockFilePath(dataDir);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      held.set(dataDir, lockPath);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(safeRead(lockPath), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw new ConfigError(
        `The embedded database in ${dataDir} is already in use by process ${owner}: stop that process (for example the running server) first, or point DATABASE_URL at another directory.`,
      );
    }
    // stale lock left by a process that died: remove it and try again
    fs.rmSync(lockPath, { force: true });
  }
  throw new ConfigError(`Could not lock the embedded database in ${dataDir}: remove ${lockPath} if no Dealboard process is running.`);
}

export function releaseDataDirLock(dataDir: string): void {
  const lockPath = held.get(dataDir);
  if (!lockPath) return;
  held.delete(dataDir);
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
