/**
 * What a policy change loosens outside its rules and exemptions: who counts as internal
 * (`organization`), what counts as holding a permission (`permissions`), and the guards on apply
 * (`safety`). None of these need change a finding on today's tenant (an outside address added to
 * `internal-users` changes nothing until that account exists), so they are read from the two
 * policies; with the snapshot, each also names the accounts it reaches today.
 */
import { isAtDomain, matchesUserRef } from '../engine/audience.js';
import type { TenantUser } from '../engine/snapshot.js';
import { isHeld } from '../engine/user-facts.js';
import { adminPermissionMappings, holdsAdminRole } from '../engine/safety.js';
import type { Policy } from '../policy/types.js';
import { addedRefs, dropped, usersWhere, type Affected, type TenantView } from './impact-view.js';

export interface GuardChange {
  /** the policy key, as users write it: `organization.internal-users`, `safety.min-active-admins`, … */
  key: string;
  kind:
    | 'internal-user-added'
    | 'internal-domain-added'
    | 'external-user-removed'
    | 'permission-narrowed'
    | 'protected-user-added'
    | 'min-admins-lowered'
    | 'admin-roles-changed';
  detail: string;
  /** user references the change adds or drops (rendered masked when the run redacts) */
  users?: string[];
  /** with a snapshot: who the change reaches today */
  affected?: Affected;
}

function flips(view: TenantView, index: number): boolean {
  return view.base[index]!.audience === 'external' && view.head[index]!.audience === 'internal';
}

