/**
 * Campaigns as the issues record them: the issues of one campaign share its start time and
 * roster hash. A campaign is open while any of its issues is; it is complete when every group it
 * was started with has its issue; it is intact when the accounts of its issues still hash to the
 * hash every issue states (a hand-edited block, or an issue missing, would change the roster
 * under review).
 */
import { ConfigurationError } from '../errors.js';
import type { ReviewsPolicy } from '../policy/types.js';
import { rosterHash } from './scope.js';
import type { CampaignIssue, IssueHeader } from './types.js';

export interface Campaign {
  id: string;
  hash: string;
  issues: CampaignIssue[];
  /** the groups it was started with */
  groups: number[];
  due: string;
  open: boolean;
}

/** The campaigns among the issues, oldest first. */
export function campaignsOf(issues: readonly CampaignIssue[]): Campaign[] {
  const byId = new Map<string, CampaignIssue[]>();
  for (const issue of issues) {
    const id = `${issue.header.campaign}|${issue.header.hash}`;
    byId.set(id, [...(byId.get(id) ?? []), issue]);
  }
  return [...byId.values()]
    .map((list): Campaign => {
      const first = list[0]!;
      return {
        id: first.header.campaign,
        hash: first.header.hash,
        issues: [...list].sort((a, b) => a.header.group - b.header.group || a.number - b.number),
        groups: first.header.groups,
        due: first.header.due,
        open: list.some((i) => i.state === 'open'),
      };
    })
    .sort((a, b) => Date.parse(a.id) - Date.parse(b.id));
}

export function missingGroups(campaign: Campaign): number[] {
  return campaign.groups.filter((g) => !campaign.issues.some((i) => i.header.group === g));
}

/** Throws unless the campaign has every issue it was started with and its roster is unchanged. */
export function checkIntact(campaign: Campaign): void {
  const missing = missingGroups(campaign);
  if (missing.length > 0) {
    throw new ConfigurationError(
      'review.incomplete-campaign',
      `The review started ${campaign.id} has no issue for reviewer group${missing.length === 1 ? '' : 's'} ${missing.map((g) => g + 1).join(', ')}: its start did not finish.`,
      'Run `review: start` again: it opens the missing issues when the tenant has not changed since, and says what to do otherwise.',
    );
  }
  const duplicates = campaign.issues.filter((issue, i, all) =>
    all.some((other, j) => j < i && other.header.group === issue.header.group),
  );
  const accounts = campaign.issues.filter((i) => !duplicates.includes(i)).flatMap((i) => i.accounts);
  const hash = rosterHash(accounts);
  if (duplicates.length > 0 || hash !== campaign.hash) {
    throw new ConfigurationError(
      'review.roster-mismatch',
      `The accounts in the issues of the review started ${campaign.id} (${campaign.issues.map((i) => `#${i.number}`).join(', ')}) no longer match the frozen roster's SHA-256 ${campaign.hash}` +
        `${duplicates.length > 0 ? `: ${duplicates.map((i) => `#${i.number}`).join(', ')} repeat${duplicates.length === 1 ? 's' : ''} a group` : ' (an issue body was edited)'}, so its decisions cannot be attested to.`,
      'Restore the issue bodies from their history (the issue\'s "edited" menu), or close these issues and start a new review.',
    );
  }
}

/**
 * Who decides in an issue: the policy's group of that index. When the policy's group no longer
 * names the logins the issue was opened with, the policy wins (it is reviewed in pull requests;
 * an issue body is not) and the caller says so.
 */
export function groupReviewers(
  reviews: ReviewsPolicy,
  header: IssueHeader,
): { logins: string[]; changed: boolean } {
  const group = reviews.reviewers[header.group];
  if (!group) return { logins: header.reviewers, changed: false };
  const lower = (list: readonly string[]) =>
    [...list]
      .map((l) => l.toLowerCase())
      .sort()
      .join(',');
  return { logins: group.github, changed: lower(group.github) !== lower(header.reviewers) };
}
