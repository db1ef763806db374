/**
 * What a policy change loosens in its rules, read from the two policies themselves: rules removed,
 * made less severe, given a weaker fix, forbidding or counting less, or covering fewer users.
 * Findings alone do not show these (a rule narrowed away from a kind of user the tenant has none
 * of yet resolves nothing), yet a reviewer must see them. With the snapshot, each change also
 * names the accounts it affects today.
 */
import { severityRank } from '../domain/severity.js';
import { evaluateRule } from '../engine/rules.js';
import { selectorFor } from '../engine/selectors.js';
import { holdsAnyPermission, holdsAnyRole, type UserFacts } from '../engine/user-facts.js';
import type { AppliesTo, Policy, Rule, RuleFix } from '../policy/types.js';
import {
  addedRefs,
  affectedUser,
  dropped,
  usersWhere,
  type Affected,
  type AffectedUser,
  type TenantView,
} from './impact-view.js';

export interface RuleChange {
  rule: string;
  kind:
    | 'removed'
    | 'severity-lowered'
    | 'fix-weakened'
    | 'max-raised'
    | 'forbids-less'
    | 'counts-less'
    | 'kind-changed'
    | 'scope-narrowed';
  detail: string;
  /** user references the change adds or drops (rendered masked when the run redacts) */
  users?: string[];
  /** with a snapshot: who the change reaches today */
  affected?: Affected;
}

/** SPEC §5: deactivate is stronger than lock, lock than set-role, and any of them than none. */
const FIX_RANK: Record<RuleFix['action'], number> = { deactivate: 3, lock: 2, 'set-role': 1, none: 0 };

function fixText(fix: RuleFix): string {
  return fix.action === 'set-role' ? `set-role ${fix.role}` : fix.action;
}

function fixWeakened(base: RuleFix, head: RuleFix): boolean {
  if (FIX_RANK[head.action] < FIX_RANK[base.action]) return true;
  // another role is not a weaker action, but it may grant more: a reviewer decides
  return (
    base.action === 'set-role' &&
    head.action === 'set-role' &&
    base.role.toLowerCase() !== head.role.toLowerCase()
  );
}

/** Permission names of `before` (base) that `after` (head) checks neither by name nor by id. */
function droppedPermissions(
  before: readonly string[],
  basePolicy: Policy,
  after: readonly string[],
  headPolicy: Policy,
): string[] {
  const idOf = (policy: Policy, name: string) => policy.permissions.find((m) => m.name === name)?.id;
  const names = new Set(after.map((n) => n.toLowerCase()));
  const ids = new Set(after.map((n) => idOf(headPolicy, n)).filter((id) => id !== undefined));
  return before.filter((n) => {
    const id = idOf(basePolicy, n);
    return !names.has(n.toLowerCase()) && (id === undefined || !ids.has(id));
  });
}

interface RulePair {
  base: Rule;
  head: Rule;
  basePolicy: Policy;
  headPolicy: Policy;
  view: TenantView | undefined;
}

/** The accounts a rule flags today (its user findings), under the policy it belongs to. */
function flagged(rule: Rule, policy: Policy, facts: readonly UserFacts[] | undefined): AffectedUser[] | null {
  if (!facts || rule.kind !== 'forbid') return null;
  const mappings = new Map(policy.permissions.map((m) => [m.name, m]));
  return evaluateRule(rule, facts, mappings).flatMap((f) => (f.user ? [affectedUser(f.user)] : []));
}

function withAffected(label: string, users: AffectedUser[] | null): { affected?: Affected } {
  return users ? { affected: { label, users } } : {};
}

/** Each key of `applies-to` that covers fewer users, with the head value in place of the base's. */
function scopeNarrowings(
  base: AppliesTo,
  head: AppliesTo,
): { detail: string; users?: string[]; narrowed: AppliesTo }[] {
  const out: { detail: string; users?: string[]; narrowed: AppliesTo }[] = [];
  if (base.audience !== head.audience && head.audience !== 'any') {
    out.push({
      detail: `applies-to audience ${base.audience} → ${head.audience}`,
      narrowed: { ...base, audience: head.audience },
    });
  }
  const kinds = dropped(base.kinds, head.kinds);
  if (kinds.length > 0) {
    out.push({
      detail: `applies-to kinds no longer include ${kinds.join(', ')}`,
      narrowed: { ...base, kinds: head.kinds },
    });
  }
  const list = <T extends string | number>(
    key: string,
    b: readonly T[] | undefined,
    h: readonly T[] | undefined,
  ) => {
    if (h === undefined) return null;
    if (b === undefined) return `applies-to ${key} now limited to ${h.join(', ')}`;
    const lost = dropped(b, h);
    return lost.length > 0 ? `applies-to ${key} drops ${lost.join(', ')}` : null;
  };
  const roles = list('roles', base.roles, head.roles);
  if (roles) out.push({ detail: roles, narrowed: { ...base, ...(head.roles ? { roles: head.roles } : {}) } });
  const units = list('business-units', base.businessUnits, head.businessUnits);
  if (units) {
    out.push({
      detail: units,
      narrowed: { ...base, ...(head.businessUnits ? { businessUnits: head.businessUnits } : {}) },
    });
  }
  if (head.users) {
    const narrowed = { ...base, users: head.users };
    if (!base.users)
      out.push({ detail: 'applies-to users now limited to', users: head.users.map((u) => u.raw), narrowed });
    else {
      const lost = addedRefs(head.users, base.users);
      if (lost.length > 0)
        out.push({ detail: 'applies-to users drops', users: lost.map((u) => u.raw), narrowed });
    }
  }
  const excepted = addedRefs(base.exceptUsers, head.exceptUsers);
  if (excepted.length > 0) {
    out.push({
      detail: 'applies-to except-users adds',
      users: excepted.map((u) => u.raw),
      narrowed: { ...base, exceptUsers: head.exceptUsers },
    });
  }
  if (base.includeInactive && !head.includeInactive) {
    out.push({
      detail: 'applies-to no longer includes inactive and locked accounts',
      narrowed: { ...base, includeInactive: false },
    });
  }
  return out;
}

