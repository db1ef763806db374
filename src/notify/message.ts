/**
 * What an alert says, before any channel's formatting: a headline, the facts (status, counts,
 * what changed since the last run), the new findings most severe first (at most 10 shown, then
 * "and N more"), and links to the run and the tracking issue. One tenant or a whole fleet. The
 * text here is raw: each renderer (Slack, Teams, JSON) makes it safe for its channel.
 */
import { emptyCounts } from '../engine/counts.js';
import type { Finding } from '../engine/types.js';
import type { Evaluation } from '../engine/types.js';
import type { Severity } from '../policy/types.js';
import { holdings, recordRef } from '../report/describe.js';
import type { Report, RunStatus } from '../report/model.js';
import type { AlertChanges, LastRunSource } from './last-run.js';

/** New findings listed in a message; the rest are counted. */
export const LISTED_FINDINGS = 10;

export type Counts = Evaluation['counts'];

export interface AlertFinding {
  finding: Finding;
  /** the tenant it belongs to (a fleet's message names it) */
  tenant: string | null;
}

export interface AlertTenant {
  tenant: string | null;
  environment: 'production' | 'integration';
  status: RunStatus;
  counts: Counts;
  open: number;
  added: number;
  resolved: number;
}

export interface Alert {
  tool: { name: string; version: string };
  /** a single tenant's run; null for a fleet */
  tenant: AlertTenant | null;
  /** a fleet's tenants, one line each; empty for a single tenant */
  fleet: AlertTenant[];
  status: RunStatus;
  failOn: Report['failOn'];
  counts: Counts;
  open: number;
  /** every new finding, most severe first (renderers show LISTED_FINDINGS of them) */
  added: AlertFinding[];
  /** ids of findings open in the last run and not now */
  resolved: string[];
  since: LastRunSource | null;
  countsOnly: boolean;
  /** codes of the errors that stopped the run (status `error`) */
  errorCodes: string[];
  runUrl: string | null;
  issue: { number: number; url: string } | null;
  redacted: boolean;
}