function covered(domain: string, domains: readonly string[]): boolean {
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

function organizationChanges(base: Policy, head: Policy, view: TenantView | undefined): GuardChange[] {
  const changes: GuardChange[] = [];
  const becomesInternal = (test: (user: TenantUser) => boolean) =>
    view
      ? {
          affected: {
            label: 'who becomes internal',
            users: usersWhere(view, (i) => flips(view, i) && test(view.users[i]!)),
          },
        }
      : {};
  for (const ref of addedRefs(base.organization.internalUsers, head.organization.internalUsers)) {
    changes.push({
      key: 'organization.internal-users',
      kind: 'internal-user-added',
      detail: 'adds',
      users: [ref.raw],
      ...becomesInternal((user) => matchesUserRef(user, ref)),
    });
  }
  for (const domain of head.organization.internalDomains) {
    if (covered(domain, base.organization.internalDomains)) continue;
    changes.push({
      key: 'organization.internal-domains',
      kind: 'internal-domain-added',
      detail: `adds ${domain}: every address at it or a subdomain is internal`,
      ...becomesInternal((user) => isAtDomain(user.email ?? user.login ?? '', domain)),
    });
  }
  for (const ref of addedRefs(head.organization.externalUsers, base.organization.externalUsers)) {
    // dropped from external-users: internal again when at an internal domain
    const atInternalDomain =
      ref.type !== 'email' || head.organization.internalDomains.some((d) => isAtDomain(ref.value, d));
    const reached = becomesInternal((user) => matchesUserRef(user, ref));
    if (!atInternalDomain && !(reached.affected && reached.affected.users.length > 0)) continue;
    changes.push({
      key: 'organization.external-users',
      kind: 'external-user-removed',
      detail: 'drops',
      users: [ref.raw],
      ...reached,
    });
  }
  return changes;
}

function permissionChanges(base: Policy, head: Policy, view: TenantView | undefined): GuardChange[] {
  const changes: GuardChange[] = [];
  for (const before of base.permissions) {
    const after = head.permissions.find((m) => m.name === before.name);
    if (!after) continue; // a rule that used it changes too, and says so
    const lost = dropped(before.granted, after.granted);
    let detail: string | null = null;
    if (after.id !== before.id) {
      detail = `${before.name} now checks permission id ${after.id} instead of ${before.id}`;
    } else if (lost.length > 0) {
      detail = `${before.name} no longer counts ${lost.map((v) => `"${v}"`).join(', ')} as held`;
    }
    if (!detail) continue;
    changes.push({
      key: 'permissions',
      kind: 'permission-narrowed',
      detail,
      ...(view
        ? {
            affected: {
              label: 'who no longer counts as holding it',
              users: usersWhere(
                view,
                (i) => isHeld(view.users[i]!, before) && !isHeld(view.users[i]!, after),
              ),
            },
          }
        : {}),
    });
  }
  return changes;
}

function isAdmin(user: TenantUser, roles: ReadonlySet<string>): boolean {
  return user.active && !user.locked && holdsAdminRole(user.roles, user.role, roles);
}

function safetyChanges(base: Policy, head: Policy, view: TenantView | undefined): GuardChange[] {
  const changes: GuardChange[] = [];
  for (const ref of addedRefs(base.safety.protectedUsers, head.safety.protectedUsers)) {
    changes.push({
      key: 'safety.protected-users',
      kind: 'protected-user-added',
      detail: 'adds',
      users: [ref.raw],
      ...(view
        ? {
            affected: {
              label: 'who apply may no longer change',
              users: usersWhere(view, (i) => matchesUserRef(view.users[i]!, ref)),
            },
          }
        : {}),
    });
  }
  const baseAdmins = new Set(base.safety.adminRoles.map((r) => r.toLowerCase()));
  const headAdmins = new Set(head.safety.adminRoles.map((r) => r.toLowerCase()));
  const from = base.safety.minActiveAdmins;
  const to = head.safety.minActiveAdmins;
  if (to < from) {
    changes.push({
      key: 'safety.min-active-admins',
      kind: 'min-admins-lowered',
      detail:
        to === 0
          ? `${from} → 0: the guard is off, apply may lock out every admin`
          : `${from} → ${to}: apply may leave fewer active admins`,
      ...(view
        ? {
            affected: {
              label: 'active admins today',
              users: usersWhere(view, (i) => isAdmin(view.users[i]!, headAdmins)),
            },
          }
        : {}),
    });
  }
  const added = dropped(head.safety.adminRoles, base.safety.adminRoles);
  if (added.length > 0) {
    changes.push({
      key: 'safety.admin-roles',
      kind: 'admin-roles-changed',
      detail: `adds ${added.join(', ')}: their holders count as admins, so min-active-admins is met more easily`,
      ...(view
        ? {
            affected: {
              label: 'who now counts as an admin',
              users: usersWhere(
                view,
                (i) => isAdmin(view.users[i]!, headAdmins) && !isAdmin(view.users[i]!, baseAdmins),
              ),
            },
          }
        : {}),
    });
  }
  const addedPermissions = dropped(head.safety.adminPermissions ?? [], base.safety.adminPermissions ?? []);
  if (addedPermissions.length > 0) {
    const mappings = head.permissions.filter((m) => addedPermissions.includes(m.name));
    const baseMappings = adminPermissionMappings(base);
    const adminInBase = (user: TenantUser) =>
      isAdmin(user, baseAdmins) || baseMappings.some((m) => isHeld(user, m));
    changes.push({
      key: 'safety.admin-permissions',
      kind: 'admin-roles-changed',
      detail: `adds ${addedPermissions.join(', ')}: their holders count as admins, so min-active-admins is met more easily`,
      ...(view
        ? {
            affected: {
              label: 'who now counts as an admin',
              users: usersWhere(
                view,
                (i) => mappings.some((m) => isHeld(view.users[i]!, m)) && !adminInBase(view.users[i]!),
              ),
            },
          }
        : {}),
    });
  }
  const removed = dropped(base.safety.adminRoles, head.safety.adminRoles);
  if (removed.length > 0) {
    changes.push({
      key: 'safety.admin-roles',
      kind: 'admin-roles-changed',
      detail: `drops ${removed.join(', ')}: their holders no longer count as admins`,
      ...(view
        ? {
            affected: {
              label: 'who no longer counts as an admin',
              users: usersWhere(
                view,
                (i) => isAdmin(view.users[i]!, baseAdmins) && !isAdmin(view.users[i]!, headAdmins),
              ),
            },
          }
        : {}),
    });
  }
  return changes;
}

/** Every change to who is trusted, what counts as held, and the guards on apply, that loosens. */
export function guardChanges(base: Policy, head: Policy, view?: TenantView): GuardChange[] {
  return [
    ...organizationChanges(base, head, view),
    ...permissionChanges(base, head, view),
    ...safetyChanges(base, head, view),
  ];
}
