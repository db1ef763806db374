/**
 * The job summary (GitHub-flavoured Markdown), always written. A long one opens with a chart and a
 * rollup by rule and collapses its long tables. GitHub rejects step summaries over 1 MiB, so past
 * a byte budget the summary is cut at a piece boundary (see summary-sections.ts) and ends with a
 * note pointing at the JSON report.
 */
import type { Policy } from '../policy/types.js';
import type { Report } from './model.js';
import { overview } from './summary-overview.js';
import { identitySection, unmatchedAccounts } from './summary-identity.js';
import * as section from './summary-sections.js';
import { inlineMarkdown as md } from './text.js';
import { validateNotices } from './validated-only.js';

export interface SummaryOptions {
  /** default 900,000 bytes, under GitHub's 1 MiB */
  budgetBytes?: number;
  /** where the JSON report was written, for the truncation note and the footer */
  reportPath?: string;
  /** a link to the policy file (e.g. on GitHub) */
  policyUrl?: string;
  /** the tracking issue this run opened or updated, linked under the headline */
  issue?: { number: number; url: string } | null;
  /**
   * the policy, for its permission labels (a finding then says what a person calls the
   * permission) and, on a validate-only run, the exemptions to warn about
   */
  policy?: (Pick<Policy, 'permissions'> & Partial<Pick<Policy, 'exemptions'>>) | null;
  /** Markdown of what changed since the baseline evidence pack (already inert), placed before the footer */
  sinceLastReview?: string | null;
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

/** The diff's Markdown as pieces of whole lines, so the budget can cut it between rows. */
function sinceLastReview(markdown: string | null | undefined): section.Piece[] {
  if (!markdown?.trim()) return [];
  const lines = markdown.trim().split('\n');
  return lines.map((line, i) => (i === 0 ? `\n${line}\n` : `${line}\n`));
}

const opened = (s: string) => s.split('<details>').length - s.split('</details>').length;

export function renderSummary(report: Report, opts: SummaryOptions = {}): string {
  const budget = opts.budgetBytes ?? DEFAULT_BUDGET;
  const ctx = section.sectionContext(opts.policy);
  const issueUrl = opts.issue ? safeUrl(opts.issue.url) : null;
  const pieces = [
    ...section.headline(report, opts.issue && issueUrl ? { number: opts.issue.number, url: issueUrl } : null),
    ...section.exemptionNotices(report, validateNotices(report, opts.policy)),
    ...section.errors(report),
    ...section.comparison(report, ctx),
    ...overview(report),
    ...identitySection(report),
    ...section.findingsBySeverity(report, ctx),
    ...section.remediated(report, ctx),
    ...section.plan(report),
    ...section.manualSteps(report),
    ...section.exempted(report),
    ...section.expiringSoon(report),
    ...section.discovery(report),
    ...unmatchedAccounts(report),
    ...sinceLastReview(opts.sinceLastReview),
    ...footer(report, opts),
  ];
  const whole = pieces.join('');
  if (bytes(whole) <= budget) return whole;

  // a cut inside a collapsed table closes its <details>, so the note stays visible
  const note = truncationNote(opts);
  let room = budget - bytes(note) - bytes(section.DETAILS_CLOSE);
  let out = '';
  for (const piece of pieces) {
    const size = bytes(piece);
    if (size > room) break;
    out += piece;
    room -= size;
  }
  const close = opened(out) > 0 ? section.DETAILS_CLOSE : '';
  return (out + close + note).replace(/^\n+/, '');
}
