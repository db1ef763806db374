/**
 * Findings as GitHub Markdown for the tracking issue and the PR comment. Every string that comes
 * from ServiceTitan or the policy goes through `inlineMarkdown`, so names like `@everyone` or
 * `<img src=x>` stay inert text, and every list is bounded.
 */
import { compareSeverity } from '../domain/severity.js';
import type { Finding } from '../engine/types.js';
import { fixLabel, holdings, recordRef } from '../report/describe.js';
import { inlineMarkdown as md } from '../report/text.js';

/** GitHub refuses bodies over 65,536 characters; stay well under it. */
export const BODY_LIMIT = 60_000;

/** Most severe first, then by rule and id, so the order is the same on every run. */
export function bySeverity(a: Finding, b: Finding): number {
  return compareSeverity(a.severity, b.severity) || a.rule.localeCompare(b.rule) || a.id.localeCompare(b.id);
}

export function userCell(f: Finding): string {
  if (!f.user) return '_tenant_';
  const u = f.user;
  const contact = u.email ?? u.login;
  const facts = [recordRef(u), u.audience, u.active ? null : 'inactive', u.locked ? 'locked' : null];
  return [
    `**${md(u.name, 80)}**`,
    contact ? md(contact, 80) : null,
    md(facts.filter((x) => x !== null).join(' · '), 80),
  ]
    .filter((x) => x !== null)
    .join('<br>');
}

export function fixCell(f: Finding): string {
  const all = f.fix.steps ?? [];
  const steps = all.slice(0, 3).map((s) => md(s, 160));
  if (all.length > 3) steps.push(`and ${all.length - 3} more steps`);
  // lock, deactivate and set-role may come with steps a person takes besides the change
  if (f.fix.action !== 'manual') return [md(fixLabel(f.fix), 80), ...steps].join('<br>');
  return steps.length > 0 ? steps.join('<br>') : 'manual';
}

export const FINDING_HEADER = '| Severity | Rule | User | Holds | Fix |\n| --- | --- | --- | --- | --- |\n';

export function findingRow(f: Finding): string {
  return `| ${f.severity} | ${md(f.rule, 80)} | ${userCell(f)} | ${md(holdings(f), 300)} | ${fixCell(f)} |\n`;
}

/** `critical no-external-api-access · J*** R*** (employee 21)` for bullet lists */
export function findingLine(f: Finding): string {
  const who = f.user ? `${md(f.user.name, 80)} (${md(recordRef(f.user))})` : 'tenant';
  return `**${f.severity}** ${md(f.rule, 80)} · ${who}`;
}

/**
 * A table of at most `limit` rows; the rest are counted. Rows are whole lines, so a body cut
 * after any row stays valid Markdown.
 */
export function findingTable(findings: readonly Finding[], limit: number): string[] {
  if (findings.length === 0) return [];
  const rows = [...findings].sort(bySeverity).slice(0, limit).map(findingRow);
  const pieces = [FINDING_HEADER, ...rows];
  if (findings.length > limit) pieces.push(`\n_and ${findings.length - limit} more in the run's report_\n`);
  return pieces;
}

/**
 * Joins pieces until `limit` characters, then says what was left out. Each piece is whole lines,
 * so the cut never breaks a table row or a comment marker.
 */
export function assemble(pieces: readonly string[], limit = BODY_LIMIT): string {
  const note = '\n\n_The rest is cut to fit; the run’s report has everything._\n';
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > limit - note.length) return out + note;
    out += piece;
  }
  return out;
}
