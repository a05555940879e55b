import type { z } from 'zod';
import type { ErrorDetail } from '../errors';

/** zod issues as {path, message} pairs; an unknown field is named by its own path. */
export function zodIssuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, message: `Unknown field "${key}"` }));
    }
    return [{ path: base, message: issue.message }];
  });
}
