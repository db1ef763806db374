/**
 * Exemptions (SPEC §4). `exemptionIsActive` is the one place that decides whether an exemption
 * holds at `now`; every path (coverage, expired, unused) goes through it.
 */
import type { Exemption, UserRef } from '../policy/types.js';
import { matchesUserRef } from './audience.js';
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
