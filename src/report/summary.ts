/**
 * The job summary (GitHub-flavoured Markdown), always written. GitHub rejects step summaries over
 * 1 MiB, so past a byte budget the summary is cut at a piece boundary (see summary-sections.ts)
 * and ends with a note pointing at the JSON report.
 */
import type { Report } from './model.js';
import * as section from './summary-sections.js';
import { inlineMarkdown as md } from './text.js';

export interface SummaryOptions {
  /** default 900,000 bytes, under GitHub's 1 MiB */
  budgetBytes?: number;
  /** where the JSON report was written, for the truncation note and the footer */
  reportPath?: string;
  /** a link to the policy file (e.g. on GitHub) */
  policyUrl?: string;
}

const DEFAULT_BUDGET = 900_000;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Only https links, with the characters that could end a Markdown link percent-encoded. */
function safeUrl(url: string): string | null {
  if (!/^https:\/\/[^\s]+$/.test(url)) return null;
  return url.replace(
    /[()<>"'`\\[\]|]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function footer(report: Report, opts: SummaryOptions): section.Piece[] {
  const lines: string[] = [];
  const url = opts.policyUrl ? safeUrl(opts.policyUrl) : null;
  if (url) lines.push(`Policy: [${md(report.policy.path, 120)}](${url})`);
  if (opts.reportPath) lines.push(`Full report: ${md(opts.reportPath, 200)}`);
  lines.push(
    `servicetitan-access-guard ${md(report.tool.version, 40)} · finished ${md(report.finishedAt, 40)}`,
  );
  return [`\n---\n\n${lines.join('<br>\n')}\n`];
}

function truncationNote(opts: SummaryOptions): string {
  const where = opts.reportPath ? `the JSON report (${md(opts.reportPath, 200)})` : 'the JSON report';
  return `\n---\n\n> **This summary was cut short** to stay under GitHub’s size limit. Everything is in ${where}.\n`;
}

export function renderSummary(report: Report, opts: SummaryOptions = {}): string {
  const budget = opts.budgetBytes ?? DEFAULT_BUDGET;
  const pieces = [
    ...section.headline(report),
    ...section.errors(report),
    ...section.comparison(report),
    ...section.findingsBySeverity(report),
    ...section.plan(report),
    ...section.manualSteps(report),
    ...section.exempted(report),
    ...section.expiringSoon(report),
    ...section.discovery(report),
    ...footer(report, opts),
  ];
  const whole = pieces.join('');
  if (bytes(whole) <= budget) return whole;

  const note = truncationNote(opts);
  let room = budget - bytes(note);
  let out = '';
  for (const piece of pieces) {
    const size = bytes(piece);
    if (size > room) break;
    out += piece;
    room -= size;
  }
  return (out + note).replace(/^\n+/, '');
}
