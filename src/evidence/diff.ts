/**
 * What changed between two reviews (`st-access-guard diff OLD NEW`): who joined and who left,
 * who moved audience, roles or business unit, who gained or lost each mapped permission, which
 * findings opened and closed, which exemptions were added, expired or removed. Pure.
 *
 * "Joined" and "left" are about being able to sign in: a locked or deactivated account has left,
 * an unlocked or reactivated one has joined, as has a new record with an active account.
 */
import type { UserKind } from '../engine/snapshot.js';
import type { Audience, Severity } from '../policy/types.js';
import type { ReviewExemption, ReviewFinding, ReviewState, ReviewUser } from './state.js';

export { loadReviewState, type ReviewState } from './state.js';

export interface DiffUser {
  kind: UserKind;
  id: number;
  name: string;
  /** the email, else the login */
  contact: string | null;
}

export interface DiffFinding {
  id: string;
  rule: string;
  severity: Severity;
  message: string;
  user: { kind: UserKind; id: number; name: string } | null;
  exempt: boolean;
}

export interface DiffExemption {
  user: string | null;
  rules: string[];
  expires: string;
  approvedBy: string;
  ticket: string | null;
  reason: string;
}

export interface AccessDiff {
  /** the two reviews compared */
  from: { source: string; takenAt: string };
  to: { source: string; takenAt: string };
  joined: {
    user: DiffUser;
    how: 'new' | 'reactivated' | 'unlocked';
    audience: Audience | null;
    roles: string[];
  }[];
  left: { user: DiffUser; how: 'gone' | 'deactivated' | 'locked' }[];
  audienceChanged: { user: DiffUser; before: Audience; after: Audience }[];
  rolesChanged: { user: DiffUser; added: string[]; removed: string[] }[];
  businessUnitChanged: { user: DiffUser; before: string | null; after: string | null }[];
  permissionsGained: { user: DiffUser; permission: string }[];
  permissionsLost: { user: DiffUser; permission: string }[];
  /** only when both reviews had identity sources: `terminated (hr)`, `unmatched`, … before and after */
  identityChanged?: { user: DiffUser; before: string; after: string }[];
  findingsOpened: DiffFinding[];
  findingsClosed: DiffFinding[];
  exemptionsAdded: DiffExemption[];
  exemptionsExpired: DiffExemption[];
  exemptionsRemoved: DiffExemption[];
  /** what could not be compared, and why (e.g. a snapshot has no findings) */
  notes: string[];
}

const keyOf = (u: { kind: string; id: number }) => `${u.kind}:${u.id}`;
const canSignIn = (u: ReviewUser) => u.active && !u.locked;

function diffUser(u: ReviewUser): DiffUser {
  return { kind: u.kind, id: u.id, name: u.name, contact: u.email ?? u.login };
}

/** Roles as compared: the resolved names plus the deprecated built-in role. */
function roleSet(u: ReviewUser): string[] {
  const roles = [...u.roles];
  if (u.builtInRole) roles.push(`${u.builtInRole} (built-in role)`);
  return roles;
}

/** How a review names an account's person: `terminated (hr)`, or `unmatched` when no source knew it. */
function identityText(identity: ReviewUser['identity']): string {
  return identity ? `${identity.state} (${identity.source})` : 'unmatched';
}

/** A snapshot's `#id` permission keys take a pack's names, so a pack and a snapshot line up. */
function permissionKey(state: ReviewState, key: string, names: Record<string, string>): string {
  return state.from === 'snapshot' ? (names[key] ?? key) : key;
}

function comparablePermissions(a: ReviewState, b: ReviewState): ((key: string) => boolean) | null {
  if (a.permissionKeys === null && b.permissionKeys === null) return () => true;
  // a newly mapped permission is not a gain, nor one dropped from the policy a loss
  const known = [a.permissionKeys, b.permissionKeys].filter((k): k is string[] => k !== null);
  const shared = known.reduce((acc, keys) => acc.filter((k) => keys.includes(k)));
  return shared.length === 0 ? null : (key) => shared.includes(key);
}

function heldKeys(state: ReviewState, u: ReviewUser, names: Record<string, string>): Set<string> {
  return new Set(
    Object.entries(u.permissions)
      .filter(([, held]) => held)
      .map(([key]) => permissionKey(state, key, names)),
  );
}

function exemptionKey(e: ReviewExemption): string {
  return `${(e.user ?? '').toLowerCase()}\0${[...e.rules].sort().join(',')}`;
}

function toDiffExemption(e: ReviewExemption): DiffExemption {
  return {
    user: e.user,
    rules: e.rules,
    expires: e.expires,
    approvedBy: e.approvedBy,
    ticket: e.ticket,
    reason: e.reason,
  };
}

function diffFindings(
  a: ReviewFinding[],
  b: ReviewFinding[],
): Pick<AccessDiff, 'findingsOpened' | 'findingsClosed'> {
  const before = new Set(a.map((f) => f.id));
  const after = new Set(b.map((f) => f.id));
  return {
    findingsOpened: b.filter((f) => !before.has(f.id)),
    findingsClosed: a.filter((f) => !after.has(f.id)),
  };
}

function diffExemptions(
  a: ReviewExemption[],
  b: ReviewExemption[],
): Pick<AccessDiff, 'exemptionsAdded' | 'exemptionsExpired' | 'exemptionsRemoved'> {
  const before = new Map(a.map((e) => [exemptionKey(e), e]));
  const after = new Map(b.map((e) => [exemptionKey(e), e]));
  return {
    exemptionsAdded: b.filter((e) => !before.has(exemptionKey(e))).map(toDiffExemption),
    exemptionsExpired: b
      .filter((e) => e.status === 'expired' && before.get(exemptionKey(e))?.status === 'active')
      .map(toDiffExemption),
    exemptionsRemoved: a.filter((e) => !after.has(exemptionKey(e))).map(toDiffExemption),
  };
}

