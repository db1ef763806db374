/**
 * Everything the rules ask about a user, computed once per user so that evaluating R rules over
 * U users stays O(U × R) with no rescans of the snapshot.
 */
import type { Audience, PermissionMapping, Policy } from '../policy/types.js';
import { audienceClassifier, classifyAudience } from './audience.js';
import type { TenantUser } from './snapshot.js';
import type { FindingUser } from './types.js';
import type { AudienceFrom, UserIdentity } from '../domain/identity.js';

export interface UserFacts {
  user: TenantUser;
  audience: Audience;
  /** active && !locked */
  activeAccount: boolean;
  /** lower-case role name -> the name as the tenant spells it (roles via roleIds and the built-in enum) */
  roles: ReadonlyMap<string, string>;
  /** names of the policy's permission mappings the user holds (value in `granted`) */
  heldPermissions: ReadonlySet<string>;
  /** the business unit's name in lower case, for `applies-to.business-units` */
  businessUnit: string | null;
  /** with an `identity` section: the person the account was joined to (null: nobody), and what decided `audience` */
  identity?: UserIdentity | null;
  audienceFrom?: AudienceFrom;
}

/** Per user, in the order of the snapshot: what the identity sources decided (see identity-join.ts). */
export interface IdentityFacts {
  identity: readonly (UserIdentity | null)[];
  audience: readonly Audience[];
  audienceFrom: readonly AudienceFrom[];
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
  const heldPermissions = new Set<string>();
  for (const mapping of policy.permissions) if (isHeld(user, mapping)) heldPermissions.add(mapping.name);
  return {
    user,
    audience: classifyAudience(user, policy.organization),
    activeAccount: user.active && !user.locked,
    roles: rolesOf(user, (name) => name.toLowerCase()),
    heldPermissions,
    businessUnit: user.businessUnit?.toLowerCase() ?? null,
  };
}

function rolesOf(user: TenantUser, lower: (name: string) => string): Map<string, string> {
  const roles = new Map<string, string>();
  for (const name of user.roles) roles.set(lower(name), name);
  // the deprecated built-in enum still grants what it says (Admin, Owner, …)
  if (user.role) roles.set(lower(user.role), user.role);
  return roles;
}

/**
 * `indexUser` for every user of a snapshot, with what repeats worked out once: the mappings'
 * granted values, lower-cased names, and what a permissions object holds (the client gives
 * users with identical permissions one shared object).
 */
export function indexUsers(
  users: readonly TenantUser[],
  policy: Policy,
  identity?: IdentityFacts,
): UserFacts[] {
  const mappings = policy.permissions.map((m) => ({
    name: m.name,
    key: String(m.id),
    granted: new Set(m.granted.map((g) => g.toLowerCase())),
  }));
  const heldBy = new Map<TenantUser['permissions'], ReadonlySet<string>>();
  const held = (permissions: TenantUser['permissions']): ReadonlySet<string> => {
    let names = heldBy.get(permissions);
    if (!names) {
      const found = new Set<string>();
      for (const m of mappings) {
        const value = permissions[m.key];
        if (value !== undefined && value !== null && m.granted.has(value.trim().toLowerCase()))
          found.add(m.name);
      }
      names = found;
      heldBy.set(permissions, names);
    }
    return names;
  };
  const lowered = new Map<string, string>();
  const lower = (name: string): string => {
    let result = lowered.get(name);
    if (result === undefined) {
      result = name.toLowerCase();
      lowered.set(name, result);
    }
    return result;
  };
  // most users hold one role (and employees a built-in one): they share one map per combination
  const commonRoles = new Map<string | undefined, Map<string | undefined, ReadonlyMap<string, string>>>();
  const rolesFor = (user: TenantUser): ReadonlyMap<string, string> => {
    if (user.roles.length > 1) return rolesOf(user, lower);
    const builtIn = user.role || undefined;
    const only = user.roles[0];
    let byRole = commonRoles.get(builtIn);
    if (!byRole) commonRoles.set(builtIn, (byRole = new Map()));
    let roles = byRole.get(only);
    if (!roles) byRole.set(only, (roles = rolesOf(user, lower)));
    return roles;
  };
  const audienceOf = audienceClassifier(policy.organization);
  return users.map((user, i) => ({
    user,
    audience: identity ? identity.audience[i]! : audienceOf(user),
    activeAccount: user.active && !user.locked,
    roles: rolesFor(user),
    heldPermissions: held(user.permissions),
    businessUnit: typeof user.businessUnit === 'string' ? lower(user.businessUnit) : null,
    ...(identity ? { identity: identity.identity[i] ?? null, audienceFrom: identity.audienceFrom[i]! } : {}),
  }));
}

// These two run for every user and rule: indexed loops, so that nothing is allocated per call
// (no closure, no iterator).

/** Whether the user holds any of these mapped permissions (by name). */
export function holdsAnyPermission(facts: UserFacts, names: readonly string[]): boolean {
  for (let i = 0; i < names.length; i++) if (facts.heldPermissions.has(names[i]!)) return true;
  return false;
}

/** Whether the user holds any of these roles, given in lower case. */
export function holdsAnyRole(facts: UserFacts, lowerCaseRoles: readonly string[]): boolean {
  for (let i = 0; i < lowerCaseRoles.length; i++) if (facts.roles.has(lowerCaseRoles[i]!)) return true;
  return false;
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
    ...(facts.identity !== undefined ? { identity: facts.identity } : {}),
    ...(facts.audienceFrom !== undefined ? { audienceFrom: facts.audienceFrom } : {}),
  };
}

/** `Jane Roe (jane@contractor.example, external employee #21)` */
export function describeUser(facts: UserFacts): string {
  const { user } = facts;
  const contact = user.email ?? user.login;
  const who = `${facts.audience} ${user.kind} #${user.id}`;
  return `${user.name} (${contact ? `${contact}, ` : ''}${who})`;
}
