/**
 * `reference-unmatched` (SPEC §4): a role, business unit or user that a rule or `safety` names and
 * that matches nothing in the tenant, active or not. Nothing else would say so: a rule limited to
 * `roles: [Admins]` in a tenant whose role is `Admin` simply checks nobody, and a protected user
 * misspelt protects nobody. Guards weaken most, so theirs are high (and apply refuses while one
 * stands); a rule's are medium.
 *
 * Not checked: an exemption's user (an exemption that covers nothing is `exemption-unused`),
 * `approved-by`, `internal-users` and `external-users` (they may name people without an account),
 * and `set-role` fixes (a role the tenant lacks there is a policy error, see role-directory.ts).
 */
import { EMPLOYEE_USER_ROLES } from '../domain/employee-roles.js';
import { nearest } from '../policy/nearest.js';
import { referenceSite } from '../policy/references.js';
import type { Policy, Position, Rule, UserRef } from '../policy/types.js';
import { findingId } from './fingerprint.js';
import type { Snapshot } from './snapshot.js';
import type { Finding, ReferenceEvidence } from './types.js';

/**
 * ServiceTitan's built-in role enum (the deprecated `role` on employees, Settings v2
 * `EmployeeUserRole`): names every tenant has, whoever holds them today. `Owner` in the default
 * `admin-roles` is never unmatched on a tenant whose owner has no user role of that name.
 */
const BUILT_IN_ROLES = EMPLOYEE_USER_ROLES.filter((role) => role !== 'Unspecified');

/**
 * What the tenant has, active or not, to match references against. Built as far as references
 * need: a role the role list has is matched without looking at any user; the users are looked at
 * for a user reference, or for a role or business unit the lists do not have (an unknown id
 * `#7`, a built-in role, a unit id no list names), and then in the order the lists are read.
 */
class TenantNames {
  /** lower-case role name -> as the tenant spells it: the role list and the built-in roles */
  private listedRoles: Map<string, string> | null = null;
  /** the same, and every role a user holds */
  private allRoles: Map<string, string> | null = null;
  /** lower-case, trimmed business unit name -> as the tenant spells it, and the unit ids */
  private listedUnits: { names: Map<string, string>; ids: Set<number> } | null = null;
  private allUnits: { names: Map<string, string>; ids: Set<number> } | null = null;
  /** the user references found among the accounts, by `userRefKey` */
  private foundUsers: Set<string> | null = null;
  /** emails, and the same in lower case, for "did you mean" on an email reference */
  private allEmails: { emails: string[]; lowered: string[] } | null = null;

  constructor(private readonly snapshot: Snapshot) {}

  hasRole(name: string): boolean {
    const key = name.toLowerCase();
    return this.roles(false).has(key) || this.roles(true).has(key);
  }

  /** every role name, for "did you mean" */
  roleNames(): string[] {
    return [...this.roles(true).values()];
  }

  hasUnit(unit: string | number): boolean {
    return unitIn(unit, this.units(false)) || unitIn(unit, this.units(true));
  }

  /** every business unit name, for "did you mean" */
  unitNames(): string[] {
    return [...this.units(true).names.values()];
  }

  /**
   * The same test as `matchesUserRef`. Every reference `wanted` names is looked for in one pass
   * over the accounts, the first time one is asked about; only what they name is computed.
   */
  hasUser(ref: UserRef, wanted: readonly UserRef[]): boolean {
    this.foundUsers ??= this.findUsers(wanted);
    return this.foundUsers.has(userRefKey(ref));
  }

  emails(): { emails: string[]; lowered: string[] } {
    if (!this.allEmails) {
      const emails: string[] = [];
      for (const user of this.snapshot.users) if (user.email) emails.push(user.email);
      this.allEmails = { emails, lowered: emails.map((email) => email.toLowerCase()) };
    }
    return this.allEmails;
  }

