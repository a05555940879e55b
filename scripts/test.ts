// npm test — everything CI checks, in order: the lint (Biome's linter and format check, the house
// rules), the type check, vitest (unit, integration on embedded PGlite, and on PostgreSQL when
// TEST_DATABASE_URL is set), a fresh production build, then Playwright in Chromium.
// Ends with one line "Tests: N passed, N failed" counting every test of every runner.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const resultsDir = path.resolve('.tmp/test-results');
fs.mkdirSync(resultsDir, { recursive: true });
const vitestJson = path.join(resultsDir, 'vitest.json');
const playwrightJson = path.join(resultsDir, 'playwright.json');
fs.rmSync(vitestJson, { force: true });
fs.rmSync(playwrightJson, { force: true });

function run(title: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`◀ ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status ?? 1;
}

const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`Error: Chromium was not found at ${chromium}: install it with "apt-get install -y chromium" (or set PLAYWRIGHT_CHROMIUM_PATH).`);
  process.exit(1);
}
if (!process.env.TEST_DATABASE_URL) {
  console.log('TEST_DATABASE_URL is not set: the integration suite runs on embedded PGlite only.');
}

let failedSteps = 0;
failedSteps += run('lint: Biome lint and format check, house rules', ['node_modules/tsx/dist/cli.mjs', 'scripts/lint/lint.ts']) === 0 ? 0 : 1;
failedSteps += run('typecheck: tsc --noEmit', ['node_modules/typescript/bin/tsc', '--noEmit']) === 0 ? 0 : 1;
failedSteps +=
  run('vitest: unit and integration tests', [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ]) === 0
    ? 0
    : 1;

if (run('next build (production build for the end-to-end tests)', ['node_modules/next/dist/bin/next', 'build']) !== 0) {
  failedSteps += 1;
} else {
  failedSteps +=
    run('playwright: end-to-end tests in Chromium', ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
    }) === 0
      ? 0
      : 1;
}

type PlaywrightSuite = { specs?: { title: string; file: string; line: number; ok: boolean }[]; suites?: PlaywrightSuite[] };
const counts = { passed: 0, failed: 0, skipped: 0 };
// CI shows only the end of the output: the failures are named again right above the count
const failures: string[] = [];
if (fs.existsSync(vitestJson)) {
  const report = JSON.parse(fs.readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string }[] }[];
  };
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults) {
    const relative = path.relative(process.cwd(), file.name);
    const failedTests = file.assertionResults.filter((test) => test.status === 'failed');
    for (const test of failedTests) failures.push(`vitest › ${relative} › ${test.fullName}`);
    // a file that failed outside any test (an import or a hook) has no failed assertion to name
    if (file.status === 'failed' && failedTests.length === 0) failures.push(`vitest › ${relative} › ${(file.message ?? '').split('\n')[0]}`);
  }
}
if (fs.existsSync(playwrightJson)) {
  const report = JSON.parse(fs.readFileSync(playwrightJson, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    suites: PlaywrightSuite[];
  };
  counts.passed += report.stats.expected + report.stats.flaky;
  counts.failed += report.stats.unexpected;
  counts.skipped += report.stats.skipped;
  const visit = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) if (!spec.ok) failures.push(`playwright › ${spec.file}:${spec.line} › ${spec.title}`);
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
}
if (failedSteps > 0 && counts.failed === 0) counts.failed = failedSteps; // a step failed before counting tests

if (failures.length > 0) console.log(`\nFailed:\n${failures.map((failure) => `  ✘ ${failure}`).join('\n')}`);
console.log(`\nTests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(failedSteps > 0 ? 1 : 0);
