/**
 * The access review of a `mode: review` run (SPEC §9), for the job summary and the console: the
 * campaign's progress per issue and, once closed, what was kept, revoked and left undecided.
 * Pure functions of the report; names come masked when the report is.
 */
import type { Report, ReviewSection } from './model.js';
import { inlineMarkdown as md, inlinePlain } from './text.js';

function headline(review: ReviewSection): string {
  if (!review.campaign) return 'No access review is open.';
  const state = review.closed ? 'closed' : `open, due ${review.due ?? '?'}`;
  return `Access review of ${review.campaign.slice(0, 10)} (${state}): ${review.decided} of ${review.accounts} decided — ${review.kept} kept, ${review.revoked} revoked, ${review.undecided} undecided.`;
}

export function renderReviewMarkdown(report: Report): string {
  const review = report.review;
  if (!review) return '';
  const lines = [`### ServiceTitan access review (${review.action})`, '', md(headline(review), 400), ''];
  if (review.rosterSha256) lines.push(`Frozen roster SHA-256: \`${review.rosterSha256}\``, '');
  if (review.issues.length > 0) {
    lines.push('| Issue | Reviewers | Decided | State |', '| --- | --- | --- | --- |');
    for (const issue of review.issues) {
      lines.push(
        `| [#${issue.number}](${issue.url}) | ${md(issue.reviewers.join(', '), 200)} | ${issue.decided} of ${issue.accounts} | ${issue.state} |`,
      );
    }
    lines.push('');
  }
  const revoked = review.attestations.filter((a) => a.decision === 'revoke');
  if (review.closed && revoked.length > 0) {
    lines.push(`**Revoked** (the report's plan; \`mode: apply\` with \`review-report\` carries it out):`, '');
    for (const a of revoked.slice(0, 50)) {
      lines.push(
        `- \`${a.key}\` ${md(a.name, 80)} — ${md(a.reason ?? '', 200)} (${md(a.reviewer ?? '', 40)})`,
      );
    }
    if (revoked.length > 50) lines.push(`- and ${revoked.length - 50} more in the report`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

export function renderReviewText(report: Report): string {
  const review = report.review;
  if (!review) return '';
  const lines = [inlinePlain(headline(review), 400)];
  if (review.rosterSha256) lines.push(`  frozen roster SHA-256 ${review.rosterSha256}`);
  for (const issue of review.issues) {
    lines.push(
      `  #${issue.number} ${inlinePlain(issue.reviewers.join(', '), 120)}: ${issue.decided} of ${issue.accounts} decided (${issue.state}) ${inlinePlain(issue.url, 200)}`,
    );
  }
  if (review.closed) {
    for (const a of review.attestations.filter((x) => x.decision === 'revoke')) {
      lines.push(`  revoke ${a.key} ${inlinePlain(a.name, 80)}: ${inlinePlain(a.reason ?? '', 160)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
