/**
 * Exemptions a policy change adds or extends: coverage (user and rule) the base did not give, or
 * gave until an earlier day. An exemption for a user who holds nothing today changes no finding,
 * yet it is the policy's permission for tomorrow.
 */
import { matchesUserRef } from '../engine/audience.js';
import type { Exemption, Policy, UserRef } from '../policy/types.js';
import { refKey, usersWhere, type Affected, type TenantView } from './impact-view.js';

export interface ExemptionChange {
  /** the user reference as written in the head policy, or null for tenant-level exemptions */
  user: string | null;
  /** the rules this exemption newly covers or covers for longer */
  rules: string[];
  kind: 'added' | 'extended';
  /** extended: the latest expiry the base gave these rules for this user */
  previousExpires?: string;
  expires: string;
  approvedBy: string;
  reason: string;
  ticket?: string;
  /** with a snapshot: the accounts the exemption's user names */
  affected?: Affected;
}

function userKey(ref: UserRef | undefined): string {
  return ref ? refKey(ref) : 'tenant';
}

/** user + rule -> the latest expiry any base exemption gives */
function coverage(exemptions: readonly Exemption[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of exemptions) {
    for (const rule of e.rules) {
      const key = `${userKey(e.user)}\0${rule}`;
      const current = map.get(key);
      if (current === undefined || e.expires > current) map.set(key, e.expires);
    }
  }
  return map;
}

export function exemptionChanges(base: Policy, head: Policy, view?: TenantView): ExemptionChange[] {
  const before = coverage(base.exemptions);
  const changes: ExemptionChange[] = [];
  for (const e of head.exemptions) {
    const added: string[] = [];
    const extended: string[] = [];
    let previousExpires: string | undefined;
    for (const rule of e.rules) {
      const prior = before.get(`${userKey(e.user)}\0${rule}`);
      if (prior === undefined) added.push(rule);
      else if (e.expires > prior) {
        extended.push(rule);
        previousExpires = previousExpires === undefined || prior < previousExpires ? prior : previousExpires;
      }
    }
    const user = e.user;
    const common = {
      user: user?.raw ?? null,
      expires: e.expires,
      approvedBy: e.approvedBy,
      reason: e.reason,
      ...(e.ticket ? { ticket: e.ticket } : {}),
      ...(view && user
        ? { affected: { label: 'who', users: usersWhere(view, (i) => matchesUserRef(view.users[i]!, user)) } }
        : {}),
    };
    if (added.length > 0) changes.push({ ...common, rules: added, kind: 'added' });
    if (extended.length > 0) changes.push({ ...common, rules: extended, kind: 'extended', previousExpires });
  }
  return changes;
}
