/**
 * The plan (SPEC §5, §6): what `apply` would change, one step per user. Only lock, deactivate and
 * set-role exist as API writes; every other fix stays a manual step on its finding.
 */
import type { Policy } from '../policy/types.js';
import { matchesAnyUserRef } from './audience.js';
import { isExempt } from './exemptions.js';
import { resolveRoleId, type RoleIdsByName } from './role-directory.js';
import { planRefusals, type StepProblem } from './safety.js';
import type { Snapshot, TenantUser } from './snapshot.js';
import type { ApplyRefusal, Finding, PlanAction, PlanStep } from './types.js';
import { userKey } from './user-facts.js';

export { resolveFixRoles, roleIdsByName, type RoleIdsByName } from './role-directory.js';
export { checkMaxChanges } from './safety.js';

/** The strongest action wins: a deactivated account can do nothing, a locked one cannot sign in. */
const STRENGTH: Record<PlanAction, number> = { deactivate: 3, lock: 2, 'set-role': 1 };

interface Wanted {
  user: TenantUser;
  findings: Finding[];
}

function plannable(finding: Finding): boolean {
  return finding.user !== null && !isExempt(finding) && finding.fix.action !== 'manual';
}

function isNoOp(action: PlanAction, user: TenantUser, roleId: number | null): boolean {
  if (action === 'deactivate') return !user.active;
  if (action === 'lock') return user.locked;
  return roleId !== null && user.roleIds.length === 1 && user.roleIds[0] === roleId;
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function stepFor(wanted: Wanted, roles: RoleIdsByName, problems: StepProblem[]): PlanStep | null {
  const { user, findings } = wanted;
  const action = findings
    .map((f) => f.fix.action as PlanAction)
    .reduce((a, b) => (STRENGTH[b] > STRENGTH[a] ? b : a));
  const step: PlanStep = {
    action,
    user: { kind: user.kind, id: user.id, userId: user.userId, name: user.name, email: user.email },
    rules: sortedUnique(findings.map((f) => f.rule)),
    findings: sortedUnique(findings.map((f) => f.id)),
    status: 'planned',
    before: { active: user.active, locked: user.locked, roleIds: [...user.roleIds] },
  };
  let roleId: number | null = null;
  if (action === 'set-role') {
    // two rules asking for different roles is a policy conflict: refuse rather than guess
    // the strongest action is set-role only when every finding asks for set-role
    const targets = sortedUnique(findings.flatMap((f) => (f.fix.action === 'set-role' ? [f.fix.role] : [])));
    const distinct = [...new Set(targets.map((t) => t.toLowerCase()))];
    step.role = targets[0] ?? '';
    if (distinct.length > 1) {
      step.status = 'skipped';
      step.reason = `conflicting set-role targets: ${targets.join(', ')}`;
      problems.push({ step, problem: 'conflict', roles: targets });
    } else {
      roleId = resolveRoleId(roles, step.role, user.kind);
      if (roleId === null) {
        step.status = 'skipped';
        step.reason = `no active ${user.kind} role named ${step.role} in the tenant`;
        problems.push({ step, problem: 'unknown-role', roles: [step.role] });
      } else {
        step.roleId = roleId;
      }
    }
  }
  if (step.status === 'planned' && isNoOp(action, user, roleId)) return null;
  return step;
}

/** The snapshot's users that plannable findings name, by key (the last, if a key repeats). */
function usersWithFindings(snapshot: Snapshot, findings: readonly Finding[]): Map<string, TenantUser> {
  // by kind and numeric id, so that the tenant's users need no key string each
  const wanted = new Map<string, Set<number>>();
  for (const finding of findings) {
    if (!plannable(finding) || finding.user === null) continue;
    const ids = wanted.get(finding.user.kind) ?? new Set<number>();
    ids.add(finding.user.id);
    wanted.set(finding.user.kind, ids);
  }
  const found = new Map<string, TenantUser>();
  if (wanted.size === 0) return found;
  for (const user of snapshot.users) {
    if (wanted.get(user.kind)?.has(user.id)) found.set(userKey(user), user);
  }
  return found;
}

/**
 * One step per user from the non-exempt findings whose fix the API can carry out, and the
 * reasons `apply` would refuse it that can be decided from data (max-changes is a run setting:
 * see `checkMaxChanges`).
 */
export function buildPlan(
  policy: Policy,
  snapshot: Snapshot,
  findings: readonly Finding[],
  roleIdsByName: RoleIdsByName,
): { plan: PlanStep[]; refusals: ApplyRefusal[] } {
  const usersByKey = usersWithFindings(snapshot, findings);
  const wantedByUser = new Map<string, Wanted>();
  for (const finding of findings) {
    if (!plannable(finding) || finding.user === null) continue;
    const key = userKey(finding.user);
    const user = usersByKey.get(key);
    if (!user) continue;
    const wanted = wantedByUser.get(key) ?? { user, findings: [] };
    wanted.findings.push(finding);
    wantedByUser.set(key, wanted);
  }
  const problems: StepProblem[] = [];
  const plan: PlanStep[] = [];
  for (const wanted of wantedByUser.values()) {
    const step = stepFor(wanted, roleIdsByName, problems);
    if (!step) continue;
    if (matchesAnyUserRef(wanted.user, policy.safety.protectedUsers)) {
      step.status = 'skipped';
      step.reason = 'protected user';
    }
    plan.push(step);
  }
  plan.sort((a, b) => a.user.kind.localeCompare(b.user.kind) || a.user.id - b.user.id);
  return { plan, refusals: planRefusals(policy, snapshot, plan, findings, problems) };
}
