import { describe, expect, it } from 'vitest';
import { isRestrictedToOwnDeals, mayChangeDeal } from '../../lib/access/deal-access';

// The rule the board and deal page use to hide what the viewer cannot do, and the services use to
// refuse it: with "reps edit only their own deals" on, a rep changes only deals they own.

const rep = { id: 7, role: 'rep' as const };
const on = { repsEditOwnDealsOnly: true };
const off = { repsEditOwnDealsOnly: false };

describe('mayChangeDeal', () => {
  it('lets everyone change every deal while the setting is off', () => {
    expect(mayChangeDeal(rep, 8, off)).toBe(true);
    expect(mayChangeDeal(rep, null, off)).toBe(true);
    expect(isRestrictedToOwnDeals('rep', off)).toBe(false);
  });

  it('with the setting on, lets a rep change only the deals they own (not unassigned ones)', () => {
    expect(mayChangeDeal(rep, 7, on)).toBe(true);
    expect(mayChangeDeal(rep, 8, on)).toBe(false);
    expect(mayChangeDeal(rep, null, on)).toBe(false);
  });

  it('never restricts managers and admins', () => {
    for (const role of ['manager', 'admin'] as const) {
      expect(isRestrictedToOwnDeals(role, on)).toBe(false);
      expect(mayChangeDeal({ id: 1, role }, 8, on)).toBe(true);
      expect(mayChangeDeal({ id: 1, role }, null, on)).toBe(true);
    }
  });
});