function weakenings(pair: RulePair): RuleChange[] {
  const { base, head, basePolicy, headPolicy, view } = pair;
  const changes: RuleChange[] = [];
  const rule = head.id;
  const headFlags = () => flagged(head, headPolicy, view?.head);
  if (severityRank(head.severity) > severityRank(base.severity)) {
    changes.push({
      rule,
      kind: 'severity-lowered',
      detail: `severity ${base.severity} → ${head.severity}`,
      ...withAffected('flagged today', headFlags()),
    });
  }
  if (base.kind === 'forbid' && head.kind === 'max-holders') {
    changes.push({
      rule,
      kind: 'kind-changed',
      detail: `was forbid, now max-holders (up to ${head.maxHolders.max} allowed)`,
      ...withAffected('flagged under the base rule', flagged(base, basePolicy, view?.base)),
    });
  }
  if (base.kind === 'forbid' && head.kind === 'forbid') {
    if (fixWeakened(base.fix, head.fix)) {
      changes.push({
        rule,
        kind: 'fix-weakened',
        detail: `fix ${fixText(base.fix)} → ${fixText(head.fix)}`,
        ...withAffected('flagged today', headFlags()),
      });
    }
    const permissions = droppedPermissions(
      base.forbid.permissions,
      basePolicy,
      head.forbid.permissions,
      headPolicy,
    );
    const roles = dropped(base.forbid.roles, head.forbid.roles);
    const account = base.forbid.account && !head.forbid.account;
    const lost = [
      ...permissions.map((p) => `permission ${p}`),
      ...roles.map((r) => `role ${r}`),
      ...(account ? ['account'] : []),
    ];
    if (lost.length > 0) {
      const lowerRoles = roles.map((r) => r.toLowerCase());
      const select = view ? selectorFor(base.appliesTo) : null;
      changes.push({
        rule,
        kind: 'forbids-less',
        detail: `no longer forbids ${lost.join(', ')}`,
        ...(view && select
          ? withAffected(
              'who holds it today',
              usersWhere(view, (i) => {
                const facts = view.base[i]!;
                return (
                  select(facts) &&
                  (holdsAnyPermission(facts, permissions) ||
                    holdsAnyRole(facts, lowerRoles) ||
                    (account && facts.activeAccount))
                );
              }),
            )
          : {}),
      });
    }
  }
  if (base.kind === 'max-holders' && head.kind === 'max-holders') {
    if (head.maxHolders.max > base.maxHolders.max) {
      changes.push({
        rule,
        kind: 'max-raised',
        detail: `max ${base.maxHolders.max} → ${head.maxHolders.max}`,
      });
    }
    const permissions = droppedPermissions(
      base.maxHolders.permissions,
      basePolicy,
      head.maxHolders.permissions,
      headPolicy,
    );
    const roles = dropped(base.maxHolders.roles, head.maxHolders.roles);
    if (permissions.length + roles.length > 0) {
      const lowerRoles = roles.map((r) => r.toLowerCase());
      const select = view ? selectorFor(base.appliesTo) : null;
      changes.push({
        rule,
        kind: 'counts-less',
        detail: `no longer counts ${[...permissions.map((p) => `permission ${p}`), ...roles.map((r) => `role ${r}`)].join(', ')}`,
        ...(view && select
          ? withAffected(
              'who holds it today',
              usersWhere(view, (i) => {
                const facts = view.base[i]!;
                return (
                  select(facts) && (holdsAnyPermission(facts, permissions) || holdsAnyRole(facts, lowerRoles))
                );
              }),
            )
          : {}),
      });
    }
  }
  for (const narrowing of scopeNarrowings(base.appliesTo, head.appliesTo)) {
    const before = view ? selectorFor(base.appliesTo) : null;
    const after = view ? selectorFor(narrowing.narrowed) : null;
    changes.push({
      rule,
      kind: 'scope-narrowed',
      detail: narrowing.detail,
      ...(narrowing.users ? { users: narrowing.users } : {}),
      ...(view && before && after
        ? withAffected(
            'who leaves its scope',
            // the head's facts on both sides: only the selector differs
            usersWhere(view, (i) => before(view.head[i]!) && !after(view.head[i]!)),
          )
        : {}),
    });
  }
  return changes;
}

export function ruleChanges(base: Policy, head: Policy, view?: TenantView): RuleChange[] {
  const heads = new Map(head.rules.map((r) => [r.id, r]));
  const changes: RuleChange[] = [];
  for (const b of base.rules) {
    const h = heads.get(b.id);
    if (!h) {
      changes.push({
        rule: b.id,
        kind: 'removed',
        detail: `removed (was ${b.severity})`,
        ...withAffected('flagged today', flagged(b, base, view?.base)),
      });
    } else changes.push(...weakenings({ base: b, head: h, basePolicy: base, headPolicy: head, view }));
  }
  return changes;
}