  private roles(withUsers: boolean): Map<string, string> {
    if (!withUsers && this.listedRoles) return this.listedRoles;
    if (withUsers && this.allRoles) return this.allRoles;
    const roles = new Map<string, string>();
    const role = (name: string) => {
      if (!roles.has(name.toLowerCase())) roles.set(name.toLowerCase(), name);
    };
    for (const r of this.snapshot.roles) role(r.name);
    for (const name of BUILT_IN_ROLES) role(name);
    if (!withUsers) return (this.listedRoles = roles);
    // every user repeats a few role names: each spelling is looked at once
    const seen = new Set<string>();
    const held = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      role(name);
    };
    for (const user of this.snapshot.users) {
      for (const name of user.roles) held(name);
      if (user.role) held(user.role);
    }
    return (this.allRoles = roles);
  }

  private units(withUsers: boolean): { names: Map<string, string>; ids: Set<number> } {
    if (!withUsers && this.listedUnits) return this.listedUnits;
    if (withUsers && this.allUnits) return this.allUnits;
    const units = { names: new Map<string, string>(), ids: new Set<number>() };
    const seen = new Set<string>();
    const unit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const key = name.trim().toLowerCase();
      if (key !== '' && !units.names.has(key)) units.names.set(key, name.trim());
    };
    for (const u of this.snapshot.businessUnits) {
      units.ids.add(u.id);
      unit(u.name);
    }
    if (!withUsers) return (this.listedUnits = units);
    for (const user of this.snapshot.users) {
      if (user.businessUnitId !== null) units.ids.add(user.businessUnitId);
      if (user.businessUnit) unit(user.businessUnit);
    }
    return (this.allUnits = units);
  }

  private findUsers(wanted: readonly UserRef[]): Set<string> {
    const addresses = new Set<string>();
    const logins = new Set<string>();
    const userIds = new Set<number>();
    const records = new Set<string>();
    for (const ref of wanted) {
      if (ref.type === 'email') addresses.add(ref.value.toLowerCase());
      else if (ref.type === 'login') logins.add(ref.value.toLowerCase());
      else if (ref.type === 'user') userIds.add(ref.value);
      else records.add(userRefKey(ref));
    }
    const found = new Set<string>();
    for (const user of this.snapshot.users) {
      if (addresses.size > 0 || logins.size > 0) {
        const login = user.login?.toLowerCase();
        if (login) {
          // an email reference matches a login that is that address, as `matchesUserRef` does
          if (addresses.has(login)) found.add(`email:${login}`);
          if (logins.has(login)) found.add(`login:${login}`);
        }
      }
      if (addresses.size > 0) {
        const email = user.email?.toLowerCase();
        if (email && addresses.has(email)) found.add(`email:${email}`);
      }
      if (user.userId !== null && userIds.has(user.userId)) found.add(`user:${user.userId}`);
      if (records.size > 0) {
        const record = `${user.kind}:${user.id}`;
        if (records.has(record)) found.add(record);
      }
    }
    return found;
  }
}

/** `email:ops@acme.com`, `login:ops`, `user:12`, `employee:21`: one key per account a reference names. */
function userRefKey(ref: UserRef): string {
  return ref.type === 'email' || ref.type === 'login'
    ? `${ref.type}:${ref.value.toLowerCase()}`
    : `${ref.type}:${ref.value}`;
}

/** The same test as `applies-to.business-units`: a number is an id, a string a name or an all-digit id. */
function unitIn(unit: string | number, units: { names: Map<string, string>; ids: Set<number> }): boolean {
  if (typeof unit === 'number') return units.ids.has(unit);
  const text = unit.trim();
  return units.names.has(text.toLowerCase()) || (/^\d+$/.test(text) && units.ids.has(Number(text)));
}

/** One place a rule or `safety` names something. */
interface Reference {
  evidence: ReferenceEvidence;
  /** the path in the file (`rules.2.forbid.roles`), for its position */
  path: string;
  named: string | number | UserRef;
  rule: Rule | null;
  matched: boolean;
  suggestion: string | undefined;
}

function references(policy: Policy, names: TenantNames): Reference[] {
  const found: Omit<Reference, 'matched' | 'suggestion'>[] = [];
  const add = (
    rule: Rule | null,
    path: string,
    key: string,
    kind: ReferenceEvidence['kind'],
    named: string | number | UserRef,
  ) => {
    const value = typeof named === 'object' ? named.raw : String(named);
    found.push({ evidence: { kind, value, key, ...(rule ? { rule: rule.id } : {}) }, path, named, rule });
  };
  policy.rules.forEach((rule, index) => {
    const at = (key: string) => `rules.${index}.${key}`;
    const scope = rule.appliesTo;
    for (const role of scope.roles ?? []) add(rule, at('applies-to.roles'), 'applies-to.roles', 'role', role);
    for (const unit of scope.businessUnits ?? [])
      add(rule, at('applies-to.business-units'), 'applies-to.business-units', 'business-unit', unit);
    for (const user of scope.users ?? []) add(rule, at('applies-to.users'), 'applies-to.users', 'user', user);
    for (const user of scope.exceptUsers)
      add(rule, at('applies-to.except-users'), 'applies-to.except-users', 'user', user);
    const roles = rule.kind === 'forbid' ? rule.forbid.roles : rule.maxHolders.roles;
    const key = rule.kind === 'forbid' ? 'forbid.roles' : 'max-holders.roles';
    for (const role of roles) add(rule, at(key), key, 'role', role);
  });
  for (const user of policy.safety.protectedUsers)
    add(null, 'safety.protected-users', 'safety.protected-users', 'user', user);
  for (const role of policy.safety.adminRoles)
    add(null, 'safety.admin-roles', 'safety.admin-roles', 'role', role);

  const userRefs = found.flatMap((r) => (typeof r.named === 'object' ? [r.named] : []));
  return found.map((r) => {
    const { named } = r;
    let matched: boolean;
    let suggestion: string | undefined;
    if (typeof named === 'object') {
      matched = names.hasUser(named, userRefs);
      // only an email is suggested: a login or id of someone else would name a person unasked
      if (!matched && named.type === 'email') {
        const { emails, lowered } = names.emails();
        suggestion = nearest(named.value, emails, lowered);
      }
    } else if (r.evidence.kind === 'role') {
      matched = names.hasRole(String(named));
      if (!matched) suggestion = nearest(String(named), names.roleNames());
    } else {
      matched = names.hasUnit(named);
      if (!matched && typeof named === 'string') suggestion = nearest(named.trim(), names.unitNames());
    }
    return { ...r, matched, suggestion };
  });
}

