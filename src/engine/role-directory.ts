/**
 * Role names to ids, for `set-role` fixes. ServiceTitan roles are typed (`employeeType`
 * Employee or Technician), and the same name may exist once per type, so a name resolves per kind.
 */
import type { PolicyIssue } from '../errors.js';
import type { Policy } from '../policy/types.js';
import { nearest } from './nearest.js';
import type { Snapshot, UserKind, UserRole } from './snapshot.js';

/** lower-case role name -> the active role's id for each kind of user it can be given to */
export type RoleIdsByName = ReadonlyMap<string, Partial<Record<UserKind, number>>>;

function kindsOf(role: UserRole): UserKind[] {
  const type = role.employeeType.toLowerCase();
  if (type === 'employee') return ['employee'];
  if (type === 'technician') return ['technician'];
  return ['employee', 'technician'];
}

/** Only active roles: an inactive role cannot be given to anyone. Lowest id wins a duplicate name. */
export function roleIdsByName(roles: readonly UserRole[]): RoleIdsByName {
  const byName = new Map<string, Partial<Record<UserKind, number>>>();
  for (const role of [...roles].sort((a, b) => a.id - b.id)) {
    if (!role.active) continue;
    const key = role.name.toLowerCase();
    const ids = byName.get(key) ?? {};
    for (const kind of kindsOf(role)) ids[kind] ??= role.id;
    byName.set(key, ids);
  }
  return byName;
}

export function resolveRoleId(directory: RoleIdsByName, role: string, kind: UserKind): number | null {
  return directory.get(role.toLowerCase())?.[kind] ?? null;
}

/**
 * `set-role` names that the tenant does not have as an active role. Checked against the fetched
 * /user-roles, so it runs after the fetch, not in `validate`.
 */
export function resolveFixRoles(policy: Policy, snapshot: Snapshot): PolicyIssue[] {
  const directory = roleIdsByName(snapshot.roles);
  const activeNames = [...new Set(snapshot.roles.filter((r) => r.active).map((r) => r.name))];
  const issues: PolicyIssue[] = [];
  for (const rule of policy.rules) {
    if (rule.kind !== 'forbid' || rule.fix.action !== 'set-role') continue;
    const wanted = rule.fix.role;
    if (directory.has(wanted.toLowerCase())) continue;
    const inactive = snapshot.roles.some((r) => r.name.toLowerCase() === wanted.toLowerCase());
    const closest = nearest(wanted, activeNames);
    issues.push({
      file: policy.source.path,
      line: rule.position.line,
      column: rule.position.column,
      code: 'policy.unknown-role',
      message: inactive
        ? `Rule ${rule.id} sets role ${wanted}, which is inactive in the tenant`
        : `Rule ${rule.id} sets role ${wanted}, which is not a role in the tenant`,
      hint: inactive
        ? `Activate ${wanted} in ServiceTitan or choose an active role${closest ? ` such as "${closest}"` : ''}.`
        : closest
          ? `Did you mean "${closest}"? Role names come from the tenant's user roles.`
          : 'The tenant has no active roles; check the credentials and tenant.',
    });
  }
  return issues;
}
