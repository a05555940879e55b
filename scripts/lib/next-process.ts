import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const nextBin = path.resolve('node_modules/next/dist/bin/next');

export function hasProductionBuild(): boolean {
  return fs.existsSync(path.resolve(process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'));
}

export function buildNext(): void {
  console.log('No production build yet: running next build…');
  const result = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Error: next build failed (see above): fix the build error and run npm start again.');
    process.exit(result.status ?? 1);
  }
}

/** Runs `next start` / `next dev` in the foreground, forwarding signals, and exits with it. */
export function runNext(mode: 'start' | 'dev', port: number, env: NodeJS.ProcessEnv = process.env): void {
  const child = spawn(process.execPath, [nextBin, mode, '-p', String(port)], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}
