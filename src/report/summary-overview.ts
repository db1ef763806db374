/**
 * The opening of a long job summary: a Mermaid chart of the open findings by rule and severity
 * (GitHub renders Mermaid in job summaries) and a rollup table by rule, so a reader sees where
 * the findings are before the tables of them.
 */
import { compareSeverity, severityRank } from '../domain/severity.js';
import type { Severity } from '../policy/types.js';
import { isExempt, isRemediated } from './build.js';
import type { Report } from './model.js';
import { plural, table, type Piece } from './summary-sections.js';
import { inlineMarkdown as md } from './text.js';

/** From this many findings on, the summary opens with a chart and a rollup by rule. */
export const OVERVIEW_FROM = 6;
/** Rules in the chart before the rest are one slice. */
const CHART_SLICES = 8;

interface RuleTally {
  rule: string;
  severity: Severity;
  open: number;
  exempted: number;
  fixed: number;
}

function tallyByRule(report: Report): RuleTally[] {
  const tallies = new Map<string, RuleTally>();
  for (const f of report.findings) {
    const t = tallies.get(f.rule) ?? { rule: f.rule, severity: f.severity, open: 0, exempted: 0, fixed: 0 };
    if (severityRank(f.severity) < severityRank(t.severity)) t.severity = f.severity;
    if (isExempt(f)) t.exempted++;
    else if (isRemediated(f)) t.fixed++;
    else t.open++;
    tallies.set(f.rule, t);
  }
  return [...tallies.values()].sort(
    (a, b) => compareSeverity(a.severity, b.severity) || b.open - a.open || a.rule.localeCompare(b.rule),
  );
}

/**
 * Mermaid takes labels in double quotes and reads `#`, `%%`, `;` and line breaks as syntax: only
 * the characters a rule id may have (the policy's name pattern) and spaces pass, the rest become `_`.
 */
function chartLabel(s: string): string {
  return Array.from(s.replace(/[^A-Za-z0-9 ._-]/g, '_'))
    .slice(0, 60)
    .join('');
}

/** A pie of the open findings by rule, most severe first, each slice named with its severity. */
function chart(tallies: RuleTally[]): Piece[] {
  const open = tallies.filter((t) => t.open > 0);
  if (open.length === 0) return [];
  const shown = open.slice(0, CHART_SLICES);
  const rest = open.slice(CHART_SLICES).reduce((sum, t) => sum + t.open, 0);
  const slices = [
    ...shown.map((t) => `    "${chartLabel(t.rule)} (${t.severity})" : ${t.open}`),
    ...(rest > 0 ? [`    "${open.length - CHART_SLICES} more rules" : ${rest}`] : []),
  ];
  return [
    '\n```mermaid\npie showData\n    title Open findings by rule and severity\n' +
      slices.join('\n') +
      '\n```\n',
  ];
}

/** For long summaries: a chart and a table of findings per rule, before the detail. */
export function overview(report: Report): Piece[] {
  if (report.findings.length < OVERVIEW_FROM) return [];
  const tallies = tallyByRule(report);
  const anyFixed = tallies.some((t) => t.fixed > 0);
  return [
    ...chart(tallies),
    ...table(
      `### Findings by rule (${tallies.length} rules)`,
      [],
      ['Rule', 'Severity', 'Open', 'Exempted', ...(anyFixed ? ['Fixed by this run'] : [])],
      tallies.map((t) => [
        md(t.rule, 80),
        t.severity,
        String(t.open),
        String(t.exempted),
        ...(anyFixed ? [String(t.fixed)] : []),
      ]),
      plural(tallies.length, 'rule'),
    ),
  ];
}
