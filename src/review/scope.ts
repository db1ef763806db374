/**
 * The frozen roster: which accounts a review covers (`reviews.scope`), why, which reviewer group
 * decides each (the first whose `applies-to` matches), and one SHA-256 over all of it. Pure.
 *
 * Only active, unlocked accounts are reviewed: an account that cannot sign in holds no access to
 * attest to. The hash is taken over the roster as the issues store it (masked when the run
 * redacts), in one canonical JSON form, so it can be recomputed from the issues at any time.
 */
import { createHash } from 'node:crypto';
import type { Snapshot } from '../engine/snapshot.js';
import type { Finding } from '../engine/types.js';
import { selectorFor } from '../engine/selectors.js';
import { indexUsers, userKey, type UserFacts } from '../engine/user-facts.js';
import { maskLogin } from '../evidence/redaction.js';
import type { Policy, ReviewsPolicy } from '../policy/types.js';
import { maskEmail, maskName } from '../report/redact.js';
import type { FrozenAccount } from './types.js';

/** Built-in identity findings (SPEC §8) that put an account in every review, whatever the scope. */
export const IDENTITY_REVIEW_RULES = ['identity-leaver', 'identity-unmatched'] as const;

export interface FrozenRoster {
  /** every reviewed account, by kind then id */
  accounts: FrozenAccount[];
  hash: string;
  /** accounts in scope that no reviewer group's `applies-to` matches */
  unassigned: FrozenAccount[];
}

export function accountKey(user: { kind: string; id: number }): string {
  return userKey(user);
}

function reasonsFor(
  facts: UserFacts,
  reviews: ReviewsPolicy,
  adminRoles: ReadonlySet<string>,
  policy: Policy,
  identity: ReadonlyMap<string, string[]>,
): string[] {
  const why: string[] = [];
  if (reviews.scope.includes('privileged')) {
    for (const mapping of policy.permissions) {
      if (facts.heldPermissions.has(mapping.name)) why.push(`holds ${mapping.name}`);
    }
    for (const [lower, spelled] of facts.roles) {
      if (adminRoles.has(lower)) why.push(`admin role ${spelled}`);
    }
  }
  if (reviews.scope.includes('external') && facts.audience === 'external') why.push('external');
  why.push(...(identity.get(userKey(facts.user)) ?? []));
  if (why.length === 0 && reviews.scope.includes('all')) why.push('every account');
  return why;
}

/** The identity findings of each user (`identity-leaver`, `identity-unmatched`), by key. */
function identityReasons(findings: readonly Finding[]): Map<string, string[]> {
  const byUser = new Map<string, string[]>();
  for (const finding of findings) {
    if (!finding.user || !(IDENTITY_REVIEW_RULES as readonly string[]).includes(finding.rule)) continue;
    const key = userKey(finding.user);
    const reason = `${finding.rule}${finding.exemption?.status === 'active' ? ' (exempted)' : ''}`;
    byUser.set(key, [...(byUser.get(key) ?? []), reason]);
  }
  return byUser;
}

export function freezeRoster(
  policy: Policy,
  reviews: ReviewsPolicy,
  snapshot: Snapshot,
  findings: readonly Finding[],
  redact: boolean,
): FrozenRoster {
  const adminRoles = new Set(policy.safety.adminRoles.map((role) => role.toLowerCase()));
  const identity = identityReasons(findings);
  const selectors = reviews.reviewers.map((group) => (group.appliesTo ? selectorFor(group.appliesTo) : null));
  const accounts: FrozenAccount[] = [];
  const unassigned: FrozenAccount[] = [];
  for (const facts of indexUsers(snapshot.users, policy)) {
    if (!facts.activeAccount) continue;
    const why = reasonsFor(facts, reviews, adminRoles, policy, identity);
    if (why.length === 0) continue;
    const group = selectors.findIndex((selects) => selects === null || selects(facts));
    const { user } = facts;
    const account = frozenAccount({
      key: userKey(user),
      kind: user.kind,
      id: user.id,
      userId: user.userId,
      name: redact ? maskName(user.name) : user.name,
      email: user.email === null ? null : redact ? maskEmail(user.email) : user.email,
      login: user.login === null ? null : redact ? maskLogin(user.login) : user.login,
      audience: facts.audience,
      businessUnit: user.businessUnit,
      roles: [...new Set(facts.roles.values())],
      permissions: policy.permissions.filter((m) => facts.heldPermissions.has(m.name)).map((m) => m.name),
      why,
      state: { active: user.active, locked: user.locked, roleIds: [...user.roleIds] },
      group,
    });
    (group < 0 ? unassigned : accounts).push(account);
  }
  accounts.sort(byKey);
  unassigned.sort(byKey);
  return { accounts, hash: rosterHash(accounts), unassigned };
}

/** Employees before technicians, then by id: the order of every table and of the hash. */
export function byKey(a: { kind: string; id: number }, b: { kind: string; id: number }): number {
  return a.kind === b.kind ? a.id - b.id : a.kind < b.kind ? -1 : 1;
}

/**
 * An account with its fields in the one canonical order (the hash depends on it). Also the
 * check of an account read back from an issue: anything that does not fit is refused.
 */
export function frozenAccount(raw: FrozenAccount): FrozenAccount {
  return {
    key: raw.key,
    kind: raw.kind,
    id: raw.id,
    userId: raw.userId,
    name: raw.name,
    email: raw.email,
    login: raw.login,
    audience: raw.audience,
    businessUnit: raw.businessUnit,
    roles: [...raw.roles],
    permissions: [...raw.permissions],
    why: [...raw.why],
    state: { active: raw.state.active, locked: raw.state.locked, roleIds: [...raw.state.roleIds] },
    group: raw.group,
  };
}

/** SHA-256 (hex) of the roster as canonical JSON: accounts by key, fields in `frozenAccount` order. */
export function rosterHash(accounts: readonly FrozenAccount[]): string {
  const canonical = JSON.stringify([...accounts].sort(byKey).map(frozenAccount));
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
