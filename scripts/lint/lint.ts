// npm run lint — the checks that read the source: Biome's linter and format check (warnings
// count as failures), then the layering rules. Exits non-zero on any violation.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const steps: [string, string[]][] = [
  ['biome: lint and format check', [path.join(root, 'node_modules/@biomejs/biome/bin/biome'), 'ci', '--error-on-warnings', root]],
  ['house rules: layering', [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/lint/check-house-rules.ts')]],
];
let failed = 0;
for (const [title, args] of steps) {
  console.log(`▶ ${title}`);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
