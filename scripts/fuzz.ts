// npm run fuzz -- --minutes N [--seed S] [--path P] [--engine embedded|postgresql|both]
// The API fuzzer of the test suite (tests/integration/api-fuzz.test.ts), run longer and from a new
// seed each time, before a release. PostgreSQL needs TEST_DATABASE_URL (as `npm test` does).
// A failure prints its seed and path; run again with both to replay it.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    seed: { type: 'string' },
    path: { type: 'string' },
    engine: { type: 'string', default: 'embedded' },
  },
});

const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
  console.error('Error: --minutes must be a number of minutes between 0 and 1440.');
  process.exit(2);
}
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
if (!/^\d+$/.test(seed)) {
  console.error('Error: --seed must be a whole number.');
  process.exit(2);
}
const engines = values.engine === 'both' ? ['embedded', 'postgresql'] : [values.engine];
for (const engine of engines) {
  if (engine !== 'embedded' && engine !== 'postgresql') {
    console.error('Error: --engine must be embedded, postgresql or both.');
    process.exit(2);
  }
  if (engine === 'postgresql' && !process.env.TEST_DATABASE_URL) {
    console.error('Error: the postgresql engine needs TEST_DATABASE_URL (a server where test databases may be created).');
    process.exit(2);
  }
}

let failed = false;
for (const engine of engines) {
  console.log(`\n▶ fuzzing the API on ${engine} for ${minutes} min, seed ${seed}${values.path ? `, path ${values.path}` : ''}`);
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--project',
      engine === 'embedded' ? 'integration-pglite' : 'integration-postgresql',
      'tests/integration/api-fuzz.test.ts',
    ],
    { stdio: 'inherit', env: { ...process.env, FUZZ_SECONDS: String(Math.round(minutes * 60)), FUZZ_SEED: seed, FUZZ_PATH: values.path ?? '' } },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
