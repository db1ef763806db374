/**
 * The tenant as both policies see it, and the small set operations the loosening checks share:
 * which accounts a change reaches, which references or names one policy has that the other lacks.
 */
import { indexUsers, type UserFacts } from '../engine/user-facts.js';
import type { Snapshot, TenantUser } from '../engine/snapshot.js';
import type { Policy, UserRef } from '../policy/types.js';

/** An account of the snapshot a loosening reaches, as the comment names it. */
export type AffectedUser = Pick<TenantUser, 'kind' | 'id' | 'name' | 'email' | 'login'>;

/**
 * Who a change reaches today: `label` says how (`becomes internal`, `leaves its scope`, …);
 * `users` may be empty (nobody today: the change still stands for whoever comes later).
 */
export interface Affected {
  label: string;
  users: AffectedUser[];
}

/** The tenant read under both policies, once, for every comparison that names accounts. */
export interface TenantView {
  users: readonly TenantUser[];
  /** facts under the base policy, in `users` order */
  base: readonly UserFacts[];
  /** facts under the head policy, in `users` order */
  head: readonly UserFacts[];
}

export function tenantView(snapshot: Snapshot, base: Policy, head: Policy): TenantView {
  return {
    users: snapshot.users,
    base: indexUsers(snapshot.users, base),
    head: indexUsers(snapshot.users, head),
  };
}

export function affectedUser(user: AffectedUser): AffectedUser {
  return { kind: user.kind, id: user.id, name: user.name, email: user.email, login: user.login };
}

/** The accounts for which `test(index)` holds, as affected users. */
export function usersWhere(view: TenantView, test: (index: number) => boolean): AffectedUser[] {
  const out: AffectedUser[] = [];
  for (let i = 0; i < view.users.length; i++) if (test(i)) out.push(affectedUser(view.users[i]!));
  return out;
}

export function refKey(ref: UserRef): string {
  return `${ref.type}:${String(ref.value).toLowerCase()}`;
}

/** References in `after` that `before` does not have. */
export function addedRefs(before: readonly UserRef[], after: readonly UserRef[]): UserRef[] {
  const had = new Set(before.map(refKey));
  return after.filter((r) => !had.has(refKey(r)));
}

/** Values of `before` that `after` no longer has, compared case-insensitively. */
export function dropped<T extends string | number>(before: readonly T[], after: readonly T[]): T[] {
  const now = new Set(after.map((x) => String(x).toLowerCase()));
  return before.filter((x) => !now.has(String(x).toLowerCase()));
}
