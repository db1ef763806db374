/**
 * `discover`: ServiceTitan sends permissions as bare ids with no names, so this lists every id the
 * tenant's users carry, and (against a baseline snapshot) which values changed per user: toggle a
 * permission on a test user, rerun, and the changed id is the one to map.
 */
import type { Policy } from '../policy/types.js';
import type { Snapshot, TenantUser } from './snapshot.js';
import { userKey } from './user-facts.js';

/** discover mode: every permission id the tenant's users carry */
export interface DiscoveredPermission {
  id: number;
  /** the policy's name for it, when mapped */
  name: string | null;
  /** distinct values seen -> number of active users holding that value */
  values: Record<string, number>;
  /** users (active or not) that carry the id at all */
  users: number;
}

export interface PermissionChange {
  user: { kind: 'employee' | 'technician'; id: number; name: string };
  permission: number;
  before: string | null | undefined;
  after: string | null | undefined;
}

/** discover mode's part of the report */
export interface Discovery {
  permissions: DiscoveredPermission[];
  roles: { id: number; name: string; active: boolean; users: number }[];
  changes: PermissionChange[] | null;
  /**
   * With an `identity` section: the active, unlocked accounts no identity source knows, so a
   * first run shows the join working before its findings are trusted (SPEC §8).
   */
  unmatched?: {
    kind: 'employee' | 'technician';
    id: number;
    name: string;
    email: string | null;
    login: string | null;
  }[];
}

/** How a null value is shown among a permission's values. */
export const NULL_VALUE = 'null';

function discoverPermissions(snapshot: Snapshot, policy: Policy | null): DiscoveredPermission[] {
  const names = new Map((policy?.permissions ?? []).map((mapping) => [mapping.id, mapping.name]));
  const byId = new Map<number, DiscoveredPermission>();
  for (const user of snapshot.users) {
    const activeAccount = user.active && !user.locked;
    for (const [rawId, value] of Object.entries(user.permissions)) {
      const id = Number(rawId);
      let entry = byId.get(id);
      if (!entry) {
        entry = { id, name: names.get(id) ?? null, values: {}, users: 0 };
        byId.set(id, entry);
      }
      entry.users += 1;
      const shown = value ?? NULL_VALUE;
      entry.values[shown] = (entry.values[shown] ?? 0) + (activeAccount ? 1 : 0);
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function discoverRoles(snapshot: Snapshot): Discovery['roles'] {
  const holders = new Map<number, number>();
  for (const user of snapshot.users) {
    for (const id of new Set(user.roleIds)) holders.set(id, (holders.get(id) ?? 0) + 1);
  }
  const roles: Discovery['roles'] = snapshot.roles.map((role) => ({
    id: role.id,
    name: role.name,
    active: role.active,
    users: holders.get(role.id) ?? 0,
  }));
  // role ids users carry that /user-roles did not list are shown too, so nothing hides
  const listed = new Set(snapshot.roles.map((role) => role.id));
  for (const [id, users] of holders)
    if (!listed.has(id)) roles.push({ id, name: `#${id}`, active: false, users });
  return roles.sort((a, b) => a.id - b.id);
}

function permissionChanges(snapshot: Snapshot, baseline: Snapshot): PermissionChange[] {
  const before = new Map<string, TenantUser>(baseline.users.map((user) => [userKey(user), user]));
  const changes: PermissionChange[] = [];
  for (const user of snapshot.users) {
    const old = before.get(userKey(user));
    if (!old) continue;
    const ids = new Set([...Object.keys(old.permissions), ...Object.keys(user.permissions)]);
    for (const id of ids) {
      const was = Object.hasOwn(old.permissions, id) ? old.permissions[id] : undefined;
      const now = Object.hasOwn(user.permissions, id) ? user.permissions[id] : undefined;
      if (was === now) continue;
      changes.push({
        user: { kind: user.kind, id: user.id, name: user.name },
        permission: Number(id),
        before: was,
        after: now,
      });
    }
  }
  return changes.sort(
    (a, b) => a.user.kind.localeCompare(b.user.kind) || a.user.id - b.user.id || a.permission - b.permission,
  );
}

export function discover(snapshot: Snapshot, policy: Policy | null, baseline: Snapshot | null): Discovery {
  return {
    permissions: discoverPermissions(snapshot, policy),
    roles: discoverRoles(snapshot),
    changes: baseline ? permissionChanges(snapshot, baseline) : null,
  };
}
