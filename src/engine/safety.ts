/**
 * The safety checks of SPEC §6 that can be decided from data. `audit` shows them too, so a
 * reader knows before any apply whether it would go ahead.
 */
import type { Policy } from '../policy/types.js';
import type { Snapshot } from './snapshot.js';
import type { ApplyRefusal, Finding, PlanStep } from './types.js';
import { userKey } from './user-facts.js';

/** A step the policy makes impossible to carry out as written. */
export interface StepProblem {
  step: PlanStep;
  problem: 'conflict' | 'unknown-role';
  roles: string[];
}

function who(step: PlanStep): string {
  return `${step.user.name} (${step.user.kind} #${step.user.id})`;
}

/** Steps that apply would carry out (protected and conflicting ones are shown but skipped). */
function changing(plan: readonly PlanStep[]): PlanStep[] {
  return plan.filter((step) => step.status !== 'skipped');
}

export function checkMaxChanges(
  plan: readonly PlanStep[],
  maxChanges: number,
  verb: GateVerb = 'apply',
): ApplyRefusal | null {
  const changes = changing(plan).length;
  if (changes <= maxChanges) return null;
  return {
    code: 'apply.max-changes',
    message:
      verb === 'apply'
        ? `The plan has ${changes} changes, more than max-changes (${maxChanges}), so apply changes nothing. ` +
          `Review the plan; if it is right, raise max-changes for this run, or narrow the rules so fewer users are changed at once.`
        : `The undo has ${changes} changes, more than max-changes (${maxChanges}), so it changes nothing. ` +
          `Review the plan; if it is right, raise max-changes for this run.`,
  };
}

function isAdmin(roles: readonly string[], builtIn: string | null, adminRoles: ReadonlySet<string>): boolean {
  return (
    roles.some((role) => adminRoles.has(role.toLowerCase())) ||
    (builtIn !== null && adminRoles.has(builtIn.toLowerCase()))
  );
}

/**
 * Active admins now and after every step that would be carried out, for apply's steps and undo's
 * alike: the one count behind `min-active-admins`.
 */
export function activeAdmins(policy: Policy | null, snapshot: Snapshot, plan: readonly PlanStep[]) {
  const adminRoles = new Set(adminRoleNames(policy).map((role) => role.toLowerCase()));
  const stepsByUser = new Map(changing(plan).map((step) => [userKey(step.user), step]));
  // kinds and ids of the changed users, so that the tenant's users need no key string each
  const changedIds = new Set(changing(plan).map((step) => step.user.id));
  let before = 0;
  let after = 0;
  for (const user of snapshot.users) {
    const adminNow = user.active && !user.locked && isAdmin(user.roles, user.role, adminRoles);
    if (adminNow) before += 1;
    const step = changedIds.has(user.id) ? stepsByUser.get(userKey(user)) : undefined;
    if (!step) {
      if (adminNow) after += 1;
      continue;
    }
    // lock and deactivate leave the user unable to act; unlock and activate give it back
    const active = step.action === 'deactivate' ? false : step.action === 'activate' ? true : user.active;
    const locked = step.action === 'lock' ? true : step.action === 'unlock' ? false : user.locked;
    // roleId replaces every role; the deprecated built-in enum is assumed to follow, so it no longer counts
    const replacesRoles = step.action === 'set-role' || step.action === 'restore-role';
    const admin = replacesRoles
      ? isAdmin([step.role ?? ''], null, adminRoles)
      : isAdmin(user.roles, user.role, adminRoles);
    if (active && !locked && admin) after += 1;
  }
  return { before, after };
}

/** The roles that count as admin: the policy's `safety.admin-roles`, or ServiceTitan's built-in Admin. */
export function adminRoleNames(policy: Policy | null): readonly string[] {
  return policy?.safety.adminRoles ?? ['Admin'];
}

export type GateVerb = 'apply' | 'undo';

export function protectedRefusal(plan: readonly PlanStep[], verb: GateVerb = 'apply'): ApplyRefusal | null {
  const touched = plan.filter((step) => step.reason === 'protected user');
  if (touched.length === 0) return null;
  return {
    code: 'apply.protected-user',
    message:
      verb === 'apply'
        ? `The plan would change protected users (${touched.map(who).join(', ')}), which apply never changes, ` +
          `so the whole plan is refused. Exempt them from the rules that want to change them, change those rules' ` +
          `fix, or remove them from safety.protected-users if they should no longer be protected.`
        : `The undo would change protected users (${touched.map(who).join(', ')}), which are never changed, so it ` +
          `changes nothing. Restore them by hand, or remove them from safety.protected-users if they should no longer be protected.`,
  };
}

export function minAdminsRefusal(
  policy: Policy | null,
  snapshot: Snapshot,
  plan: readonly PlanStep[],
  verb: GateVerb = 'apply',
): ApplyRefusal | null {
  const min = policy?.safety.minActiveAdmins ?? 0;
  // a plan that changes nothing leaves the tenant as it is
  if (!policy || min <= 0 || changing(plan).length === 0) return null;
  const { before, after } = activeAdmins(policy, snapshot, plan);
  if (after >= min) return null;
  const what = verb === 'apply' ? 'the plan' : 'the undo';
  return {
    code: 'apply.min-active-admins',
    message:
      `After ${what}, ${after} active admin${after === 1 ? '' : 's'} (${policy.safety.adminRoles.join(', ')}) ` +
      `would remain (${before} now), fewer than safety.min-active-admins (${min}), so ${verb} changes nothing. ` +
      (verb === 'apply'
        ? `Protect or exempt the admins the plan would lock out, or check that safety.admin-roles names the tenant's admin roles.`
        : `Restore those roles by hand, or check that safety.admin-roles names the tenant's admin roles.`),
  };
}

function unmappedRefusal(findings: readonly Finding[]): ApplyRefusal | null {
  const unmapped = findings.filter((f) => f.rule === 'permission-unmapped');
  if (unmapped.length === 0) return null;
  const names = unmapped.map((f) => f.evidence.permission ?? '?').join(', ');
  return {
    code: 'apply.permission-unmapped',
    message:
      `Permission mappings ${names} match no user in the tenant, so the audit cannot be trusted and apply ` +
      `changes nothing. Find the right ids with \`st-access-guard discover\` and correct the policy.`,
  };
}

function policyProblemRefusal(problems: readonly StepProblem[]): ApplyRefusal | null {
  if (problems.length === 0) return null;
  const described = problems.map(({ step, problem, roles }) =>
    problem === 'conflict'
      ? `${who(step)} is given different roles by rules ${step.rules.join(', ')} (${roles.join(', ')})`
      : `no active ${step.user.kind} role named ${roles.join(', ')} exists for ${who(step)}`,
  );
  return {
    code: 'apply.invalid-policy',
    message:
      `The plan cannot be carried out as the policy is written: ${described.join('; ')}. ` +
      `Make the set-role fixes agree and name active roles of the tenant, then run the audit again.`,
  };
}

export function planRefusals(
  policy: Policy,
  snapshot: Snapshot,
  plan: readonly PlanStep[],
  findings: readonly Finding[],
  problems: readonly StepProblem[],
): ApplyRefusal[] {
  return [
    protectedRefusal(plan),
    minAdminsRefusal(policy, snapshot, plan),
    unmappedRefusal(findings),
    policyProblemRefusal(problems),
  ].filter((refusal): refusal is ApplyRefusal => refusal !== null);
}
