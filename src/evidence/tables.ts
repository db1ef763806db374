/**
 * The pack's CSV files as text, built in memory from the run's data. Pure: the caller decides
 * where they go.
 */
import { matchesUserRef } from '../engine/audience.js';
import { exemptionCovers, exemptionIsActive } from '../engine/exemptions.js';
import type { Snapshot, TenantUser } from '../engine/snapshot.js';
import type { Finding, FindingFix, IdentityRoster, IdentityRosterEntry, PlanStep } from '../engine/types.js';
import { isHeld } from '../engine/user-facts.js';
import type { Audience, Exemption, Policy } from '../policy/types.js';
import type { Report } from '../report/model.js';
import { maskEmail, maskName, maskPersonId } from '../report/redact.js';
import { csvTable } from './csv.js';
import { maskLogin, maskUserRef } from './redaction.js';

/** The roster's fixed columns; one column per mapped permission follows, named as in the policy. */
export const ROSTER_COLUMNS = [
  'kind',
  'id',
  'userId',
  'name',
  'email',
  'login',
  'audience',
  'active',
  'locked',
  'roles',
  'built-in role',
  'business unit',
  'business unit id',
] as const;

/**
 * With an `identity` section, these follow the fixed columns (before the permission columns): the
 * person each account was joined to and what decided its audience (SPEC §8). A header with a space
 * is never a permission name, so a reader tells the two layouts apart.
 */
export const IDENTITY_COLUMNS = [
  'identity source',
  'identity state',
  'matched by',
  'person id',
  'last sign-in',
  'audience from',
] as const;

export interface RosterOptions {
  redact: boolean;
  /** the engine's classification; without it (and without a policy) the audience stays empty */
  audienceOf?: (u: TenantUser) => Audience;
  /** by record: the identity columns, and the audience the identity sources decided */
  identity?: IdentityRoster | null;
}

function identityCells(entry: IdentityRosterEntry | undefined, redact: boolean): unknown[] {
  if (!entry) return IDENTITY_COLUMNS.map(() => '');
  const who = entry.identity;
  if (!who) return ['', 'unmatched', '', '', '', entry.audienceFrom];
  const personId = redact ? maskPersonId(who.personId) : who.personId;
  return [who.source, who.state, who.matchedBy, personId, who.lastSignIn, entry.audienceFrom];
}

function byRecord(a: { kind: string; id: number }, b: { kind: string; id: number }): number {
  return a.kind === b.kind ? a.id - b.id : a.kind < b.kind ? -1 : 1;
}

/** Every user, active or not, with the mapped permissions each holds (per the mapping's granted values). */
export function rosterCsv(snapshot: Snapshot, policy: Policy | null, opts: RosterOptions): string {
  const mappings = policy?.permissions ?? [];
  const identity = opts.identity ?? null;
  const rows = [...snapshot.users].sort(byRecord).map((u) => {
    const entry = identity ? identity(u) : undefined;
    return [
      u.kind,
      u.id,
      u.userId,
      opts.redact ? maskName(u.name) : u.name,
      u.email !== null && opts.redact ? maskEmail(u.email) : u.email,
      u.login !== null && opts.redact ? maskLogin(u.login) : u.login,
      entry ? entry.audience : opts.audienceOf ? opts.audienceOf(u) : '',
      u.active,
      u.locked,
      u.roles,
      u.role,
      u.businessUnit,
      u.businessUnitId,
      ...(identity ? identityCells(entry, opts.redact) : []),
      ...mappings.map((m) => isHeld(u, m)),
    ];
  });
  return csvTable(
    [...ROSTER_COLUMNS, ...(identity ? IDENTITY_COLUMNS : []), ...mappings.map((m) => m.name)],
    rows,
  );
}

function fixText(fix: FindingFix): string {
  const action = fix.action === 'set-role' ? `set-role: ${fix.role}` : fix.action;
  return [action, ...(fix.steps ?? [])].join('\n');
}

function findingStatus(f: Finding): string {
  if (!f.exemption) return 'open';
  return f.exemption.status === 'active' ? 'exempt' : 'open (exemption expired)';
}