export interface AlertLinks {
  runUrl?: string | null;
  issue?: { number: number; url: string } | null;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const STATUS_RANK: Record<RunStatus, number> = { error: 0, fail: 1, pass: 2 };

/** Most severe first, then by rule, tenant and id: the same order on every run. */
function bySeverity(a: AlertFinding, b: AlertFinding): number {
  return (
    SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
    a.finding.rule.localeCompare(b.finding.rule) ||
    (a.tenant ?? '').localeCompare(b.tenant ?? '') ||
    a.finding.id.localeCompare(b.finding.id)
  );
}

function tenantLine(report: Report, changes: AlertChanges): AlertTenant {
  return {
    tenant: report.tenant,
    environment: report.environment,
    status: report.status,
    counts: report.counts,
    open: changes.open.length,
    added: changes.added.length,
    resolved: changes.resolved.length,
  };
}

/** One tenant's alert, from its (already redacted, when asked) report. */
export function tenantAlert(report: Report, changes: AlertChanges, links: AlertLinks = {}): Alert {
  return {
    tool: { name: report.tool.name, version: report.tool.version },
    tenant: tenantLine(report, changes),
    fleet: [],
    status: report.status,
    failOn: report.failOn,
    counts: report.counts,
    open: changes.open.length,
    added: changes.added.map((finding) => ({ finding, tenant: report.tenant })).sort(bySeverity),
    resolved: changes.resolved,
    since: changes.since,
    countsOnly: changes.countsOnly,
    errorCodes: report.errors.map((e) => e.code),
    runUrl: links.runUrl ?? null,
    issue: links.issue ?? null,
    redacted: report.redacted,
  };
}

export interface FleetMember {
  report: Report;
  changes: AlertChanges;
}

/** One message for a fleet: the worst status, the counts summed, every tenant's new findings. */
export function fleetAlert(members: readonly FleetMember[], links: AlertLinks = {}): Alert {
  const first = members[0]?.report;
  const counts = members.reduce<Counts>((sum, { report }) => {
    const c = report.counts;
    return Object.fromEntries(
      Object.entries(sum).map(([key, value]) => [key, value + c[key as keyof Counts]]),
    ) as unknown as Counts;
  }, emptyCounts());
  const status = members
    .map((m) => m.report.status)
    .reduce<RunStatus>((worst, s) => (STATUS_RANK[s] < STATUS_RANK[worst] ? s : worst), 'pass');
  const sources = new Set(members.map((m) => m.changes.since));
  return {
    tool: first ? { name: first.tool.name, version: first.tool.version } : { name: '', version: '' },
    tenant: null,
    fleet: members.map((m) => tenantLine(m.report, m.changes)),
    status,
    failOn: first?.failOn ?? 'high',
    counts,
    open: members.reduce((n, m) => n + m.changes.open.length, 0),
    added: members
      .flatMap((m) => m.changes.added.map((finding) => ({ finding, tenant: m.report.tenant })))
      .sort(bySeverity),
    resolved: members.flatMap((m) => m.changes.resolved),
    // one source when every tenant compared with the same kind of last run; else none is claimed
    since: sources.size === 1 ? (members[0]?.changes.since ?? null) : null,
    countsOnly: members.some((m) => m.changes.countsOnly),
    errorCodes: [...new Set(members.flatMap((m) => m.report.errors.map((e) => e.code)))],
    runUrl: links.runUrl ?? null,
    issue: links.issue ?? null,
    redacted: members.some((m) => m.report.redacted),
  };
}

const STATUS_ICON: Record<RunStatus, string> = { pass: '✅', fail: '❌', error: '⚠️' };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function where(alert: Alert): string {
  if (alert.tenant === null) return `across ${plural(alert.fleet.length, 'tenant')}`;
  return alert.tenant.tenant ? `in tenant ${alert.tenant.tenant}` : '';
}

/** `❌ 2 new ServiceTitan access findings in tenant 1234` */
export function headline(alert: Alert): { icon: string; text: string } {
  const icon = STATUS_ICON[alert.status];
  const place = where(alert);
  const at = place ? ` ${place}` : '';
  if (alert.status === 'error' && alert.tenant !== null) {
    return { icon, text: `ServiceTitan access audit could not complete${at}` };
  }
  if (alert.added.length > 0) {
    const what = alert.added.length === 1 ? 'finding' : 'findings';
    return { icon, text: `${alert.added.length} new ServiceTitan access ${what}${at}` };
  }
  if (alert.resolved.length > 0) {
    return {
      icon,
      text: `${plural(alert.resolved.length, 'ServiceTitan access finding')} resolved${at}`,
    };
  }
  return { icon, text: `ServiceTitan access: no change${at} (${alert.open} open)` };
}

export interface Fact {
  title: string;
  value: string;
}

function severities(c: Counts): string {
  return `${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low`;
}

function sinceText(alert: Alert): string {
  if (alert.status === 'error' && alert.tenant !== null) return 'not compared: the run did not complete';
  if (alert.since === null) return 'no last run to compare with: every open finding is listed';
  if (alert.countsOnly) return 'the set of findings changed (the last run’s list was too long to compare)';
  const source = alert.since === 'tracking-issue' ? 'the tracking issue' : 'the baseline evidence';
  return `${alert.added.length} new, ${alert.resolved.length} resolved (compared with ${source})`;
}

/** The facts every channel shows, in order. */
export function facts(alert: Alert): Fact[] {
  const c = alert.counts;
  const out: Fact[] = [];
  if (alert.tenant !== null) {
    out.push({
      title: 'Tenant',
      value: `${alert.tenant.tenant ?? 'unknown'} (${alert.tenant.environment})`,
    });
  } else {
    out.push({ title: 'Tenants', value: String(alert.fleet.length) });
  }
  out.push({
    title: 'Status',
    value: `${alert.status}${alert.failOn === 'never' ? '' : ` (fails at ${alert.failOn} and above)`}`,
  });
  if (alert.errorCodes.length > 0)
    out.push({ title: 'Errors', value: alert.errorCodes.slice(0, 5).join(', ') });
  out.push({
    title: 'Open findings',
    value: `${alert.open} (${severities(c)}) · ${c.exempted} exempted · ${c.users} users audited`,
  });
  out.push({ title: 'Since the last run', value: sinceText(alert) });
  return out;
}

/** One line per fleet tenant: `1234 (production): fail, 7 open, 2 new, 1 resolved` */
export function fleetLines(alert: Alert): string[] {
  return alert.fleet.map(
    (t) =>
      `${t.tenant ?? 'unknown'} (${t.environment}): ${t.status}, ${t.open} open, ${t.added} new, ${t.resolved} resolved`,
  );
}

export interface FindingText {
  severity: Severity;
  rule: string;
  /** `Jane Roe (employee 21)`, or `tenant` for tenant-level findings */
  who: string;
  /** the permissions, roles or account held, or the message */
  what: string;
  /** set in a fleet's message */
  tenant: string | null;
}

export function findingText(item: AlertFinding, fleet: boolean): FindingText {
  const f = item.finding;
  return {
    severity: f.severity,
    rule: f.rule,
    who: f.user ? `${f.user.name} (${recordRef(f.user)})` : 'tenant',
    what: holdings(f, 5),
    tenant: fleet ? item.tenant : null,
  };
}

/** The findings a message lists, and how many more there are. */
export function listed(alert: Alert): { shown: FindingText[]; more: number } {
  const fleet = alert.tenant === null;
  return {
    shown: alert.added.slice(0, LISTED_FINDINGS).map((f) => findingText(f, fleet)),
    more: Math.max(0, alert.added.length - LISTED_FINDINGS),
  };
}