/** `the role "Admins"`, `the business unit 12`, `the user ops@acme.com` */
function named(r: ReferenceEvidence): string {
  if (r.kind === 'user') return `the user ${r.value}`;
  return `the ${r.kind === 'role' ? 'role' : 'business unit'} "${r.value}"`;
}

function nothing(r: ReferenceEvidence): string {
  if (r.kind === 'user') return 'who matches no account of the tenant, active or not';
  return `which is not a ${r.kind === 'role' ? 'role' : 'business unit'} of the tenant`;
}

/** What the reference fails to do: said plainly, since nothing else in the report shows it. */
function consequence(r: ReferenceEvidence): string {
  switch (r.key) {
    case 'applies-to.roles':
    case 'applies-to.business-units':
      return `the rule leaves out holders of the ${r.kind === 'role' ? 'role' : 'business unit'} meant, and may check nobody`;
    case 'applies-to.users':
      return 'the rule leaves out the account meant, and may check nobody';
    case 'applies-to.except-users':
      return 'the rule still checks the account meant to be excepted';
    case 'forbid.roles':
      return 'the rule never finds holders of the role meant';
    case 'max-holders.roles':
      return 'the rule does not count holders of the role meant';
    case 'safety.protected-users':
      return 'apply would not protect the account meant, so it refuses to change anything until this is corrected';
    default:
      return 'min-active-admins would not count the admins meant, so apply refuses to change anything until this is corrected';
  }
}

function fixStep(r: Reference, policy: Policy, at: Position): string {
  const where = `line ${at.line} of ${policy.source.path}`;
  const guess = r.suggestion ? ` (did you mean "${r.suggestion}"?)` : '';
  switch (r.evidence.kind) {
    case 'role':
      return (
        `Correct the role "${r.evidence.value}" at ${where} to a role of the tenant${guess}, or remove it; ` +
        '`st-access-guard discover` lists the roles.'
      );
    case 'business-unit':
      return `Correct the business unit "${r.evidence.value}" at ${where} to one of the tenant's (by name or id)${guess}, or remove it.`;
    case 'user':
      return (
        `Correct ${r.evidence.value} at ${where} to an account of the tenant${guess} ` +
        '(its email, login:NAME, user:ID, employee:ID or technician:ID), or remove it if the person has no account.'
      );
  }
}

/** Every reference of the rules and `safety` that matches nothing in the tenant, one finding each. */
export function referenceUnmatchedFindings(policy: Policy, snapshot: Snapshot): Finding[] {
  const names = new TenantNames(snapshot);
  return references(policy, names)
    .filter((r) => !r.matched)
    .map((r) => {
      const guard = r.rule === null;
      const location = policy.referencePositions?.[referenceSite(r.path, r.named)] ??
        r.rule?.position ?? { line: 1, column: 1 };
      const subject = typeof r.named === 'object' ? `${r.named.type}:${r.named.value}` : String(r.named);
      return {
        id: findingId(
          'reference-unmatched',
          r.rule ? `rule:${r.rule.id}` : 'safety',
          r.evidence.key,
          subject,
        ),
        rule: 'reference-unmatched',
        severity: guard ? ('high' as const) : ('medium' as const),
        message: guard
          ? `${r.evidence.key} names ${named(r.evidence)}, ${nothing(r.evidence)}: ${consequence(r.evidence)}`
          : `Rule ${r.evidence.rule} names ${named(r.evidence)} in ${r.evidence.key}, ${nothing(r.evidence)}: ` +
            consequence(r.evidence),
        user: null,
        evidence: { reference: r.evidence },
        fix: { action: 'manual' as const, steps: [fixStep(r, policy, location)] },
        exemption: null,
        location,
      };
    });
}
