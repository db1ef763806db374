/**
 * Exemptions (SPEC §4). `exemptionIsActive` is the one place that decides whether an exemption
 * holds at `now`; every path (coverage, expired, unused) goes through it.
 */
import type { PolicyIssue } from '../errors.js';
import { parseUserRef } from '../policy/references.js';
import type { Exemption, Policy, UserRef } from '../policy/types.js';
import { matchesUserRef } from './audience.js';
import type { Snapshot, TenantUser } from './snapshot.js';
import type { Finding, FindingExemption } from './types.js';

/** The last millisecond an exemption holds: 23:59:59.999 UTC on its `expires` day. */
export function exemptionEndsAt(e: Pick<Exemption, 'expires'>): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(e.expires);
  // a date the loader let through but that is not YYYY-MM-DD cannot be trusted to hold
  if (!match) return Number.NEGATIVE_INFINITY;
  const [, year, month, day] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), 23, 59, 59, 999);
}

export function exemptionIsActive(e: Pick<Exemption, 'expires'>, now: Date): boolean {
  return now.getTime() <= exemptionEndsAt(e);
}

export function userRefText(ref: UserRef): string {
  return ref.type === 'email' ? ref.value.toLowerCase() : `${ref.type}:${String(ref.value).toLowerCase()}`;
}

/** Identifies an exemption independently of its place in the file. */
export function exemptionKey(e: Exemption): string {
  const who = e.user ? userRefText(e.user) : 'tenant';
  return `${who}\0${[...e.rules].sort().join(',')}\0${e.expires}`;
}

export function toFindingExemption(e: Exemption, now: Date): FindingExemption {
  return {
    reason: e.reason,
    expires: e.expires,
    approvedBy: e.approvedBy,
    ticket: e.ticket ?? null,
    status: exemptionIsActive(e, now) ? 'active' : 'expired',
  };
}

/** A user exemption covers its rules' findings for that user; one without `user`, the tenant-level ones. */
export function exemptionCovers(e: Exemption, finding: Finding): boolean {
  if (!e.rules.includes(finding.rule)) return false;
  if (e.user === undefined) return finding.user === null;
  return finding.user !== null && matchesUserRef(finding.user, e.user);
}

/** Of several exemptions for one finding, the one that lasts longest, then the first in the file. */
function preferred(a: Exemption, b: Exemption): Exemption {
  const byEnd = exemptionEndsAt(b) - exemptionEndsAt(a);
  if (byEnd !== 0) return byEnd > 0 ? b : a;
  return b.index < a.index ? b : a;
}

export interface ExemptionOutcome {
  /** the rule findings, each with `exemption` set when one applies (active, else expired for context) */
  findings: Finding[];
  /** exemptions (by index) that match at least one finding */
  used: Set<number>;
}

/** Attaches exemptions to rule findings. Built-in findings are never passed here: they cannot be exempted. */
export function applyExemptions(
  findings: Finding[],
  exemptions: readonly Exemption[],
  now: Date,
): ExemptionOutcome {
  const used = new Set<number>();
  const active = exemptions.filter((e) => exemptionIsActive(e, now));
  const expired = exemptions.filter((e) => !exemptionIsActive(e, now));
  const covered = findings.map((finding) => {
    let chosen: Exemption | null = null;
    for (const e of active) {
      if (!exemptionCovers(e, finding)) continue;
      used.add(e.index);
      chosen = chosen ? preferred(chosen, e) : e;
    }
    if (chosen === null) {
      for (const e of expired) if (exemptionCovers(e, finding)) chosen = chosen ? preferred(chosen, e) : e;
    }
    return chosen ? { ...finding, exemption: toFindingExemption(chosen, now) } : finding;
  });
  return { findings: covered, used };
}

/** Covered by an active exemption: reported, but not counted and not planned. */
export function isExempt(finding: Finding): boolean {
  return finding.exemption?.status === 'active';
}

/**
 * What ties an account to a person: the account itself, its ServiceTitan user id, its Entra
 * object id, its email and its login (a login that is an address counts as that address too).
 */
function identityKeys(user: TenantUser): string[] {
  const keys = [`account:${user.kind}:${user.id}`];
  if (user.userId !== null) keys.push(`user:${user.userId}`);
  const aad = user.aadUserId?.trim().toLowerCase();
  if (aad) keys.push(`aad:${aad}`);
  const email = user.email?.trim().toLowerCase();
  if (email) keys.push(`address:${email}`);
  const login = user.login?.trim().toLowerCase();
  if (login) {
    keys.push(`login:${login}`);
    if (login.includes('@')) keys.push(`address:${login}`);
  }
  return keys;
}

/**
 * The tenant's accounts grouped into people: two accounts are one person when they share any
 * identity key (an employee and a technician record with one email, one userId or one login), and
 * transitively so. Returns, per account index, the index of its person.
 */
function peopleOf(users: readonly TenantUser[]): number[] {
  const parent = users.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const owner = new Map<string, number>();
  users.forEach((user, i) => {
    for (const key of identityKeys(user)) {
      const first = owner.get(key);
      if (first === undefined) owner.set(key, i);
      else parent[find(i)] = find(first);
    }
  });
  return users.map((_, i) => find(i));
}

function describeAccount(user: TenantUser): string {
  return `${user.kind} #${user.id}`;
}

/**
 * Exemptions approved by the person they exempt under another name (SPEC §4: the approver is not
 * the exempted user). The loader compares the two references as written; with the tenant known,
 * each resolves to the accounts it names, and the exemption is refused when the two share a person:
 * `jane@acme.com` approved by `login:jane`, `employee:21` approved by that employee's email, a
 * technician approved through the employee record with the same email.
 */
export function selfApprovedExemptions(policy: Policy, snapshot: Snapshot): PolicyIssue[] {
  const users = snapshot.users;
  // the people are worked out only when an exemption names accounts on both sides
  let person: number[] | null = null;
  const accountsNamed = (ref: UserRef): number[] => {
    const found: number[] = [];
    for (let i = 0; i < users.length; i++) if (matchesUserRef(users[i]!, ref)) found.push(i);
    return found;
  };
  const issues: PolicyIssue[] = [];
  for (const exemption of policy.exemptions) {
    const approver = parseUserRef(exemption.approvedBy);
    if (!exemption.user || !approver) continue;
    const exemptedAccounts = accountsNamed(exemption.user);
    if (exemptedAccounts.length === 0) continue;
    const approverAccounts = accountsNamed(approver);
    if (approverAccounts.length === 0) continue;
    person ??= peopleOf(users);
    // each person the exemption names, with the first of their accounts it names
    const exempted = new Map<number, TenantUser>();
    for (const i of exemptedAccounts) if (!exempted.has(person[i]!)) exempted.set(person[i]!, users[i]!);
    const shared = approverAccounts.map((i) => person![i]!).find((p) => exempted.has(p));
    if (shared === undefined) continue;
    const at = exemption.approvedByPosition ?? exemption.position;
    issues.push({
      file: policy.source.path,
      line: at.line,
      column: at.column,
      code: 'policy.self-approved',
      message: `The exemption for \`${exemption.user.raw}\` is approved by \`${exemption.approvedBy}\`, which is the same person in the tenant (${describeAccount(exempted.get(shared)!)}).`,
      hint: 'have someone else approve it',
    });
  }
  return issues;
}
