/**
 * The fleet report (SPEC §10): every tenant's status and counts, worst first, the fleet's own
 * findings (`fleet-leaver-elsewhere`) and the people who cross tenants. Built once; the job
 * summary, `fleet-report.json` and the dashboard render from it.
 */
import { severityAtOrAbove, type FailOn } from '../engine/fail-on.js';
import { maskEmail, maskName } from '../report/redact.js';
import { replaceEmails, withoutPersonalData } from '../report/mask-text.js';
import { SEVERITIES, type Severity } from '../policy/types.js';
import type { HistoryLine } from './history.js';
import type { CrossTenantPerson, LeaverElsewhere } from './people.js';
import type { TenantRun } from './reports.js';

/** The people view lists at most this many; the report says how many more there are. */
export const MAX_PEOPLE = 2000;

export interface FleetTotals {
  tenants: number;
  errored: number;
  findings: number;
  exempted: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  users: number;
}

export interface FleetReport {
  version: 1;
  tool: { name: 'servicetitan-access-guard'; version: string };
  mode: 'fleet-report';
  generatedAt: string;
  status: 'pass' | 'fail' | 'error';
  failOn: FailOn;
  redacted: boolean;
  totals: FleetTotals;
  /** worst first: errored tenants, then by critical, high, medium, low */
  tenants: TenantRun[];
  /** the fleet's own findings */
  findings: LeaverElsewhere[];
  /** people in two tenants or more, widest reach first (at most MAX_PEOPLE) */
  people: CrossTenantPerson[];
  /** how many people cross tenants in all */
  peopleTotal: number;
  /** what the reader should know: tenants left out of the people view, history lines skipped */
  notes: string[];
}

export function worstFirst(a: TenantRun, b: TenantRun): number {
  const errored = (t: TenantRun) => (t.status === 'error' ? 0 : 1);
  return (
    errored(a) - errored(b) ||
    b.counts.critical - a.counts.critical ||
    b.counts.high - a.counts.high ||
    b.counts.medium - a.counts.medium ||
    b.counts.low - a.counts.low ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

export interface RollupInput {
  runs: TenantRun[];
  people: CrossTenantPerson[];
  /** how many people cross tenants in all, when `people` holds only the first of them */
  peopleTotal?: number;
  leavers: LeaverElsewhere[];
  failOn: FailOn;
  now: Date;
  toolVersion: string;
  notes?: string[];
}

export function buildFleetReport(input: RollupInput): FleetReport {
  const tenants = [...input.runs].sort(worstFirst);
  const totals: FleetTotals = {
    tenants: tenants.length,
    errored: tenants.filter((t) => t.status === 'error').length,
    findings: 0,
    exempted: 0,
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    users: 0,
  };
  for (const t of tenants) {
    for (const key of ['findings', 'exempted', 'critical', 'high', 'medium', 'low', 'users'] as const)
      totals[key] += t.counts[key];
  }
  const notes = [...(input.notes ?? [])];
  const redactedTenants = tenants.filter((t) => t.redacted).map((t) => t.name);
  if (redactedTenants.length > 0) {
    notes.push(
      `${redactedTenants.length} tenant report${redactedTenants.length === 1 ? ' is' : 's are'} redacted (${listNames(redactedTenants)}): masked emails cannot be matched, so ${redactedTenants.length === 1 ? 'its' : 'their'} people are left out of the cross-tenant view. Audit the tenants with \`redact: false\` and keep their artifacts private to include them.`,
    );
  }
  const fromFindings = tenants.filter((t) => t.people === 'findings').map((t) => t.name);
  if (fromFindings.length > 0) {
    notes.push(
      `${fromFindings.length} tenant${fromFindings.length === 1 ? '' : 's'} gave a JSON report without an evidence pack (${listNames(fromFindings)}): only accounts with findings are compared there. Upload each tenant's \`evidence\` pack to compare everyone (locked and deactivated accounts included).`,
    );
  }
  const failing = (severity: Severity) =>
    severityAtOrAbove(severity, input.failOn) &&
    (tenants.some((t) => t.counts[severity] > 0) || input.leavers.some((f) => f.severity === severity));
  const status: FleetReport['status'] =
    totals.errored > 0 ? 'error' : SEVERITIES.some(failing) ? 'fail' : 'pass';
  return {
    version: 1,
    tool: { name: 'servicetitan-access-guard', version: input.toolVersion },
    mode: 'fleet-report',
    generatedAt: input.now.toISOString(),
    status,
    failOn: input.failOn,
    redacted: false,
    totals,
    tenants,
    findings: input.leavers,
    people: input.people.slice(0, MAX_PEOPLE),
    peopleTotal: Math.max(input.peopleTotal ?? 0, input.people.length),
    notes,
  };
}

function listNames(names: string[]): string {
  return names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
}

/** The fleet report with every name and email masked (`redact`), as every channel of the tool does. */
export function redactFleetReport(report: FleetReport): FleetReport {
  return withoutPersonalData('fleet report', () => {
    const email = (e: string | null) => (e === null ? null : maskEmail(e));
    const name = (n: string | null) => (n === null ? null : maskName(n));
    const text = (t: string) => replaceEmails(t, maskEmail);
    return {
      ...report,
      redacted: true,
      tenants: report.tenants.map((t) => ({
        ...t,
        errors: t.errors.map((e) => ({ ...e, message: text(e.message) })),
      })),
      findings: report.findings.map((f) => ({
        ...f,
        message: text(f.message),
        person: { ...f.person, email: email(f.person.email), name: name(f.person.name) },
      })),
      people: report.people.map((p) => ({
        ...p,
        key: p.email !== null ? `email:${maskEmail(p.email)}` : p.key,
        email: email(p.email),
        name: name(p.name),
      })),
    };
  });
}

/** `fleet-report.json`: two-space indented, with a trailing newline. */
export function renderFleetJson(report: FleetReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** Per severity, the fleet's total on each history line (the trend chart's data), oldest first. */
export function trendSeries(lines: readonly HistoryLine[]): { at: number[] } & Record<Severity, number[]> {
  const sorted = [...lines].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const series = {
    at: [] as number[],
    critical: [] as number[],
    high: [] as number[],
    medium: [] as number[],
    low: [] as number[],
  };
  for (const line of sorted) {
    series.at.push(Math.floor(Date.parse(line.at) / 1000));
    for (const severity of SEVERITIES) {
      let sum = 0;
      for (const counts of Object.values(line.tenants)) sum += counts[severity];
      series[severity].push(sum);
    }
  }
  return series;
}
