import { describe, expect, it } from 'vitest';
import type { ForbidRule } from '../../src/policy/types.js';
import { exemption, forbid, policy, user } from './builders.js';
import { carrier, run } from './helpers.js';

const KEY = { '1234': 'True' };
const keyRule = (id: string, fix: ForbidRule['fix']) =>
  forbid(id, { permissions: ['generate-api-key'], fix });

function planFor(
  rules: ForbidRule[],
  users = [user({ id: 21, name: 'Jane Roe', permissions: KEY, roleIds: [2], roles: ['Office'] })],
  extra = {},
) {
  const p = policy({ rules, ...extra });
  return run(p, [user(carrier(p)), ...users]);
}

describe('the plan', () => {
  it('plans the rule fix for a user, recording the state before the change', () => {
    const { plan } = planFor([keyRule('r', { action: 'lock' })]);
    expect(plan).toEqual([
      {
        action: 'lock',
        user: { kind: 'employee', id: 21, userId: 21, name: 'Jane Roe', email: 'user21@acme.com' },
        rules: ['r'],
        findings: [expect.stringMatching(/^[0-9a-f]{16}$/)],
        status: 'planned',
        before: { active: true, locked: false, roleIds: [2] },
      },
    ]);
  });

  it('merges every rule for a user into one step where the strongest action wins', () => {
    const { plan } = planFor([
      keyRule('a-set-role', { action: 'set-role', role: 'Technician' }),
      keyRule('b-deactivate', { action: 'deactivate' }),
      keyRule('c-lock', { action: 'lock' }),
    ]);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ action: 'deactivate', rules: ['a-set-role', 'b-deactivate', 'c-lock'] });
    expect(plan[0]?.findings).toHaveLength(3);
  });

  it('prefers lock over set-role', () => {
    const { plan } = planFor([
      keyRule('a', { action: 'set-role', role: 'Office' }),
      keyRule('b', { action: 'lock' }),
    ]);
    expect(plan.map((s) => s.action)).toEqual(['lock']);
  });

  it('resolves a set-role target to the active role of the user kind', () => {
    const tech = user({ id: 8, kind: 'technician', permissions: KEY, roleIds: [3] });
    const { plan } = planFor([keyRule('r', { action: 'set-role', role: 'office' })], [tech]);
    expect(plan[0]).toMatchObject({ action: 'set-role', role: 'office', roleId: 4, status: 'planned' });
  });

  it('leaves manual fixes out of the plan', () => {
    expect(planFor([keyRule('r', { action: 'none' })]).plan).toEqual([]);
  });

  it('leaves exempted findings out of the plan', () => {
    const { plan } = planFor([keyRule('r', { action: 'lock' })], undefined, {
      exemptions: [exemption({ user: 'employee:21', rules: ['r'], expires: '2026-12-31' })],
    });
    expect(plan).toEqual([]);
  });

  it('skips a lock on an account that is already locked', () => {
    const locked = user({ id: 5, locked: true, permissions: KEY });
    const rule = forbid('r', {
      permissions: ['generate-api-key'],
      fix: { action: 'lock' },
      appliesTo: { includeInactive: true },
    });
    expect(planFor([rule], [locked]).plan).toEqual([]);
  });

  it('skips a deactivation of an account that is already inactive', () => {
    const gone = user({ id: 5, active: false, permissions: KEY });
    const rule = forbid('r', {
      permissions: ['generate-api-key'],
      fix: { action: 'deactivate' },
      appliesTo: { includeInactive: true },
    });
    expect(planFor([rule], [gone]).plan).toEqual([]);
  });

  it('skips a set-role when the user already has exactly that role', () => {
    const office = user({ id: 5, roleIds: [2], roles: ['Office'], permissions: KEY });
    expect(planFor([keyRule('r', { action: 'set-role', role: 'Office' })], [office]).plan).toEqual([]);
  });

  it('refuses, rather than guesses, when rules set different roles for one user', () => {
    const evaluation = planFor([
      keyRule('a', { action: 'set-role', role: 'Office' }),
      keyRule('b', { action: 'set-role', role: 'Admin' }),
    ]);
    expect(evaluation.plan[0]).toMatchObject({
      status: 'skipped',
      reason: 'conflicting set-role targets: Admin, Office',
    });
    expect(evaluation.refusals.map((r) => r.code)).toEqual(['apply.invalid-policy']);
  });

  it('refuses a set-role to a role the tenant does not have for that kind of user', () => {
    const evaluation = planFor([keyRule('r', { action: 'set-role', role: 'Retired' })]);
    expect(evaluation.plan[0]).toMatchObject({
      status: 'skipped',
      reason: 'no active employee role named Retired in the tenant',
    });
    expect(evaluation.refusals[0]?.code).toBe('apply.invalid-policy');
  });

  it('sorts steps by user kind and id', () => {
    const users = [9, 3].flatMap((id) => [
      user({ id, permissions: KEY }),
      user({ id, kind: 'technician', permissions: KEY }),
    ]);
    const { plan } = planFor([keyRule('r', { action: 'lock' })], users);
    expect(plan.map((s) => `${s.user.kind}:${s.user.id}`)).toEqual([
      'employee:3',
      'employee:9',
      'technician:3',
      'technician:9',
    ]);
  });
});