export function diffReviews(oldState: ReviewState, newState: ReviewState): AccessDiff {
  const names = { ...oldState.permissionNames, ...newState.permissionNames };
  const notes: string[] = [];
  const d: AccessDiff = {
    from: { source: oldState.source, takenAt: oldState.takenAt },
    to: { source: newState.source, takenAt: newState.takenAt },
    joined: [],
    left: [],
    audienceChanged: [],
    rolesChanged: [],
    businessUnitChanged: [],
    permissionsGained: [],
    permissionsLost: [],
    findingsOpened: [],
    findingsClosed: [],
    exemptionsAdded: [],
    exemptionsExpired: [],
    exemptionsRemoved: [],
    notes,
  };
  const identityIn = (state: ReviewState) => state.users.some((u) => u.identity !== undefined);
  if (identityIn(oldState) && identityIn(newState)) d.identityChanged = [];
  else if (identityIn(oldState) || identityIn(newState))
    notes.push('Identity states are not compared: only one of the two reviews had identity sources.');
  const comparable = comparablePermissions(
    {
      ...oldState,
      permissionKeys: oldState.permissionKeys?.map((k) => permissionKey(oldState, k, names)) ?? null,
    },
    {
      ...newState,
      permissionKeys: newState.permissionKeys?.map((k) => permissionKey(newState, k, names)) ?? null,
    },
  );
  if (comparable === null)
    notes.push('Permissions are not compared: the two reviews map no permission in common.');
  const olds = new Map(oldState.users.map((u) => [keyOf(u), u]));
  const news = new Map(newState.users.map((u) => [keyOf(u), u]));
  const order = (a: ReviewUser, b: ReviewUser) =>
    a.kind === b.kind ? a.id - b.id : a.kind < b.kind ? -1 : 1;

  for (const before of [...olds.values()].sort(order)) {
    if (!news.has(keyOf(before)) && canSignIn(before)) d.left.push({ user: diffUser(before), how: 'gone' });
  }
  for (const after of [...news.values()].sort(order)) {
    const before = olds.get(keyOf(after));
    const user = diffUser(after);
    if (!before) {
      if (canSignIn(after))
        d.joined.push({ user, how: 'new', audience: after.audience, roles: roleSet(after) });
      continue;
    }
    if (canSignIn(before) && !canSignIn(after))
      d.left.push({ user, how: after.active ? 'locked' : 'deactivated' });
    if (!canSignIn(before) && canSignIn(after)) {
      d.joined.push({
        user,
        how: before.active ? 'unlocked' : 'reactivated',
        audience: after.audience,
        roles: roleSet(after),
      });
    }
    if (before.audience && after.audience && before.audience !== after.audience) {
      d.audienceChanged.push({ user, before: before.audience, after: after.audience });
    }
    const rolesBefore = roleSet(before);
    const rolesAfter = roleSet(after);
    const added = rolesAfter.filter((r) => !rolesBefore.includes(r));
    const removed = rolesBefore.filter((r) => !rolesAfter.includes(r));
    if (added.length > 0 || removed.length > 0) d.rolesChanged.push({ user, added, removed });
    if (before.businessUnit !== after.businessUnit) {
      d.businessUnitChanged.push({ user, before: before.businessUnit, after: after.businessUnit });
    }
    if (d.identityChanged && before.identity !== undefined && after.identity !== undefined) {
      const was = identityText(before.identity);
      const is = identityText(after.identity);
      if (was !== is) d.identityChanged.push({ user, before: was, after: is });
    }
    if (comparable) {
      const heldBefore = heldKeys(oldState, before, names);
      const heldAfter = heldKeys(newState, after, names);
      for (const p of [...heldAfter].filter((k) => comparable(k) && !heldBefore.has(k)).sort()) {
        d.permissionsGained.push({ user, permission: p });
      }
      for (const p of [...heldBefore].filter((k) => comparable(k) && !heldAfter.has(k)).sort()) {
        d.permissionsLost.push({ user, permission: p });
      }
    }
  }

  const byUser = (a: { user: DiffUser }, b: { user: DiffUser }) =>
    a.user.kind === b.user.kind ? a.user.id - b.user.id : a.user.kind < b.user.kind ? -1 : 1;
  d.left.sort(byUser);

  if (oldState.findings && newState.findings)
    Object.assign(d, diffFindings(oldState.findings, newState.findings));
  else notes.push('Findings are not compared: a snapshot has none (compare two evidence packs for that).');
  if (oldState.exemptions && newState.exemptions) {
    Object.assign(d, diffExemptions(oldState.exemptions, newState.exemptions));
  } else notes.push('Exemptions are not compared: a snapshot has none.');
  if (oldState.tenant && newState.tenant && oldState.tenant !== newState.tenant) {
    notes.push(`The two reviews are of different tenants (${oldState.tenant} and ${newState.tenant}).`);
  }
  return d;
}

/** How many changes the diff lists (notes aside). */
export function changeCount(d: AccessDiff): number {
  return (
    d.joined.length +
    d.left.length +
    d.audienceChanged.length +
    d.rolesChanged.length +
    d.businessUnitChanged.length +
    d.permissionsGained.length +
    d.permissionsLost.length +
    (d.identityChanged?.length ?? 0) +
    d.findingsOpened.length +
    d.findingsClosed.length +
    d.exemptionsAdded.length +
    d.exemptionsExpired.length +
    d.exemptionsRemoved.length
  );
}
