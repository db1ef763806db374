/**
 * The safety checks of SPEC §6 that can be decided from data. `audit` shows them too, so a
 * reader knows before any apply whether it would go ahead.
 */
import type { PermissionMapping, Policy } from '../policy/types.js';
import type { Snapshot, TenantUser } from './snapshot.js';
import type { ApplyRefusal, Finding, PlanStep } from './types.js';
import { isHeld, userKey } from './user-facts.js';

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

/** Whether a user's roles (or the deprecated built-in role) include one of `adminRoles` (lower case). */
export function holdsAdminRole(
  roles: readonly string[],
  builtIn: string | null,
  adminRoles: ReadonlySet<string>,
): boolean {
  return (
    roles.some((role) => adminRoles.has(role.toLowerCase())) ||
    (builtIn !== null && adminRoles.has(builtIn.toLowerCase()))
  );
}

/**
 * The mappings of `safety.admin-permissions`: a role is only a name (a custom role may be called
 * anything, and "Admin" is also a permission section), so admin access may be named by permission.
 */
export function adminPermissionMappings(policy: Policy | null): PermissionMapping[] {
  const names = new Set(policy?.safety.adminPermissions ?? []);
  return (policy?.permissions ?? []).filter((mapping) => names.has(mapping.name));
}

/**
 * Active admins now and after every step that would be carried out, for apply's steps and undo's
 * alike: the one count behind `min-active-admins`. A user is an admin by an `admin-roles` role or
 * by holding an `admin-permissions` permission.
 */
export function activeAdmins(policy: Policy | null, snapshot: Snapshot, plan: readonly PlanStep[]) {
  const adminRoles = new Set(adminRoleNames(policy).map((role) => role.toLowerCase()));
  const adminPermissions = adminPermissionMappings(policy);
  const byPermission = (user: TenantUser) => adminPermissions.some((mapping) => isHeld(user, mapping));
  const stepsByUser = new Map(changing(plan).map((step) => [userKey(step.user), step]));
  // kinds and ids of the changed users, so that the tenant's users need no key string each
  const changedIds = new Set(changing(plan).map((step) => step.user.id));
  let before = 0;
  let after = 0;
  for (const user of snapshot.users) {
    const usable = user.active && !user.locked;
    const adminNow = usable && (holdsAdminRole(user.roles, user.role, adminRoles) || byPermission(user));
    if (adminNow) before += 1;
    const step = changedIds.has(user.id) ? stepsByUser.get(userKey(user)) : undefined;
    if (!step) {
      if (adminNow) after += 1;
      continue;
    }
    // lock and deactivate leave the user unable to act; unlock and activate give it back
    const active = step.action === 'deactivate' ? false : step.action === 'activate' ? true : user.active;
    const locked = step.action === 'lock' ? true : step.action === 'unlock' ? false : user.locked;
    // roleId replaces every role; the deprecated built-in enum is assumed to follow, so it no longer
    // counts, and neither do permissions, which come with roles: only the new role can make an admin
    const replacesRoles = step.action === 'set-role' || step.action === 'restore-role';
    const admin = replacesRoles
      ? holdsAdminRole([step.role ?? ''], null, adminRoles)
      : holdsAdminRole(user.roles, user.role, adminRoles) || byPermission(user);
    if (active && !locked && admin) after += 1;
  }
  return { before, after };
}

/** The roles that count as admin: the policy's `safety.admin-roles`, or ServiceTitan's built-in Admin. */
export function adminRoleNames(policy: Policy | null): readonly string[] {
  return policy?.safety.adminRoles ?? ['Admin'];
}

/** `Admin, Owner, permission admin-access`: what counts as admin, for messages. */
function adminsLabel(policy: Policy): string {
  return [
    ...policy.safety.adminRoles,
    ...(policy.safety.adminPermissions ?? []).map((name) => `permission ${name}`),
  ].join(', ');
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
      `After ${what}, ${after} active admin${after === 1 ? '' : 's'} (${adminsLabel(policy)}) ` +
      `would remain (${before} now), fewer than safety.min-active-admins (${min}), so ${verb} changes nothing. ` +
      (verb === 'apply'
        ? `Protect or exempt the admins the plan would lock out, or check that safety.admin-roles (and safety.admin-permissions) name the tenant's admin access.`
        : `Restore those roles by hand, or check that safety.admin-roles (and safety.admin-permissions) name the tenant's admin access.`),
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

/**
 * While a `safety` reference matches nobody, the guards cannot be trusted: a protected user
 * misspelt is not protected, an admin role misnamed is not counted. Decided on the findings, so
 * audit shows it too; undo can ask the same of its policy's findings.
 */
export function unmatchedGuardRefusal(
  findings: readonly Finding[],
  verb: GateVerb = 'apply',
): ApplyRefusal | null {
  const guards = findings.filter(
    (f) => f.rule === 'reference-unmatched' && f.evidence.reference?.key.startsWith('safety.'),
  );
  if (guards.length === 0) return null;
  const names = guards.map((f) => `${f.evidence.reference!.key} ${f.evidence.reference!.value}`).join(', ');
  return {
    code: 'apply.reference-unmatched',
    message:
      `The safety guards name what the tenant does not have (${names}), so they would not protect what they ` +
      `were meant to and ${verb} changes nothing. Correct each to an account or role of the tenant, or remove it, ` +
      `then run again.`,
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
    unmatchedGuardRefusal(findings),
    policyProblemRefusal(problems),
  ].filter((refusal): refusal is ApplyRefusal => refusal !== null);
}
