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

export function checkMaxChanges(plan: readonly PlanStep[], maxChanges: number): ApplyRefusal | null {
  const changes = changing(plan).length;
  if (changes <= maxChanges) return null;
  return {
    code: 'apply.max-changes',
    message:
      `The plan has ${changes} changes, more than max-changes (${maxChanges}), so apply changes nothing. ` +
      `Review the plan; if it is right, raise max-changes for this run, or narrow the rules so fewer users are changed at once.`,
  };
}

function isAdmin(roles: readonly string[], builtIn: string | null, adminRoles: ReadonlySet<string>): boolean {
  return (
    roles.some((role) => adminRoles.has(role.toLowerCase())) ||
    (builtIn !== null && adminRoles.has(builtIn.toLowerCase()))
  );
}

/** Active admins now and after every step that would be applied. */
export function activeAdmins(policy: Policy, snapshot: Snapshot, plan: readonly PlanStep[]) {
  const adminRoles = new Set(policy.safety.adminRoles.map((role) => role.toLowerCase()));
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
    } else if (step.action === 'set-role') {
      // roleId replaces every role; the deprecated built-in enum is assumed to follow, so it no longer counts
      if (user.active && !user.locked && isAdmin([step.role ?? ''], null, adminRoles)) after += 1;
    }
    // lock and deactivate leave the user unable to act: never an active admin afterwards
  }
  return { before, after };
}

function protectedRefusal(plan: readonly PlanStep[]): ApplyRefusal | null {
  const touched = plan.filter((step) => step.reason === 'protected user');
  if (touched.length === 0) return null;
  return {
    code: 'apply.protected-user',
    message:
      `The plan would change protected users (${touched.map(who).join(', ')}), which apply never changes, ` +
      `so the whole plan is refused. Exempt them from the rules that want to change them, change those rules' ` +
      `fix, or remove them from safety.protected-users if they should no longer be protected.`,
  };
}

function minAdminsRefusal(
  policy: Policy,
  snapshot: Snapshot,
  plan: readonly PlanStep[],
): ApplyRefusal | null {
  const min = policy.safety.minActiveAdmins;
  // a plan that changes nothing leaves the tenant as it is
  if (min <= 0 || changing(plan).length === 0) return null;
  const { before, after } = activeAdmins(policy, snapshot, plan);
  if (after >= min) return null;
  return {
    code: 'apply.min-active-admins',
    message:
      `After the plan, ${after} active admin${after === 1 ? '' : 's'} (${policy.safety.adminRoles.join(', ')}) ` +
      `would remain (${before} now), fewer than safety.min-active-admins (${min}), so apply changes nothing. ` +
      `Protect or exempt the admins the plan would lock out, or check that safety.admin-roles names the tenant's admin roles.`,
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
