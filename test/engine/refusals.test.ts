import { describe, expect, it } from 'vitest';
import { checkMaxChanges } from '../../src/engine/plan.js';
import { forbid, policy, user, type PolicyInit } from './builders.js';
import { carrier, run } from './helpers.js';

const KEY = { '1234': 'True' };
const lockKeyHolders = forbid('lock-key-holders', {
  permissions: ['generate-api-key'],
  fix: { action: 'lock' },
});

function audit(
  extra: PolicyInit,
  users = [user({ id: 21, name: 'Jane Roe', email: 'jane@acme.com', permissions: KEY })],
  withCarrier = true,
) {
  const p = policy({ rules: [lockKeyHolders], ...extra });
  return run(p, [...(withCarrier ? [user(carrier(p))] : []), ...users]);
}

describe('apply refusals', () => {
  it('refuses nothing for a plan that breaks no safety rule', () => {
    expect(audit({}).refusals).toEqual([]);
  });

  it('shows a step on a protected user as skipped and refuses the whole plan', () => {
    const others = [
      user({ id: 22, permissions: KEY }),
      user({ id: 21, name: 'Jane Roe', email: 'jane@acme.com', permissions: KEY }),
    ];
    const evaluation = audit({ protectedUsers: ['JANE@acme.com'] }, others);
    expect(evaluation.plan.find((s) => s.user.id === 21)).toMatchObject({
      status: 'skipped',
      reason: 'protected user',
    });
    expect(evaluation.plan.find((s) => s.user.id === 22)?.status).toBe('planned');
    expect(evaluation.refusals).toHaveLength(1);
    expect(evaluation.refusals[0]?.code).toBe('apply.protected-user');
    expect(evaluation.refusals[0]?.message).toContain('Jane Roe (employee #21)');
    expect(evaluation.refusals[0]?.message).toContain('safety.protected-users');
  });

  it('refuses a plan that would leave fewer active admins than min-active-admins', () => {
    const admins = [user({ id: 1, roles: ['Admin'], permissions: KEY }), user({ id: 2, role: 'Owner' })];
    const evaluation = audit({ minActiveAdmins: 2 }, admins);
    expect(evaluation.refusals.map((r) => r.code)).toEqual(['apply.min-active-admins']);
    expect(evaluation.refusals[0]?.message).toContain('1 active admin (Admin, Owner) would remain (2 now)');
  });

  it('counts an admin moved to another role by set-role as no longer an admin', () => {
    const setRole = forbid('demote', {
      permissions: ['generate-api-key'],
      fix: { action: 'set-role', role: 'Office' },
    });
    const p = policy({ rules: [setRole], minActiveAdmins: 1 });
    const evaluation = run(p, [
      user(carrier(p)),
      user({ id: 1, roles: ['Admin'], roleIds: [1], permissions: KEY }),
    ]);
    expect(evaluation.refusals.map((r) => r.code)).toEqual(['apply.min-active-admins']);
  });

  it('accepts a plan that leaves enough admins', () => {
    const admins = [user({ id: 1, roles: ['admin'] }), user({ id: 2, permissions: KEY })];
    expect(audit({ minActiveAdmins: 1 }, admins).refusals).toEqual([]);
  });

  it('refuses apply while any permission-unmapped finding stands', () => {
    const evaluation = audit({}, [user({ id: 21, permissions: KEY })], false);
    expect(evaluation.refusals.map((r) => r.code)).toEqual(['apply.permission-unmapped']);
    expect(evaluation.refusals[0]?.message).toContain('manage-api-access');
  });

  it('leaves max-changes to the run setting, refusing only more changes than allowed', () => {
    const { plan } = audit({}, [user({ id: 1, permissions: KEY }), user({ id: 2, permissions: KEY })]);
    expect(checkMaxChanges(plan, 2)).toBeNull();
    expect(checkMaxChanges(plan, 1)).toMatchObject({ code: 'apply.max-changes' });
    expect(checkMaxChanges(plan, 1)?.message).toContain('The plan has 2 changes, more than max-changes (1)');
  });
});
