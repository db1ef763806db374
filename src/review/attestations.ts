/**
 * `attestations.csv`: one row per frozen account with the decision that stood at the close, who
 * gave it, when and where. An account nobody decided is `undecided`, never kept.
 */
import { csvTable } from '../evidence/csv.js';
import type { ReviewAttestation } from '../report/model.js';
import type { Attestation, CampaignIssue } from './types.js';

export const ATTESTATIONS_HEADER = [
  'key',
  'user',
  'decision',
  'reason',
  'reviewer',
  'time',
  'comment_url',
  'roster_sha256',
  'issue',
  'why_in_scope',
] as const;

/** Every account of the campaign, by issue, with its standing decision or `undecided`. */
export function attestationRows(
  issues: readonly CampaignIssue[],
  decisions: ReadonlyMap<number, ReadonlyMap<string, Attestation>>,
): ReviewAttestation[] {
  return issues.flatMap((issue) =>
    issue.accounts.map((account): ReviewAttestation => {
      const standing = decisions.get(issue.number)?.get(account.key);
      return {
        key: account.key,
        name: account.name,
        email: account.email,
        decision: standing?.decision ?? 'undecided',
        reason: standing?.reason ?? null,
        reviewer: standing?.reviewer ?? null,
        at: standing?.at ?? null,
        commentUrl: standing?.commentUrl ?? null,
        issue: issue.number,
        why: account.why,
      };
    }),
  );
}

export function userLabel(row: { name: string; email: string | null }): string {
  return row.email ? `${row.name} <${row.email}>` : row.name;
}

export function attestationsCsv(rows: readonly ReviewAttestation[], hash: string): string {
  return csvTable(
    [...ATTESTATIONS_HEADER],
    rows.map((r) => [
      r.key,
      userLabel(r),
      r.decision,
      r.reason ?? '',
      r.reviewer ?? '',
      r.at ?? '',
      r.commentUrl ?? '',
      hash,
      r.issue,
      r.why,
    ]),
  );
}
