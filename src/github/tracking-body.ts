/**
 * What the tracking issue says: its body (the current findings, replaced in place each run) and
 * the comments written only when the set of open findings changes. The body carries two hidden
 * markers: which tenant and policy the issue tracks, and which findings were open, so the next
 * run can tell new from resolved without any other storage.
 */
import { createHash } from 'node:crypto';
import { isOpen } from '../report/build.js';
import type { Finding } from '../engine/types.js';
import type { Report } from '../report/model.js';
import { inlineMarkdown as md } from '../report/text.js';
import { markerValue } from './context.js';
import { assemble, findingLine, findingTable } from './markdown.js';

const TABLE_LIMIT = 100;
const LIST_LIMIT = 50;

export function trackingMarker(tenant: string | null, policyPath: string): string {
  return `<!-- servicetitan-access-guard:tracking tenant=${markerValue(tenant ?? 'none')} policy=${markerValue(policyPath)} -->`;
}

const FINDINGS_MARKER = /<!-- servicetitan-access-guard:findings ([^\n]*?) -->/;
const DIGEST_MARKER = /<!-- servicetitan-access-guard:findings-digest count=(\d+) sha256=([0-9a-f]{64}) -->/;

/** Room for the remembered findings, so a tenant with thousands of findings still leaves room for the table. */
const MEMORY_LIMIT = 20_000;

/** A finding as remembered in the body: its id, rule and the user's record (ids only, no names). */
export interface TrackedFinding {
  id: string;
  rule: string;
  subject: string;
}

export function tracked(f: Finding): TrackedFinding {
  return { id: f.id, rule: f.rule, subject: f.user ? `${f.user.kind} ${f.user.id}` : 'tenant' };
}

/** What the previous run left open: always how many and a digest of their ids; the list when it fitted. */
export interface TrackedState {
  count: number;
  digest: string;
  findings: TrackedFinding[] | null;
}

export function findingsDigest(ids: readonly string[]): string {
  return createHash('sha256')
    .update([...ids].sort().join('\n'))
    .digest('hex');
}

function memoryMarkers(findings: readonly TrackedFinding[]): string {
  const digest = `<!-- servicetitan-access-guard:findings-digest count=${findings.length} sha256=${findingsDigest(findings.map((t) => t.id))} -->\n`;
  const full = findings.map((t) => [t.id, t.rule, t.subject].map(markerValue).join(':')).join(' ');
  const idsOnly = findings.map((t) => markerValue(t.id)).join(' ');
  // past the limit the ids alone, past that only the digest: the next run still knows whether anything changed
  const entries = full.length <= MEMORY_LIMIT ? full : idsOnly.length <= MEMORY_LIMIT ? idsOnly : null;
  return entries === null ? digest : `${digest}<!-- servicetitan-access-guard:findings ${entries} -->\n`;
}

/** What the previous run left open, or null when the body does not say (edited by hand, or older). */
export function trackedState(body: string): TrackedState | null {
  const listed = trackedFindings(body);
  const digest = DIGEST_MARKER.exec(body);
  if (digest) return { count: Number(digest[1]), digest: digest[2]!, findings: listed };
  if (listed === null) return null;
  return { count: listed.length, digest: findingsDigest(listed.map((t) => t.id)), findings: listed };
}

/** The findings listed in the body, or null when it lists none. */
export function trackedFindings(body: string): TrackedFinding[] | null {
  const match = FINDINGS_MARKER.exec(body);
  if (!match) return null;
  return (match[1] ?? '')
    .split(' ')
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [id = '', rule = '', subject = ''] = entry.split(':').map(safeDecode);
      return { id, rule, subject };
    })
    .filter((t) => t.id !== '');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Exempt findings and those this run's apply fixed are not open: a fully fixed tenant closes the issue. */
export function openFindings(report: Report): Finding[] {
  return report.findings.filter(isOpen);
}

export function trackingTitle(report: Report): string {
  // Stable across runs: a changing title would add a timeline event every run.
  const tenant = report.tenant ? ` in tenant ${report.tenant}` : '';
  return `ServiceTitan access findings${tenant} (${report.policy.path})`.slice(0, 250);
}

function runLink(runUrl: string | undefined): string {
  return runUrl ? ` ([run](${runUrl}))` : '';
}

