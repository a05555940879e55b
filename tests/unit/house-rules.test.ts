import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANGE_ACTOR_RULE, changeActorViolations, houseRuleViolations, RULES, repositorySourceFiles, type SourceFile } from '../../scripts/lint/house-rules';

// The house rules that can be checked by reading the source, kept as tests so they stay true.

const root = path.resolve(__dirname, '../..');

describe('house rules', () => {
  it('hold on the repository', () => {
    const files = repositorySourceFiles(root);
    expect(houseRuleViolations(files)).toEqual([]);
    expect(changeActorViolations(files)).toEqual([]);
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
      `components/people/wrong.tsx → @/lib/services/companies/list-companies-table: ${RULES[2]!.rule}`,
      `components/people/wrong.tsx → ../../lib/db: ${RULES[2]!.rule}`,
      `components/people/wrong.tsx → @/lib/generated/prisma/client: ${RULES[2]!.rule}`,
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
      `lib/services/deals/wrong.ts → ../../../components/deal/types: ${RULES[1]!.rule}`,
      `lib/services/deals/wrong.ts → ../../../components/deal/types: ${RULES[3]!.rule}`,
      `lib/services/deals/wrong.ts → @/app/api/v1/deals/route: ${RULES[0]!.rule}`,
      `lib/services/deals/wrong.ts → @/app/api/v1/deals/route: ${RULES[3]!.rule}`,
    ]);
  });

  it("hold a dialect's services to the rules of lib/services", () => {
    const files: SourceFile[] = [
      {
        path: 'components/deal/wrong.tsx',
        text: "import { getHubSpotDeal } from '@/lib/dialects/hubspot/services/get-hubspot-deal';\nimport type { ConcordDealRecord } from '@/lib/dialects/concord/services/list-concord-deals';",
      },
      {
        path: 'lib/dialects/concord/services/wrong.ts',
        text: "import { GET } from '@/app/api/v1/deals/route';\nimport { Board } from '../../../../components/board/board';",
      },
      { path: 'lib/dialects/concord/tests/concord.test.ts', text: "import * as dealsRoute from '@/app/api/concord/deals/route';" },
    ];
    expect(houseRuleViolations(files)).toEqual([
      `components/deal/wrong.tsx → @/lib/dialects/hubspot/services/get-hubspot-deal: ${RULES[2]!.rule}`,
      `lib/dialects/concord/services/wrong.ts → @/app/api/v1/deals/route: ${RULES[0]!.rule}`,
      `lib/dialects/concord/services/wrong.ts → @/app/api/v1/deals/route: ${RULES[3]!.rule}`,
      `lib/dialects/concord/services/wrong.ts → ../../../../components/board/board: ${RULES[1]!.rule}`,
      `lib/dialects/concord/services/wrong.ts → ../../../../components/board/board: ${RULES[3]!.rule}`,
    ]);
  });

  describe('every service write says who acts (the change record)', () => {
    const file = (path: string, ...lines: string[]): SourceFile => ({ path, text: lines.join('\n') });

    it('catch a service or dialect service that writes without saying who acts', () => {
      const files = [
        file('lib/services/things/create-thing.ts', 'export const createThing = () => db.thing.create({ data: {} });'),
        file('lib/services/things/update-things.ts', 'await tx.thing.updateMany({ where: {}, data: {} });'),
        file('lib/services/things/upsert-thing.ts', 'await db.thing.upsert({ where: {}, create: {}, update: {} });'),
        file('lib/services/things/delete-thing.ts', 'await db.thing.deleteMany({ where: {} });'),
        file('lib/services/things/move-things.ts', 'return db.$transaction(async (tx) => work(tx));'),
        file('lib/services/things/renumber-things.ts', 'await executeStatement(tx, sql`UPDATE things SET position = 1`);'),
        file('lib/dialects/acme/services/save-acme-deal.ts', 'await db.deal.update({ where: { id }, data });'),
      ];
      expect(changeActorViolations(files, {})).toEqual(files.map((f) => `${f.path}: ${CHANGE_ACTOR_RULE}`));
    });

    it('pass a write that says who acts, a service that only reads, and code outside the services', () => {
      const files = [
        file('lib/services/things/create-thing.ts', 'await writeAs(ctx, (tx) => tx.thing.create({ data: {} }));'),
        file(
          'lib/services/things/move-things.ts',
          'return db.$transaction(async (tx) => {',
          '  await setChangeActor(tx, ctx);',
          '  await tx.thing.update({});',
          '});',
        ),
        file('lib/services/things/list-things.ts', 'return db.thing.findMany({ where: {} });'),
        file('lib/dialects/acme/routes/deals.ts', 'await db.deal.update({ where: { id }, data });'),
        file('scripts/cli.ts', 'await db.user.create({ data });'),
        file('lib/services/things/things.test.ts', 'await db.thing.create({ data: {} });'),
      ];
      expect(changeActorViolations(files, {})).toEqual([]);
    });

    it('count neither a write nor a setChangeActor that is only in a comment', () => {
      const files = [
        file('lib/services/things/update-thing.ts', '// setChangeActor is not needed here', 'await db.thing.update({ where: {}, data: {} });'),
        file('lib/services/things/list-things.ts', '/* db.thing.update( would write */', '// tx.thing.delete(', "const url = 'https://example.com';"),
      ];
      expect(changeActorViolations(files, {})).toEqual([`lib/services/things/update-thing.ts: ${CHANGE_ACTOR_RULE}`]);
    });

    it('let an exempt file write, and flag an exemption that no longer holds', () => {
      const exempt = {
        'lib/services/things/touch-thing.ts': 'writes only a quiet column',
        'lib/services/things/read-thing.ts': 'used to write',
        'lib/services/things/save-thing.ts': 'used to write without an actor',
      };
      const files = [
        file('lib/services/things/touch-thing.ts', 'await db.thing.update({ where: {}, data: { touchedAt: now } });'),
        file('lib/services/things/read-thing.ts', 'return db.thing.findFirst({});'),
        file('lib/services/things/save-thing.ts', 'await writeAs(ctx, (tx) => tx.thing.update({}));'),
      ];
      expect(changeActorViolations(files, exempt)).toEqual([
        'lib/services/things/read-thing.ts: listed in CHANGE_ACTOR_EXEMPT but writes nothing: remove it from the list',
        'lib/services/things/save-thing.ts: listed in CHANGE_ACTOR_EXEMPT but says who acts: remove it from the list',
      ]);
    });
  });
});
