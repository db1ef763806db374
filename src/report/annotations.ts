/**
 * Annotations on the policy file, so a PR shows problems inline. GitHub shows only a handful per
 * step, so findings are grouped: one annotation per rule at the rule's line, listing its findings.
 * Built-in findings point at different exemptions or mappings, so theirs are one per location.
 * Only open findings raise an error or a warning: a group whose findings are all exempt or fixed
 * by this run's apply is a notice.
 */
import type { PolicyIssue } from '../errors.js';
import type { Finding } from '../engine/types.js';
import { isExempt, isOpen, isRemediated, reachesFailOn } from './build.js';
import { holdings, personLabel, recordRef } from './describe.js';
import type { Report } from './model.js';
import { describeNotice } from '../engine/exemption-notices.js';
import type { Policy } from '../policy/types.js';
import { maskUserRef } from './redact.js';
import { validateNotices } from './validated-only.js';
import { inlinePlain } from './text.js';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** Findings listed in one annotation before "and N more". */
export const FINDINGS_PER_ANNOTATION = 20;

const LEVEL_ORDER: Record<Annotation['level'], number> = { error: 0, warning: 1, notice: 2 };

function findingLine(f: Finding): string {
  const who = f.user ? `${personLabel(f.user)} (${recordRef(f.user)}, ${f.user.audience})` : 'tenant';
  const state = isExempt(f)
    ? `[exempted until ${f.exemption!.expires}: ${f.exemption!.reason}]`
    : isRemediated(f)
      ? '[fixed by this run]'
      : '';
  return `- ${inlinePlain(who, 160)}: ${inlinePlain(holdings(f), 300)}${state ? ` ${inlinePlain(state, 200)}` : ''}`;
}

export function findingAnnotations(report: Report, policyPath: string): Annotation[] {
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = JSON.stringify([f.rule, f.location.file, f.location.line, f.location.column]);
    // appended in place: copying the group for each finding made 20,000 findings of one rule quadratic
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const annotations: Annotation[] = [];
  for (const findings of groups.values()) {
    const first = findings[0]!;
    const open = findings.filter(isOpen);
    const exempted = findings.filter(isExempt).length;
    const fixed = findings.filter(isRemediated).length;
    const level: Annotation['level'] =
      open.length === 0
        ? 'notice'
        : open.some((f) => reachesFailOn(f.severity, report.failOn))
          ? 'error'
          : 'warning';
    const severity = open[0]?.severity ?? first.severity;
    const counted = [
      `${open.length} finding${open.length === 1 ? '' : 's'}`,
      ...(fixed > 0 ? [`${fixed} fixed by this run`] : []),
      ...(exempted > 0 ? [`${exempted} exempted`] : []),
    ].join(', ');
    const lines = findings.slice(0, FINDINGS_PER_ANNOTATION).map(findingLine);
    if (findings.length > FINDINGS_PER_ANNOTATION)
      lines.push(`and ${findings.length - FINDINGS_PER_ANNOTATION} more`);
    annotations.push({
      level,
      title: inlinePlain(`${first.rule} (${severity}): ${counted}`, 200),
      message: lines.join('\n'),
      // a rule from a base policy (`extends`) is annotated in the base
      file: first.location.file ?? policyPath,
      startLine: Math.max(1, first.location.line),
      startColumn: Math.max(1, first.location.column),
    });
  }
  return annotations.sort(
    (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.startLine ?? 0) - (b.startLine ?? 0),
  );
}

export function policyIssueAnnotations(issues: PolicyIssue[]): Annotation[] {
  return issues.map((issue) => ({
    level: 'error',
    title: inlinePlain(issue.code, 100),
    message: inlinePlain(issue.hint ? `${issue.message} (${issue.hint})` : issue.message, 1000),
    file: issue.file,
    startLine: Math.max(1, issue.line),
    startColumn: Math.max(1, issue.column),
  }));
}

/**
 * A validate-only run's warnings at each exemption that has expired or soon will (an audit reports
 * the expired ones as findings instead). For the action to emit beside the policy's own issues.
 */
export function exemptionNoticeAnnotations(
  report: Report,
  policy: Partial<Pick<Policy, 'exemptions'>> | null | undefined,
  policyPath: string,
): Annotation[] {
  const user = (raw: string) => (report.redacted ? maskUserRef(raw) : raw);
  return validateNotices(report, policy).map((n) => ({
    level: 'warning',
    title: n.status === 'expired' ? 'Exemption expired' : 'Exemption expiring',
    message: inlinePlain(describeNotice(n, user), 1000),
    file: n.position.file ?? policyPath,
    startLine: Math.max(1, n.position.line),
    startColumn: Math.max(1, n.position.column),
  }));
}
