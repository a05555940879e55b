import fs from 'node:fs';
import path from 'node:path';

// The layering rules of the README, checked by reading the source: `npm run lint` runs them
// (scripts/lint/check-house-rules.ts) and tests/unit/house-rules.test.ts holds the checker itself
// to a few deliberately wrong imports.

export interface SourceFile {
  /** relative to the repository root, with forward slashes */
  path: string;
  text: string;
}

interface Import {
  specifier: string;
  /** `import type` / `export type`: erased from the JavaScript, so it pulls in no code */
  typeOnly: boolean;
}

interface Rule {
  rule: string;
  applies: (file: string) => boolean;
  forbids: (target: string) => boolean;
  /** true when an `import type` is allowed (the rule is about code that runs) */
  runtimeOnly: boolean;
}

const under =
  (...dirs: string[]) =>
  (target: string) =>
    dirs.some((dir) => target === dir || target.startsWith(`${dir}/`) || target.startsWith(`${dir}.`));

// a dialect's services follow the rules of lib/services; its integration tests drive app/'s route files
const DIALECT_SERVICES = /^lib\/dialects\/[^/]+\/services(\/|\.|$)/;
const DIALECT_TESTS = /^lib\/dialects\/[^/]+\/tests\//;
const isService = (path: string) => path.startsWith('lib/services/') || DIALECT_SERVICES.test(path);

export const RULES: Rule[] = [
  {
    rule: 'nothing outside app/ imports from app/ (routes compose; shared code lives in lib/ and components/)',
    applies: (file) =>
      !file.startsWith('app/') && !file.startsWith('tests/integration/') && !DIALECT_TESTS.test(file) && !file.startsWith('tests/unit/house-rules'),
    forbids: under('app'),
    runtimeOnly: false,
  },
  {
    rule: 'lib/ never imports from components/ (components build on lib, not the reverse)',
    applies: (file) => file.startsWith('lib/'),
    forbids: under('components'),
    runtimeOnly: false,
  },
  {
    rule: 'components never run services or the database (pages call services and pass data down; `import type` is fine)',
    applies: (file) => file.startsWith('components/'),
    forbids: (target) => isService(target) || under('lib/services', 'lib/db', 'lib/database', 'lib/generated/prisma')(target),
    runtimeOnly: true,
  },
  {
    rule: 'lib/services and lib/dialects/*/services never import app/ or components/ (business rules know nothing of routes or screens)',
    applies: isService,
    forbids: under('app', 'components'),
    runtimeOnly: false,
  },
];

/** Every module a source text imports, re-exports or loads, and whether only its types are used. */
function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const m of text.matchAll(/\b(import|export)(\s+type)?\s[^'";]*?\bfrom\s+['"]([^'"]+)['"]/g))
    found.push({ specifier: m[3]!, typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

/** Where a specifier points inside the repository (no extension), or null for a package. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith('@/')) return path.posix.normalize(specifier.slice(2));
  if (specifier.startsWith('.')) return path.posix.join(path.posix.dirname(file), specifier);
  return null;
}

/** The house rules the files break, one line per import: "file → specifier: rule". Pure. */
export function houseRuleViolations(files: readonly SourceFile[]): string[] {
  return files.flatMap((file) =>
    importsOf(file.text).flatMap(({ specifier, typeOnly }) => {
      const to = target(file.path, specifier);
      if (to === null) return [];
      return RULES.filter((r) => r.applies(file.path) && r.forbids(to) && !(typeOnly && r.runtimeOnly)).map((r) => `${file.path} → ${specifier}: ${r.rule}`);
    }),
  );
}

function sourceFiles(root: string, dir: string): SourceFile[] {
  if (!fs.existsSync(path.join(root, dir))) return [];
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(root, relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [{ path: relative, text: fs.readFileSync(path.join(root, relative), 'utf8') }] : [];
  });
}

/** The TypeScript sources the rules are about (app/ may import anything, so it is not read). */
export function repositorySourceFiles(root: string): SourceFile[] {
  return ['lib', 'components', 'scripts', 'tests', 'e2e'].flatMap((dir) => sourceFiles(root, dir));
}
