import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The house rules that can be checked by reading the source, kept as tests so they stay true.

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

/** Every module specifier a file imports or re-exports from. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

/** Where a specifier points inside the repository, or null for a package. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return path.relative(root, path.resolve(root, path.dirname(file), specifier));
  return null;
}

describe('house rules', () => {
  it('nothing outside app/ imports from app/ (routes compose; shared code lives in lib/ and components/)', () => {
    const offenders = ['lib', 'components', 'scripts', 'tests']
      .flatMap(sourceFiles)
      .filter((file) => !file.startsWith('tests/integration/') && !file.startsWith('tests/unit/house-rules'))
      .flatMap((file) => importsOf(file).filter((s) => target(file, s)?.startsWith('app/')).map((s) => `${file} → ${s}`));
    expect(offenders).toEqual([]);
  });

  it('lib/ never imports from components/ (components build on lib, not the reverse)', () => {
    const offenders = sourceFiles('lib').flatMap((file) => importsOf(file).filter((s) => target(file, s)?.startsWith('components/')).map((s) => `${file} → ${s}`));
    expect(offenders).toEqual([]);
  });
});
