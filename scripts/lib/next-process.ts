import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const nextBin = path.resolve('node_modules/next/dist/bin/next');

export type ServerHeap = 'lean' | 'throughput';

/**
 * Node flags of the production server (`npm start`, and the benches' servers) for each SERVER_HEAP
 * (docs/decisions/026-server-heap.md). Measured on the 2-core machine with 100,000 deals:
 * - lean (the default): V8's own young generation, and a full collection once the old generation
 *   has grown 20 % past what the last one kept, instead of letting it grow several times over
 *   first. A 100,000-deal export stays under 300 MB. The API answers fewer requests/s at 32
 *   connections (13–21 % fewer at 10 %, the tighter setting measured against throughput).
 * - throughput: semi-spaces of 64 MB instead of 16 MB: under dozens of requests in flight, fewer
 *   scavenges copy and promote the objects of requests still running (decision 005); the price is
 *   ~130 MB of young generation, and the old generation grows as V8 pleases (an export peaks near
 *   500 MB, an import near 770 MB).
 */
export const SERVER_HEAP_FLAGS: Record<ServerHeap, string[]> = {
  lean: ['--heap-growing-percent=20'],
  throughput: ['--max-semi-space-size=64'],
};

/** The server's Node flags for SERVER_HEAP in `env` (lib/env.ts refuses any value but lean and throughput). */
export function serverNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  return SERVER_HEAP_FLAGS[env.SERVER_HEAP === 'throughput' ? 'throughput' : 'lean'];
}

/** A benchmark server's Node flags: npm start's, or BENCH_NODE_FLAGS (space-separated; "" for none) to measure others. */
export function benchServerNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.BENCH_NODE_FLAGS === undefined ? serverNodeFlags(env) : env.BENCH_NODE_FLAGS.split(' ').filter(Boolean);
}

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
  const flags = mode === 'start' ? serverNodeFlags(env) : [];
  // PORT too: the app's own address (APP_URL's default) names the port it serves on
  const child = spawn(process.execPath, [...flags, nextBin, mode, '-p', String(port)], { stdio: 'inherit', env: { ...env, PORT: String(port) } });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}
