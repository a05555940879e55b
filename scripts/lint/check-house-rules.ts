// Fails (exit 1) when an import breaks the layering rules of the README, or a service writes
// without saying who acts (the change record), naming each one.
import path from 'node:path';
import { changeActorViolations, houseRuleViolations, repositorySourceFiles } from './house-rules';

const root = path.resolve(import.meta.dirname, '../..');
const files = repositorySourceFiles(root);
const violations = houseRuleViolations(files);
if (violations.length > 0) {
  console.error(`House rules: ${violations.length} import(s) break the layering rules:\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
const silentWrites = changeActorViolations(files);
if (silentWrites.length > 0) {
  console.error(`House rules: ${silentWrites.length} service file(s) write without saying who acts:\n${silentWrites.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log(`House rules: ${files.length} files, no import breaks the layering rules, every service write says who acts.`);
