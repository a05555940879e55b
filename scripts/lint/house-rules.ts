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

// ——— every write says who acts ———
// The change record's triggers learn who acted from the transaction (lib/change-record/change-actor.ts):
// a service that writes without saying it is recorded as "system", with nobody acting. So a service
// file that writes must say who acts, or be listed here with the reason it need not.

/** A write through Prisma or the typed SQL runner (a Map's .delete( is listed as exempt where it occurs). */
const WRITES = /\.\$transaction\(|\.(?:create|createMany|update|updateMany|upsert|delete|deleteMany)\(|\bexecuteStatement\(/;
const SAYS_WHO_ACTS = /\b(?:setChangeActor|writeAs)\b/;

export const CHANGE_ACTOR_RULE =
  'a service that writes says who acts (setChangeActor(tx, ctx) first in its transaction, or writeAs(ctx, …)), or is listed in CHANGE_ACTOR_EXEMPT with why';

/** Service files that write without saying who acts, and why that is right. */
export const CHANGE_ACTOR_EXEMPT: Readonly<Record<string, string>> = {
  // tables outside the change record
  'lib/services/pipelines/get-pipeline-board.ts': 'its transaction only reads: one snapshot for the board and the event cursor it is current to',
  'lib/services/pipelines/get-pipeline-summary.ts': 'its transaction only reads: one snapshot, so the stages add up to the total',
  'lib/services/change-events/prune-change-events.ts': 'deletes from the change record itself (retention), which records no events of its own',
  'lib/services/idempotency/claim-idempotency-key.ts': 'idempotency keys are not in the change record',
  'lib/services/idempotency/finish-idempotency-key.ts': 'idempotency keys are not in the change record',
  'lib/services/auth/sign-in-throttle.ts': 'sign-in throttles are not in the change record',
  'lib/services/auth/create-password-reset-link.ts': 'writes a verification (reset link), not in the change record',
  'lib/services/sessions/revoke-user-sessions.ts': 'sessions are not in the change record',
  'lib/services/invitations/create-invitation.ts': 'invitations are not in the change record (the user is, when one is accepted)',
  'lib/services/invitations/revoke-invitation.ts': 'invitations are not in the change record',
  'lib/services/users/set-user-password.ts': 'writes accounts (the password hash) and sessions, not in the change record',
  'lib/services/webhooks/replay-webhook-delivery.ts': 'writes a webhook delivery and its queued job, not in the change record',
  'lib/services/webhooks/send-test-webhook.ts': 'writes a webhook delivery and its queued job, not in the change record',
  'lib/services/imports/create-import.ts':
    'writes the import and its file, not in the change record (its records are written by run-import.ts, which says who acts)',
  'lib/services/imports/import-file.ts': "writes an import's file in pieces in create-import.ts's transaction, not in the change record",
  'lib/services/imports/save-batch-outcomes.ts': "writes an import's bookkeeping in its caller's transaction (run-import.ts), which says who acts",
  'lib/services/users/insert-user-with-password.ts': "writes only in its caller's transaction, which says who acts",
  // columns the triggers keep quiet (no event), written with nobody acting
  'lib/services/api-keys/authenticate-api-key.ts': 'writes only api_keys.last_used_at, a quiet column',
  'lib/services/auth/record-sign-in.ts': 'writes only users.last_sign_in_at, a quiet column (in a better-auth hook, nobody acting yet)',
  'lib/services/deals/stage-positions.ts': 'renumbers deals.position, a quiet column',
  // no acting user: recorded as the channel "system"
  'lib/services/users/create-first-admin.ts': 'first-run setup: nobody is signed in yet, so the first admin is created by "system"',
  'lib/services/system/get-auth-secret.ts': 'the auth secret: the triggers skip settings whose key says "secret", and nobody acts',
  // helpers that write only in their caller's transaction (the caller says who acts)
  'lib/services/activities/activity-rules.ts': "refreshLastActivityAt writes in its caller's transaction (deals.last_activity_at, quiet)",
  'lib/services/stages/list-stages.ts': "writeStagePositions writes in its caller's transaction",
  'lib/services/lost-reasons/get-lost-reason-or-throw.ts': "writeLostReasonPositions writes in its caller's transaction",
  'lib/services/pipelines/get-pipeline-or-throw.ts': "writePipelinePositions writes in its caller's transaction",
  'lib/services/deals/bulk-delete-deals.ts': 'writes in inBatchTransaction(ctx, …), which says who acts for the batch',
  // not database writes
  'lib/services/reports/report-query.ts': 'a read-only transaction (reports)',
  'lib/services/api-keys/api-key-secret.ts': 'createHash(…).update(: hashing, not a write',
  'lib/services/invitations/invitation-token.ts': 'createHash(…).update(: hashing, not a write',
  'lib/services/deals/stage-for-new-deal.ts': "a Map's .delete(: a process cache, not a write",
};

/** Comments removed, so a comment neither counts as a write nor as saying who acts. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/**
 * Service files (lib/services, lib/dialects/*\/services) that write without saying who acts and are
 * not exempt, and exemptions that no longer hold (the file writes nothing, or says who acts). Pure.
 */
export function changeActorViolations(files: readonly SourceFile[], exempt: Readonly<Record<string, string>> = CHANGE_ACTOR_EXEMPT): string[] {
  return files.flatMap((file) => {
    if (!isService(file.path) || /\.test\.tsx?$/.test(file.path)) return [];
    const code = withoutComments(file.text);
    const writes = WRITES.test(code);
    const says = SAYS_WHO_ACTS.test(code);
    if (file.path in exempt) {
      if (!writes) return [`${file.path}: listed in CHANGE_ACTOR_EXEMPT but writes nothing: remove it from the list`];
      if (says) return [`${file.path}: listed in CHANGE_ACTOR_EXEMPT but says who acts: remove it from the list`];
      return [];
    }
    return writes && !says ? [`${file.path}: ${CHANGE_ACTOR_RULE}`] : [];
  });
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
