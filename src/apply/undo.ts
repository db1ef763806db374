/**
 * Undo (SPEC §3, §6): reverse the verified steps of an earlier apply from its journal. Each apply
 * step recorded its user's state before the change; undo restores it (unlock, `Activate`, set the
 * previous role) through the same gate (apply/guard.ts) and the same read-back verification as
 * apply. What undo trusts: only steps the tool itself wrote and verified, proven by their journal
 * seal (apply/seal.ts, checked in undo-run.ts), and only while the user is still in the state the
 * tool read back after its write (`after`): a user changed since by someone else is skipped with
 * the reason, so undo never overrides a later decision. Undo never raises privileges: restoring a
 * role that counts as admin (`safety.admin-roles`) is left to a person.
 */
import { classifyAudience, matchesAnyUserRef } from '../engine/audience.js';
import { tenantCounts } from '../engine/counts.js';
import type { Snapshot, TenantUser } from '../engine/snapshot.js';
import type { Evaluation, PlanStep, UserState } from '../engine/types.js';
import type { Policy, UserRef } from '../policy/types.js';
import { stateChanges, stateOf } from './execute.js';
import type { AppliedStep } from './undo-journal.js';

function ids(roleIds: readonly number[]): string {
  return roleIds.length ? roleIds.join(', ') : 'none';
}

/** The state the apply step left its user in, per the journal. Null when the journal lacks the role id. */
export function stateLeftByApply(step: AppliedStep): UserState | null {
  const { before } = step;
  switch (step.action) {
    case 'lock':
      return { ...before, locked: true };
    case 'deactivate':
      return { ...before, active: false };
    case 'set-role':
      return step.roleId === undefined ? null : { ...before, roleIds: [step.roleId] };
  }
}

/** What differs between the user now and the state the apply left, in words (empty: unchanged). */
function changesSince(left: UserState, now: UserState): string[] {
  return stateChanges(left, now, 'the apply left');
}

function roleNames(snapshot: Snapshot, roleIds: readonly number[]): string {
  return roleIds.map((id) => snapshot.roles.find((r) => r.id === id)?.name ?? `#${id}`).join(', ');
}

/** The reverse of one applied step, as a planned step or a skipped one with the reason. */
function reverse(
  step: AppliedStep,
  user: TenantUser,
  snapshot: Snapshot,
  adminRoles: ReadonlySet<string>,
): Omit<PlanStep, 'user' | 'rules' | 'findings' | 'before'> {
  const { before } = step;
  switch (step.action) {
    case 'lock':
      if (before.locked)
        return { action: 'unlock', status: 'skipped', reason: 'was already locked before the apply' };
      return { action: 'unlock', status: 'planned' };
    case 'deactivate': {
      if (!before.active) {
        return { action: 'activate', status: 'skipped', reason: 'was already inactive before the apply' };
      }
      if (user.kind === 'employee') return { action: 'activate', status: 'planned' };
      if (!user.licenseType) {
        return {
          action: 'activate',
          status: 'skipped',
          reason:
            "the technician's licence type is unknown (ServiceTitan did not say whether it is managed), and Activate needs one: activate it by hand in ServiceTitan",
        };
      }
      if (user.licenseType !== 'NonManagedTechnician') {
        // ServiceTitan's technician record says only isManagedTech; Activate needs ManagedTechnician or
        // ManagedInstaller for a managed one, and guessing could hand out the wrong (paid) licence.
        return {
          action: 'activate',
          status: 'skipped',
          reason:
            'the technician is managed, and ServiceTitan does not say whether its licence was Managed Technician or Managed Installer: reactivate it by hand in ServiceTitan (Settings → Technicians), choosing the licence it had',
        };
      }
      return { action: 'activate', status: 'planned', licenseType: user.licenseType };
    }
    case 'set-role': {
      const [previous, ...others] = before.roleIds;
      if (previous === undefined) {
        return {
          action: 'restore-role',
          status: 'skipped',
          reason:
            "had no role before the apply, and ServiceTitan's roleId cannot remove every role: restore by hand",
        };
      }
      if (others.length > 0) {
        // PATCH roleId replaces the roles with one: the others could not be given back.
        return {
          action: 'restore-role',
          status: 'skipped',
          reason: `had several roles: restore by hand: ${roleNames(snapshot, before.roleIds)} (ids ${ids(before.roleIds)})`,
        };
      }
      const role = snapshot.roles.find((r) => r.id === previous);
      const name = role?.name ?? `#${previous}`;
      if (!role || !role.active) {
        return {
          action: 'restore-role',
          role: name,
          roleId: previous,
          status: 'skipped',
          reason: `the previous role ${name} (#${previous}) is ${role ? 'inactive' : 'gone'} in the tenant: restore by hand`,
        };
      }
      if (adminRoles.has(role.name.toLowerCase())) {
        return {
          action: 'restore-role',
          role: name,
          roleId: previous,
          status: 'skipped',
          reason: `the previous role ${name} counts as admin (safety.admin-roles), and undo never grants admin access: if it is right, give the role back by hand in ServiceTitan`,
        };
      }
      return { action: 'restore-role', role: name, roleId: previous, status: 'planned' };
    }
  }
}

