/**
 * Undo (SPEC §3, §6): reverse the verified steps of an earlier apply from its journal. Each apply
 * step recorded its user's state before the change; undo restores it (unlock, `Activate`, set the
 * previous role) through the same guards and the same read-back verification as apply. A user
 * whose state is no longer the one the apply left has been changed since by someone else: that
 * step is skipped with the reason, so undo never overrides a later decision.
 */
import { classifyAudience, matchesAnyUserRef } from '../engine/audience.js';
import { tenantCounts } from '../engine/counts.js';
import type { Snapshot, TenantUser } from '../engine/snapshot.js';
import type { ApplyRefusal, Evaluation, PlanStep } from '../engine/types.js';
import type { Policy, UserRef } from '../policy/types.js';
import type { AppliedStep } from './undo-journal.js';

type UserState = NonNullable<PlanStep['before']>;

function stateOf(user: TenantUser): UserState {
  return { active: user.active, locked: user.locked, roleIds: [...user.roleIds] };
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const x = [...a].sort((m, n) => m - n);
  const y = [...b].sort((m, n) => m - n);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

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
  const changes: string[] = [];
  if (now.active !== left.active) changes.push(`active is ${now.active} (the apply left ${left.active})`);
  if (now.locked !== left.locked) changes.push(`locked is ${now.locked} (the apply left ${left.locked})`);
  if (!sameIds(now.roleIds, left.roleIds)) {
    changes.push(`role ids are ${ids(now.roleIds)} (the apply left ${ids(left.roleIds)})`);
  }
  return changes;
}

function roleNames(snapshot: Snapshot, roleIds: readonly number[]): string {
  return roleIds.map((id) => snapshot.roles.find((r) => r.id === id)?.name ?? `#${id}`).join(', ');
}

/** The reverse of one applied step, as a planned step or a skipped one with the reason. */
function reverse(
  step: AppliedStep,
  user: TenantUser,
  snapshot: Snapshot,
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
): PlanStep[] {
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
    const left = stateLeftByApply(step);
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
    const undo: PlanStep = { ...reverse(step, user, snapshot), user: identity, ...common, before: now };
    if (undo.status === 'planned' && matchesAnyUserRef(user, protectedUsers)) {
      undo.status = 'skipped';
      undo.reason = 'protected user';
    }
    return undo;
  });
}

function who(step: PlanStep): string {
  return `${step.user.name} (${step.user.kind} #${step.user.id})`;
}

function isAdmin(
  user: TenantUser,
  roles: readonly string[],
  builtIn: string | null,
  adminRoles: Set<string>,
) {
  return (
    user.active &&
    !user.locked &&
    (roles.some((r) => adminRoles.has(r.toLowerCase())) ||
      (builtIn !== null && adminRoles.has(builtIn.toLowerCase())))
  );
}

/** Active admins now and after the undo. Only restoring a role can take admin rights away. */
export function activeAdminsAfterUndo(policy: Policy, snapshot: Snapshot, plan: readonly PlanStep[]) {
  const adminRoles = new Set(policy.safety.adminRoles.map((r) => r.toLowerCase()));
  const planned = new Map(
    plan.filter((s) => s.status === 'planned').map((s) => [`${s.user.kind}:${s.user.id}`, s]),
  );
  let before = 0;
  let after = 0;
  for (const user of snapshot.users) {
    if (isAdmin(user, user.roles, user.role, adminRoles)) before++;
    const step = planned.get(`${user.kind}:${user.id}`);
    const next: TenantUser = {
      ...user,
      active: user.active || step?.action === 'activate',
      locked: user.locked && step?.action !== 'unlock',
    };
    // like set-role in apply: roleId replaces every role, and the deprecated built-in role is assumed to follow
    const restored = step?.action === 'restore-role';
    if (isAdmin(next, restored ? [step.role ?? ''] : user.roles, restored ? null : user.role, adminRoles))
      after++;
  }
  return { before, after };
}

export interface UndoGuards {
  maxChanges: number;
  /** the event name when it is a pull request (never writes), else null */
  pullRequest: string | null;
}

/** Why undo refuses (and changes nothing): the same guards as apply. */
export function undoRefusals(
  plan: readonly PlanStep[],
  policy: Policy | null,
  snapshot: Snapshot,
  guards: UndoGuards,
): ApplyRefusal[] {
  const refusals: ApplyRefusal[] = [];
  if (guards.pullRequest) {
    refusals.push({
      code: 'apply.pull-request',
      message: `Undo is refused on \`${guards.pullRequest}\` events: a pull request never writes to ServiceTitan. This run shows the undo plan; run it from a workflow_dispatch run on the default branch.`,
    });
  }
  const changes = plan.filter((s) => s.status === 'planned').length;
  if (changes > guards.maxChanges) {
    refusals.push({
      code: 'apply.max-changes',
      message: `The undo has ${changes} changes, more than max-changes (${guards.maxChanges}), so it changes nothing. Review the plan; if it is right, raise max-changes for this run.`,
    });
  }
  const touched = plan.filter((s) => s.reason === 'protected user');
  if (touched.length > 0) {
    refusals.push({
      code: 'apply.protected-user',
      message: `The undo would change protected users (${touched.map(who).join(', ')}), which are never changed, so it changes nothing. Restore them by hand, or remove them from safety.protected-users if they should no longer be protected.`,
    });
  }
  const min = policy?.safety.minActiveAdmins ?? 0;
  if (policy && min > 0 && changes > 0) {
    const { before, after } = activeAdminsAfterUndo(policy, snapshot, plan);
    if (after < min && after < before) {
      refusals.push({
        code: 'apply.min-active-admins',
        message: `After the undo, ${after} active admin${after === 1 ? '' : 's'} would remain (${before} now), fewer than safety.min-active-admins (${min}), so it changes nothing. Restore those roles by hand.`,
      });
    }
  }
  return refusals;
}

/** The counts an undo report carries: the tenant's users; undo judges nothing, so no findings. */
export function undoCounts(snapshot: Snapshot, policy: Policy | null): Evaluation['counts'] {
  const external = policy
    ? snapshot.users.filter((u) => classifyAudience(u, policy.organization) === 'external').length
    : 0;
  return tenantCounts(snapshot, external);
}