export function trackingBody(report: Report, policyPath: string, runUrl: string | undefined): string {
  const open = openFindings(report);
  const c = report.counts;
  const context = [
    report.tenant ? `Tenant ${md(report.tenant, 40)} (${report.environment})` : report.environment,
    `policy ${md(policyPath, 160)}`,
    `checked ${report.finishedAt.slice(0, 16).replace('T', ' ')} UTC${runLink(runUrl)}`,
  ].join(' · ');
  const pieces = [
    `${trackingMarker(report.tenant, policyPath)}\n`,
    memoryMarkers(open.map(tracked)),
    `## ServiceTitan access findings\n\n${context}\n\n`,
  ];
  if (open.length === 0) {
    pieces.push(`No open findings. ${c.exempted} exempted; ${c.users} users audited.\n`);
  } else {
    pieces.push(
      `**${open.length} open finding${open.length === 1 ? '' : 's'}** (${c.critical} critical, ${c.high} high, ` +
        `${c.medium} medium, ${c.low} low) · ${c.exempted} exempted · ${c.users} users audited\n\n`,
      ...findingTable(open, TABLE_LIMIT),
    );
  }
  if (report.redacted) pieces.push('\nNames and emails are masked.\n');
  pieces.push(
    '\n---\nThis issue is kept up to date by servicetitan-access-guard: its text is replaced on every audit, ' +
      'a comment is added only when findings appear or go away, and it is closed when none are left. ' +
      'To accept a finding, add an exemption (reason, approver, expiry) to the policy file.\n',
  );
  return assemble(pieces);
}

export interface FindingChanges {
  added: Finding[];
  resolved: TrackedFinding[];
  /** set when the previous list was too long to remember: only the counts are known */
  countsOnly?: { before: number; now: number };
}

/** null when the set of open findings is the same as the previous run's */
export function findingChanges(
  open: readonly Finding[],
  previous: TrackedState | null,
): FindingChanges | null {
  const ids = open.map((f) => f.id);
  if (previous && previous.digest === findingsDigest(ids)) return null;
  if (previous && previous.findings === null) {
    return { added: [], resolved: [], countsOnly: { before: previous.count, now: open.length } };
  }
  const before = new Set((previous?.findings ?? []).map((t) => t.id));
  const now = new Set(ids);
  return {
    added: open.filter((f) => !before.has(f.id)),
    resolved: (previous?.findings ?? []).filter((t) => !now.has(t.id)),
  };
}

function bullets<T>(items: readonly T[], render: (item: T) => string): string[] {
  const lines = items.slice(0, LIST_LIMIT).map((item) => `- ${render(item)}\n`);
  if (items.length > LIST_LIMIT) lines.push(`- and ${items.length - LIST_LIMIT} more\n`);
  return lines;
}

function resolvedLine(t: TrackedFinding): string {
  return `${md(t.rule || 'finding', 80)} · ${md(t.subject || 'unknown', 40)} (id ${md(t.id, 40)})`;
}

/** The comment for a run whose set of open findings differs from the last one. */
export function changeComment(
  changes: FindingChanges,
  reopened: boolean,
  runUrl: string | undefined,
): string {
  const { added, resolved, countsOnly } = changes;
  const head = reopened
    ? `Findings are back${runLink(runUrl)}: reopening.`
    : countsOnly
      ? `Findings changed${runLink(runUrl)}: ${countsOnly.now} open, ${countsOnly.before} before.`
      : `Findings changed${runLink(runUrl)}: ${added.length} new, ${resolved.length} resolved.`;
  const pieces = [`${head}\n`];
  if (added.length > 0) pieces.push(`\n**New**\n\n`, ...bullets(added, findingLine));
  if (resolved.length > 0) pieces.push(`\n**Resolved**\n\n`, ...bullets(resolved, resolvedLine));
  return assemble(pieces);
}

export function closingComment(report: Report, runUrl: string | undefined): string {
  const exempted = report.counts.exempted;
  return (
    `No open findings${runLink(runUrl)}` +
    `${exempted > 0 ? ` (${exempted} exempted)` : ''}: closing. ` +
    'This issue reopens if findings come back.\n'
  );
}
