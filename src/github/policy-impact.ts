/**
 * What a policy change loosens, read from the two policies themselves: exemptions it adds or
 * extends, and rules it removes or weakens. Findings alone do not show these (an exemption for a
 * user who holds nothing today changes no finding), yet a reviewer must see them.
 */
import type { Exemption, Policy, Rule, Severity, UserRef } from '../policy/types.js';

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
}

export interface RuleChange {
  rule: string;
  kind: 'removed' | 'severity-lowered' | 'fix-removed' | 'max-raised' | 'forbids-less' | 'exceptions-added';
  detail: string;
  /** exceptions-added: the user references added (rendered masked when the run redacts) */
  users?: string[];
}

function userKey(ref: UserRef | undefined): string {
  return ref ? `${ref.type}:${String(ref.value).toLowerCase()}` : 'tenant';
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

export function exemptionChanges(base: Policy, head: Policy): ExemptionChange[] {
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
    const common = {
      user: e.user?.raw ?? null,
      expires: e.expires,
      approvedBy: e.approvedBy,
      reason: e.reason,
      ...(e.ticket ? { ticket: e.ticket } : {}),
    };
    if (added.length > 0) changes.push({ ...common, rules: added, kind: 'added' });
    if (extended.length > 0) changes.push({ ...common, rules: extended, kind: 'extended', previousExpires });
  }
  return changes;
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

function dropped(before: readonly string[], after: readonly string[]): string[] {
  const now = new Set(after.map((x) => x.toLowerCase()));
  return before.filter((x) => !now.has(x.toLowerCase()));
}

function weakenings(base: Rule, head: Rule): RuleChange[] {
  const changes: RuleChange[] = [];
  const rule = head.id;
  if (RANK[head.severity] < RANK[base.severity]) {
    changes.push({ rule, kind: 'severity-lowered', detail: `severity ${base.severity} → ${head.severity}` });
  }
  if (base.kind === 'forbid' && head.kind === 'forbid') {
    if (base.fix.action !== 'none' && head.fix.action === 'none') {
      changes.push({ rule, kind: 'fix-removed', detail: `fix ${base.fix.action} → none` });
    }
    const lost = [
      ...dropped(base.forbid.permissions, head.forbid.permissions).map((p) => `permission ${p}`),
      ...dropped(base.forbid.roles, head.forbid.roles).map((r) => `role ${r}`),
      ...(base.forbid.account && !head.forbid.account ? ['account'] : []),
    ];
    if (lost.length > 0)
      changes.push({ rule, kind: 'forbids-less', detail: `no longer forbids ${lost.join(', ')}` });
  }
  if (
    base.kind === 'max-holders' &&
    head.kind === 'max-holders' &&
    head.maxHolders.max > base.maxHolders.max
  ) {
    changes.push({ rule, kind: 'max-raised', detail: `max ${base.maxHolders.max} → ${head.maxHolders.max}` });
  }
  const exceptions = dropped(
    head.appliesTo.exceptUsers.map((u) => u.raw),
    base.appliesTo.exceptUsers.map((u) => u.raw),
  );
  if (exceptions.length > 0) {
    changes.push({ rule, kind: 'exceptions-added', detail: 'except-users adds', users: exceptions });
  }
  return changes;
}

export function ruleChanges(base: Policy, head: Policy): RuleChange[] {
  const heads = new Map(head.rules.map((r) => [r.id, r]));
  const changes: RuleChange[] = [];
  for (const b of base.rules) {
    const h = heads.get(b.id);
    if (!h) changes.push({ rule: b.id, kind: 'removed', detail: `removed (was ${b.severity})` });
    else changes.push(...weakenings(b, h));
  }
  return changes;
}
