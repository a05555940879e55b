import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The house rules that can be checked by reading the source, kept as tests so they stay true.

const root = path.resolve(__dirname, '../..');

interface SourceFile {
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

const under = (...dirs: string[]) => (target: string) => dirs.some((dir) => target === dir || target.startsWith(`${dir}/`) || target.startsWith(`${dir}.`));

// a dialect's services follow the rules of lib/services; its integration tests drive app/'s route files
const DIALECT_SERVICES = /^lib\/dialects\/[^/]+\/services(\/|\.|$)/;
const DIALECT_TESTS = /^lib\/dialects\/[^/]+\/tests\//;
const isService = (path: string) => path.startsWith('lib/services/') || DIALECT_SERVICES.test(path);

const RULES: Rule[] = [
  {
    rule: 'nothing outside app/ imports from app/ (routes compose; shared code lives in lib/ and components/)',
    applies: (file) => !file.startsWith('app/') && !file.startsWith('tests/integration/') && !DIALECT_TESTS.test(file) && !file.startsWith('tests/unit/house-rules'),
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
  for (const m of text.matchAll(/\b(import|export)(\s+type)?\s[^'";]*?\bfrom\s+['"]([^'"]+)['"]/g)) found.push({ specifier: m[3]!, typeOnly: m[2] !== undefined });
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
function houseRuleViolations(files: readonly SourceFile[]): string[] {
  return files.flatMap((file) =>
    importsOf(file.text).flatMap(({ specifier, typeOnly }) => {
      const to = target(file.path, specifier);
      if (to === null) return [];
      return RULES.filter((r) => r.applies(file.path) && r.forbids(to) && !(typeOnly && r.runtimeOnly)).map((r) => `${file.path} → ${specifier}: ${r.rule}`);
    }),
  );
}

function sourceFiles(dir: string): SourceFile[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [{ path: relative, text: fs.readFileSync(path.join(root, relative), 'utf8') }] : [];
  });
}

describe('house rules', () => {
  it('hold on the repository', () => {
    const files = ['lib', 'components', 'scripts', 'tests'].flatMap(sourceFiles);
    expect(houseRuleViolations(files)).toEqual([]);
  });

  it('catch a component that runs a service or the database, by alias or relative path', () => {
    const files: SourceFile[] = [
      {
        path: 'components/people/wrong.tsx',
        text: [
          "import type { CompanyTableRow } from '@/lib/services/companies/list-companies-table';",
          "import { listCompaniesTable } from '@/lib/services/companies/list-companies-table';",
          "import { db } from '../../lib/db';",
          "import { Prisma } from '@/lib/generated/prisma/client';",
          "import { toPublicId } from '@/lib/ids';",
        ].join('\n'),
      },
    ];
    expect(houseRuleViolations(files)).toEqual([
      'components/people/wrong.tsx → @/lib/services/companies/list-companies-table: ' + RULES[2]!.rule,
      'components/people/wrong.tsx → ../../lib/db: ' + RULES[2]!.rule,
      'components/people/wrong.tsx → @/lib/generated/prisma/client: ' + RULES[2]!.rule,
    ]);
  });

  it('catch a service that imports a route or a component, even for types', () => {
    const files: SourceFile[] = [
      {
        path: 'lib/services/deals/wrong.ts',
        text: "import type { Props } from '../../../components/deal/types';\nimport { GET } from '@/app/api/v1/deals/route';\nimport { db } from '../../db';",
      },
    ];
    expect(houseRuleViolations(files)).toEqual([
      'lib/services/deals/wrong.ts → ../../../components/deal/types: ' + RULES[1]!.rule,
      'lib/services/deals/wrong.ts → ../../../components/deal/types: ' + RULES[3]!.rule,
      'lib/services/deals/wrong.ts → @/app/api/v1/deals/route: ' + RULES[0]!.rule,
      'lib/services/deals/wrong.ts → @/app/api/v1/deals/route: ' + RULES[3]!.rule,
    ]);
  });

  it("hold a dialect's services to the rules of lib/services", () => {
    const files: SourceFile[] = [
      { path: 'components/deal/wrong.tsx', text: "import { getHubSpotDeal } from '@/lib/dialects/hubspot/services/get-hubspot-deal';\nimport type { ConcordDealRecord } from '@/lib/dialects/concord/services/list-concord-deals';" },
      { path: 'lib/dialects/concord/services/wrong.ts', text: "import { GET } from '@/app/api/v1/deals/route';\nimport { Board } from '../../../../components/board/board';" },
      { path: 'lib/dialects/concord/tests/concord.test.ts', text: "import * as dealsRoute from '@/app/api/concord/deals/route';" },
    ];
    expect(houseRuleViolations(files)).toEqual([
      'components/deal/wrong.tsx → @/lib/dialects/hubspot/services/get-hubspot-deal: ' + RULES[2]!.rule,
      'lib/dialects/concord/services/wrong.ts → @/app/api/v1/deals/route: ' + RULES[0]!.rule,
      'lib/dialects/concord/services/wrong.ts → @/app/api/v1/deals/route: ' + RULES[3]!.rule,
      'lib/dialects/concord/services/wrong.ts → ../../../../components/board/board: ' + RULES[1]!.rule,
      'lib/dialects/concord/services/wrong.ts → ../../../../components/board/board: ' + RULES[3]!.rule,
    ]);
  });
});