const REVERSE_ACTION = { lock: 'unlock', deactivate: 'activate', 'set-role': 'restore-role' } as const;

/**
 * The undo plan: one step per verified apply step, in the journal's order. Pure: the journal, the
 * fresh snapshot and the policy's protected users in, the steps out.
 */
export function planUndo(
  applied: readonly AppliedStep[],
  snapshot: Snapshot,
  protectedUsers: readonly UserRef[] = [],
  adminRoles: readonly string[] = ['Admin'],
): PlanStep[] {
  const admin = new Set(adminRoles.map((r) => r.toLowerCase()));
  const users = new Map(snapshot.users.map((u) => [`${u.kind}:${u.id}`, u]));
  return applied.map((step): PlanStep => {
    const user = users.get(`${step.user.kind}:${step.user.id}`);
    const common = { rules: [...step.rules], findings: [...step.findings] };
    const skip = (reason: string): PlanStep => ({
      action: REVERSE_ACTION[step.action],
      user: { ...step.user },
      ...common,
      status: 'skipped',
      reason,
    });
    if (!user) return skip('no longer in the tenant');
    if (step.user.userId !== null && user.userId !== null && step.user.userId !== user.userId) {
      return skip(`the ${user.kind} #${user.id} now belongs to user ${user.userId}, not ${step.user.userId}`);
    }
    // the state the tool read back after its write; older journals: derived from before and the action
    const left = step.after ?? stateLeftByApply(step);
    if (!left) return skip("the apply's journal does not say which role it set");
    const now = stateOf(user);
    const changes = changesSince(left, now);
    const identity = {
      kind: user.kind,
      id: user.id,
      userId: user.userId,
      name: user.name,
      email: user.email,
    };
    if (changes.length > 0 && changesSince(step.before, now).length === 0) {
      // an earlier undo (or a person) already put it back: a rerun does nothing twice
      return { ...skip('already as before the apply'), user: identity, before: now };
    }
    if (changes.length > 0) {
      return { ...skip(`changed since the apply: ${changes.join('; ')}`), user: identity, before: now };
    }
    const undo: PlanStep = {
      ...reverse(step, user, snapshot, admin),
      user: identity,
      ...common,
      before: now,
    };
    if (undo.status === 'planned' && matchesAnyUserRef(user, protectedUsers)) {
      undo.status = 'skipped';
      undo.reason = 'protected user';
    }
    return undo;
  });
}

/** The counts an undo report carries: the tenant's users; undo judges nothing, so no findings. */
export function undoCounts(snapshot: Snapshot, policy: Policy | null): Evaluation['counts'] {
  const external = policy
    ? snapshot.users.filter((u) => classifyAudience(u, policy.organization) === 'external').length
    : 0;
  return tenantCounts(snapshot, external);
}
