/**
 * The policy impact as people read it: each finding the change adds, resolves or exempts, with
 * who and what, rather than the bare ids the JSON report keeps. Raw text; each renderer makes it
 * safe for its channel.
 */
import type { Finding, FindingExemption } from '../engine/types.js';
import type { Comparison, Report } from './model.js';

export type Change = 'added' | 'resolved' | 'exempted';

export interface ComparedFinding {
  change: Change;
  id: string;
  /** the finding (resolved: as the base policy found it), or null when the report does not hold it */
  finding: Finding | null;
}

/** Added and exempted findings are the report's own; resolved ones come with the comparison. */
export function comparedFindings(report: Report): ComparedFinding[] {
  const cmp = report.comparison;
  if (!cmp) return [];
  const head = new Map(report.findings.map((f) => [f.id, f]));
  const base = new Map((cmp.resolvedFindings ?? []).map((f) => [f.id, f]));
  const entry = (change: Change, from: Map<string, Finding>) => (id: string) => ({
    change,
    id,
    finding: from.get(id) ?? null,
  });
  return [
    ...cmp.added.map(entry('added', head)),
    ...cmp.resolved.map(entry('resolved', base)),
    ...(cmp.exempted ?? []).map(entry('exempted', head)),
  ];
}

/** `2 findings added, 1 resolved, 1 exempted` */
export function comparisonCounts(cmp: Comparison): string {
  const added = cmp.added.length;
  return (
    `${added} finding${added === 1 ? '' : 's'} added, ${cmp.resolved.length} resolved, ` +
    `${(cmp.exempted ?? []).length} exempted`
  );
}

/** How each change is called where people read it: an exemption is not a fix. */
export const CHANGE_LABEL: Record<Change, string> = {
  added: 'added',
  resolved: 'resolved',
  exempted: 'exempted by this change',
};

/** `until 2026-04-01, approved by security@acme.com: Integration partner (SEC-123)` */
export function exemptedText(e: FindingExemption): string {
  return `until ${e.expires}, approved by ${e.approvedBy}: ${e.reason}` + (e.ticket ? ` (${e.ticket})` : '');
}
