import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { houseRuleViolations, RULES, repositorySourceFiles, type SourceFile } from '../../scripts/lint/house-rules';

// The house rules that can be checked by reading the source, kept as tests so they stay true.

const root = path.resolve(__dirname, '../..');

describe('house rules', () => {
  it('hold on the repository', () => {
    const files = repositorySourceFiles(root);
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
});