/** One row per finding of the report (already redacted when the run redacts). */
export function findingsCsv(report: Report): string {
  const header = [
    'id', 'rule', 'severity', 'status', 'kind', 'user id', 'userId', 'name', 'email', 'login', 'audience',
    'active', 'locked', 'message', 'permissions', 'roles', 'holders', 'fix', 'exemption reason',
    'exemption approved by', 'exemption expires', 'exemption ticket', 'exemption status', 'policy line',
  ]; // prettier-ignore
  const rows = report.findings.map((f) => {
    const u = f.user;
    const e = f.exemption;
    return [
      f.id,
      f.rule,
      f.severity,
      findingStatus(f),
      u?.kind,
      u?.id,
      u?.userId,
      u?.name,
      u?.email,
      u?.login,
      u?.audience,
      u?.active,
      u?.locked,
      f.message,
      f.evidence.permissions ?? f.evidence.permission,
      f.evidence.roles,
      f.evidence.holders?.map((h) => `${h.name} (${h.kind}:${h.id})`),
      fixText(f.fix),
      e?.reason,
      e?.approvedBy,
      e?.expires,
      e?.ticket,
      e?.status,
      f.location.line,
    ];
  });
  return csvTable(header, rows);
}

export interface ExemptionsOptions {
  redact: boolean;
  /** masks free text (the reason) when redacting */
  maskText: (text: string) => string;
  /** when the run evaluated the exemptions, for the status of those that cover no finding */
  now: Date;
}

const BUILT_IN_ABOUT_EXEMPTIONS = new Set(['exemption-expired', 'exemption-unused']);

/**
 * Whether `e` is the exemption attached to `f` (several may cover one finding; the engine picks
 * one). The user is matched through the snapshot by record, since a redacted report's finding
 * no longer carries the email an exemption names.
 */
function attachedTo(e: Exemption, f: Finding, snapshot: Snapshot | null): boolean {
  if (
    f.exemption === null ||
    f.exemption.expires !== e.expires ||
    f.exemption.ticket !== (e.ticket ?? null)
  ) {
    return false;
  }
  if (!snapshot || !e.user || !e.rules.includes(f.rule)) return exemptionCovers(e, f);
  const ref = e.user;
  const u = f.user;
  return (
    u !== null && snapshot.users.some((s) => s.kind === u.kind && s.id === u.id && matchesUserRef(s, ref))
  );
}

/** One row per exemption of the policy: who, which rules, its status, approver, and the findings it covers. */
export function exemptionsCsv(
  policy: Policy | null,
  report: Report,
  snapshot: Snapshot | null,
  opts: ExemptionsOptions,
): string {
  const header = [
    'user', 'rules', 'status', 'approved by', 'ticket', 'expires', 'reason', 'findings', 'built-in findings', 'policy line',
  ]; // prettier-ignore
  const rows = (policy?.exemptions ?? []).map((e) => {
    const covered = report.findings.filter((f) => attachedTo(e, f, snapshot));
    const status = covered[0]?.exemption?.status ?? (exemptionIsActive(e, opts.now) ? 'active' : 'expired');
    const about = report.findings.filter(
      (f) => BUILT_IN_ABOUT_EXEMPTIONS.has(f.rule) && f.evidence.exemption === e.index,
    );
    return [
      e.user ? (opts.redact ? maskUserRef(e.user) : e.user.raw) : '(tenant-level findings)',
      e.rules,
      status,
      opts.redact ? maskEmail(e.approvedBy) : e.approvedBy,
      e.ticket,
      e.expires,
      opts.redact ? opts.maskText(e.reason) : e.reason,
      covered.map((f) => f.id),
      about.map((f) => f.id),
      e.position.line,
    ];
  });
  return csvTable(header, rows);
}

function planRow(s: PlanStep): unknown[] {
  return [
    s.action,
    s.role,
    s.roleId,
    s.user.kind,
    s.user.id,
    s.user.userId,
    s.user.name,
    s.user.email,
    s.rules,
    s.findings,
    s.status,
    s.error,
    s.reason,
    s.before?.active,
    s.before?.locked,
    s.before?.roleIds,
  ];
}

/** The plan (the journal, after an apply: each step's outcome, error or reason). */
export function planCsv(report: Report): string {
  const header = [
    'action', 'role', 'role id', 'kind', 'id', 'userId', 'name', 'email', 'rules', 'findings', 'status',
    'error', 'reason', 'before active', 'before locked', 'before role ids',
  ]; // prettier-ignore
  return csvTable(header, report.plan.map(planRow));
}
