/**
 * Everything the rules ask about a user, computed once per user so that evaluating R rules over
 * U users stays O(U × R) with no rescans of the snapshot.
 */
import type { Audience, PermissionMapping, Policy } from '../policy/types.js';
import { classifyAudience } from './audience.js';
import type { TenantUser } from './snapshot.js';
import type { FindingUser } from './types.js';

export interface UserFacts {
  user: TenantUser;
  /** `kind:id`, unique within a snapshot */
  key: string;
  audience: Audience;
  /** active && !locked */
  activeAccount: boolean;
  /** lower-case role name -> the name as the tenant spells it (roles via roleIds and the built-in enum) */
  roles: Map<string, string>;
  /** names of the policy's permission mappings the user holds (value in `granted`) */
  heldPermissions: Set<string>;
}

export function userKey(user: { kind: string; id: number }): string {
  return `${user.kind}:${user.id}`;
}

export function isHeld(user: TenantUser, mapping: PermissionMapping): boolean {
  const value = user.permissions[String(mapping.id)];
  if (value === undefined || value === null) return false;
  const normalized = value.trim().toLowerCase();
  return mapping.granted.some((granted) => granted.toLowerCase() === normalized);
}

export function indexUser(user: TenantUser, policy: Policy): UserFacts {
  const roles = new Map<string, string>();
  for (const name of user.roles) roles.set(name.toLowerCase(), name);
  // the deprecated built-in enum still grants what it says (Admin, Owner, …)
  if (user.role) roles.set(user.role.toLowerCase(), user.role);
  const heldPermissions = new Set<string>();
  for (const mapping of policy.permissions) if (isHeld(user, mapping)) heldPermissions.add(mapping.name);
  return {
    user,
    key: userKey(user),
    audience: classifyAudience(user, policy.organization),
    activeAccount: user.active && !user.locked,
    roles,
    heldPermissions,
  };
}

/** Role names from `wanted` that the user holds, as the tenant spells them, in `wanted` order. */
export function heldRoles(facts: UserFacts, wanted: readonly string[]): string[] {
  const held: string[] = [];
  for (const name of wanted) {
    const spelled = facts.roles.get(name.toLowerCase());
    if (spelled !== undefined && !held.includes(spelled)) held.push(spelled);
  }
  return held;
}

export function toFindingUser(facts: UserFacts): FindingUser {
  const { user } = facts;
  return {
    kind: user.kind,
    id: user.id,
    userId: user.userId,
    name: user.name,
    email: user.email,
    login: user.login,
    audience: facts.audience,
    active: user.active,
    locked: user.locked,
  };
}

/** `Jane Roe (jane@contractor.example, external employee #21)` */
export function describeUser(facts: UserFacts): string {
  const { user } = facts;
  const contact = user.email ?? user.login;
  const who = `${facts.audience} ${user.kind} #${user.id}`;
  return `${user.name} (${contact ? `${contact}, ` : ''}${who})`;
}
