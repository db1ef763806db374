/**
 * The reverse plan of `undo`: a pure function of the apply's journal and a fresh snapshot.
 */
import { describe, expect, it } from 'vitest';
import type { AppliedStep } from '../../src/apply/undo-journal.js';
import { undoRefusals } from '../../src/apply/guard.js';
import { planUndo } from '../../src/apply/undo.js';
import type { TenantUser } from '../../src/engine/snapshot.js';
import { policy, ref, snapshot, user } from '../engine/builders.js';

function applied(
  action: AppliedStep['action'],
  who: TenantUser,
  before: Partial<AppliedStep['before']> = {},
  extra: Partial<AppliedStep> = {},
): AppliedStep {
  return {
    action,
    user: { kind: who.kind, id: who.id, userId: who.userId, name: who.name, email: who.email },
    rules: ['no-external-api-access'],
    findings: ['f-1'],
    status: 'verified',
    before: { active: true, locked: false, roleIds: [2], ...before },
    ...extra,
  };
}

describe('planUndo', () => {
  it('unlocks a user the apply locked, recording the state it finds', () => {
    const kevin = user({ id: 160, locked: true, roleIds: [2], roles: ['Office'] });
    const [step] = planUndo([applied('lock', kevin)], snapshot([kevin]));
    expect(step).toMatchObject({
      action: 'unlock',
      status: 'planned',
      user: { kind: 'employee', id: 160 },
      rules: ['no-external-api-access'],
      findings: ['f-1'],
      before: { active: true, locked: true, roleIds: [2] },
    });
  });

  it('activates an employee the apply deactivated, without a licence type', () => {
    const gone = user({ id: 7, active: false, roleIds: [2] });
    const [step] = planUndo([applied('deactivate', gone)], snapshot([gone]));
    expect(step).toMatchObject({ action: 'activate', status: 'planned' });
    expect(step?.licenseType).toBeUndefined();
  });

  it('activates a technician with the licence type read from its record', () => {
    const tech = user({
      kind: 'technician',
      id: 230,
      active: false,
      roleIds: [3],
      licenseType: 'NonManagedTechnician',
    });
    const [step] = planUndo([applied('deactivate', tech, { roleIds: [3] })], snapshot([tech]));
    expect(step).toMatchObject({
      action: 'activate',
      status: 'planned',
      licenseType: 'NonManagedTechnician',
    });
  });

  it('skips a managed technician: whether it was a Managed Technician or Installer cannot be read', () => {
    const tech = user({
      kind: 'technician',
      id: 232,
      active: false,
      roleIds: [3],
      licenseType: 'ManagedTechnician',
    });
    const [step] = planUndo([applied('deactivate', tech, { roleIds: [3] })], snapshot([tech]));
    expect(step).toMatchObject({ action: 'activate', status: 'skipped' });
    expect(step?.reason).toMatch(/reactivate it by hand in ServiceTitan .*choosing the licence/);
  });

  it('skips a technician whose licence type is unknown, saying why', () => {
    const tech = user({ kind: 'technician', id: 231, active: false, roleIds: [3], licenseType: null });
    const [step] = planUndo([applied('deactivate', tech, { roleIds: [3] })], snapshot([tech]));
    expect(step).toMatchObject({ action: 'activate', status: 'skipped' });
    expect(step?.reason).toMatch(/licence type is unknown/);
  });

  it('sets back the one role the user had before a set-role', () => {
    const sam = user({ id: 162, roleIds: [2], roles: ['Office'] });
    const [step] = planUndo(
      [applied('set-role', sam, { roleIds: [3] }, { role: 'Office', roleId: 2 })],
      snapshot([sam]),
    );
    expect(step).toMatchObject({ action: 'restore-role', status: 'planned', roleId: 3, role: 'Technician' });
  });

  it('never gives back a role that counts as admin: that is left to a person', () => {
    const sam = user({ id: 162, roleIds: [2], roles: ['Office'] });
    const [step] = planUndo(
      [applied('set-role', sam, { roleIds: [1] }, { role: 'Office', roleId: 2 })],
      snapshot([sam]),
    );
    expect(step).toMatchObject({ action: 'restore-role', status: 'skipped', roleId: 1, role: 'Admin' });
    expect(step?.reason).toMatch(/counts as admin .* never grants admin access: .* by hand/);
    // the policy's own admin roles decide, whatever they are called
    const [custom] = planUndo(
      [applied('set-role', sam, { roleIds: [3] }, { role: 'Office', roleId: 2 })],
      snapshot([sam]),
      [],
      ['technician'],
    );
    expect(custom).toMatchObject({ status: 'skipped' });
  });

  it('skips a user who had several roles: PATCH roleId can restore only one', () => {
    const sam = user({ id: 162, roleIds: [2] });
    const [step] = planUndo(
      [applied('set-role', sam, { roleIds: [1, 2] }, { role: 'Office', roleId: 2 })],
      snapshot([sam]),
    );
    expect(step?.status).toBe('skipped');
    expect(step?.reason).toBe('had several roles: restore by hand: Admin, Office (ids 1, 2)');
  });

  it('skips restoring a role that is no longer active in the tenant', () => {
    const sam = user({ id: 162, roleIds: [2] });
    const [step] = planUndo([applied('set-role', sam, { roleIds: [5] }, { roleId: 2 })], snapshot([sam]));
    expect(step).toMatchObject({ status: 'skipped', roleId: 5, role: 'Retired' });
    expect(step?.reason).toMatch(/Retired \(#5\) is inactive/);
  });

  it('skips a user who was unlocked since the apply rather than doing it twice', () => {
    const kevin = user({ id: 160, locked: false, roleIds: [2] });
    const [step] = planUndo([applied('lock', kevin)], snapshot([kevin]));
    expect(step).toMatchObject({
      action: 'unlock',
      status: 'skipped',
      reason: 'already as before the apply',
    });
  });

  it('skips a user whose roles changed since the apply, naming what changed', () => {
    const kevin = user({ id: 160, locked: true, roleIds: [4] });
    const [step] = planUndo([applied('lock', kevin)], snapshot([kevin]));
    expect(step?.status).toBe('skipped');
    expect(step?.reason).toBe('changed since the apply: role ids are 4 (the apply left 2)');
  });

  it('skips a set-role whose user has since been given another role', () => {
    const sam = user({ id: 162, roleIds: [3] });
    const [step] = planUndo([applied('set-role', sam, { roleIds: [1] }, { roleId: 2 })], snapshot([sam]));
    expect(step?.status).toBe('skipped');
    expect(step?.reason).toMatch(/role ids are 3 \(the apply left 2\)/);
  });

  it('skips a user who is no longer in the tenant', () => {
    const gone = user({ id: 99 });
    const [step] = planUndo([applied('lock', gone)], snapshot([]));
    expect(step).toMatchObject({ action: 'unlock', status: 'skipped', reason: 'no longer in the tenant' });
  });

  it('skips a record that now belongs to another ServiceTitan user', () => {
    const now = user({ id: 160, userId: 5000, locked: true, roleIds: [2] });
    const step = planUndo([applied('lock', { ...now, userId: 4000 })], snapshot([now]))[0];
    expect(step?.status).toBe('skipped');
    expect(step?.reason).toMatch(/belongs to user 5000/);
  });

  it('marks a protected user skipped, which the guards turn into a refusal', () => {
    const owner = user({ id: 103, email: 'owner@acme.com', locked: true, roleIds: [2] });
    const plan = planUndo([applied('lock', owner)], snapshot([owner]), [ref('owner@acme.com')]);
    expect(plan[0]).toMatchObject({ status: 'skipped', reason: 'protected user' });
    const refusals = undoRefusals(plan, policy(), snapshot([owner]), {
      maxChanges: 10,
      eventRefusal: null,
    });
    expect(refusals.map((r) => r.code)).toEqual(['apply.protected-user']);
  });

  it('keeps the journal order and makes one step per applied step', () => {
    const a = user({ id: 1, locked: true, roleIds: [2] });
    const b = user({ id: 2, active: false, roleIds: [2] });
    const plan = planUndo([applied('deactivate', b), applied('lock', a)], snapshot([a, b]));
    expect(plan.map((s) => [s.user.id, s.action])).toEqual([
      [2, 'activate'],
      [1, 'unlock'],
    ]);
  });
});

const PR_REFUSAL = { code: 'apply.pull-request' as const, message: 'a pull request never writes' };

describe('undoRefusals', () => {
  const locked = (id: number) => user({ id, locked: true, roleIds: [2] });

  it('refuses more changes than max-changes', () => {
    const users = [locked(1), locked(2), locked(3)];
    const plan = planUndo(
      users.map((u) => applied('lock', u)),
      snapshot(users),
    );
    const refusals = undoRefusals(plan, policy(), snapshot(users), { maxChanges: 2, eventRefusal: null });
    expect(refusals.map((r) => r.code)).toEqual(['apply.max-changes']);
    expect(refusals[0]?.message).toMatch(/3 changes, more than max-changes \(2\)/);
  });

  it('always refuses on a pull request', () => {
    const u = locked(1);
    const plan = planUndo([applied('lock', u)], snapshot([u]));
    const refusals = undoRefusals(plan, policy(), snapshot([u]), {
      maxChanges: 10,
      eventRefusal: PR_REFUSAL,
    });
    expect(refusals.map((r) => r.code)).toEqual(['apply.pull-request']);
  });

  it('refuses restoring a role when it would leave fewer admins than min-active-admins', () => {
    // the apply had made 162 the only Admin; restoring Office would leave none
    const admin = user({ id: 162, roleIds: [1], roles: ['Admin'] });
    const s = snapshot([admin]);
    const plan = planUndo([applied('set-role', admin, { roleIds: [2] }, { role: 'Admin', roleId: 1 })], s);
    expect(plan[0]?.status).toBe('planned');
    const refusals = undoRefusals(plan, policy({ minActiveAdmins: 1 }), s, {
      maxChanges: 10,
      eventRefusal: null,
    });
    expect(refusals.map((r) => r.code)).toEqual(['apply.min-active-admins']);
  });

  it('lets an undo that gives admins back through, even on a tenant already short of admins', () => {
    const admin = user({ id: 101, locked: true, roleIds: [1], roles: ['Admin'] });
    const s = snapshot([admin]);
    const plan = planUndo([applied('lock', admin, { roleIds: [1] })], s);
    expect(
      undoRefusals(plan, policy({ minActiveAdmins: 1 }), s, { maxChanges: 10, eventRefusal: null }),
    ).toEqual([]);
  });
});
