/**
 * The campaign's issues through GitHub's REST API (the project's Octokit client, with its
 * timeout and proxy support). Issues are found by listing the label, never by search, which lags
 * seconds behind writes. Comments are read in full on every run, page by page; `since` narrows
 * them to what may need a reply. A GitHub failure here is the run's failure: the review lives in
 * GitHub, and a rerun converges because nothing is kept anywhere else.
 */
import { RuntimeError } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  describeFailure,
  gitHubClient,
  statusOf,
  type GitHubClient,
  type GitHubContext,
} from '../github/context.js';
import { parseHeader, parseRosterBlock, REVIEW_LABEL } from './blocks.js';
import type { CampaignIssue, ReviewComment } from './types.js';

export interface UnreadableIssue {
  number: number;
  url: string;
}

function failed(what: string, error: unknown, ctx: GitHubContext): RuntimeError {
  const status = statusOf(error);
  const hint =
    status === 401
      ? 'The GitHub token was refused: give a valid `github-token` (or GITHUB_TOKEN on the command line).'
      : status === 403 || status === 404
        ? `The token cannot ${what.startsWith('read') ? 'read' : 'write'} issues in ${ctx.owner}/${ctx.repo}: add \`permissions: issues: write\` to the job, or use a token with access to the repository's issues.`
        : status === 410
          ? 'Issues are disabled in this repository: enable them (Settings > General > Features) to run reviews there.'
          : 'Run the same review step again: decisions are read from the comments each time, so nothing is lost or done twice.';
  return new RuntimeError(
    'review.github-failed',
    `GitHub: could not ${what} (${describeFailure(error)}).`,
    hint,
  );
}

export class ReviewIssues {
  readonly octokit: GitHubClient;
  private readonly repo: { owner: string; repo: string };

  constructor(
    readonly ctx: GitHubContext,
    private readonly logger: Logger,
  ) {
    this.octokit = gitHubClient(ctx, logger);
    this.repo = { owner: ctx.owner, repo: ctx.repo };
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw failed(what, error, this.ctx);
    }
  }

  /** Every issue of every campaign of this tenant and policy, oldest first; and those that cannot be read. */
  async campaignIssues(
    tenant: string,
    policy: string,
  ): Promise<{ issues: CampaignIssue[]; unreadable: UnreadableIssue[] }> {
    const listed = await this.call('read the review issues', () =>
      this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
        ...this.repo,
        labels: REVIEW_LABEL,
        state: 'all',
        per_page: 100,
      }),
    );
    const issues: CampaignIssue[] = [];
    const unreadable: UnreadableIssue[] = [];
    for (const item of listed) {
      if (item.pull_request) continue;
      const body = item.body ?? '';
      const header = parseHeader(body);
      if (!header) continue;
      if (header.tenant !== tenant || header.policy !== policy) continue;
      const accounts = parseRosterBlock(body);
      if (!accounts || accounts.some((a) => a.group !== header.group)) {
        unreadable.push({ number: item.number, url: item.html_url });
        continue;
      }
      issues.push({
        number: item.number,
        url: item.html_url,
        state: item.state === 'closed' ? 'closed' : 'open',
        author: item.user?.login ?? '',
        body,
        createdAt: item.created_at,
        header,
        accounts,
      });
    }
    issues.sort((a, b) => a.number - b.number);
    return { issues, unreadable };
  }

  /** Every comment of the issue (all pages), or those updated at or after `since`. */
  async comments(issue: number, since?: string): Promise<ReviewComment[]> {
    const listed = await this.call(`read the comments of #${issue}`, () =>
      this.octokit.paginate(this.octokit.rest.issues.listComments, {
        ...this.repo,
        issue_number: issue,
        per_page: 100,
        ...(since ? { since } : {}),
      }),
    );
    return listed.map((c) => ({
      id: c.id,
      body: c.body ?? '',
      author: c.user?.login ?? '',
      authorType: c.user?.type ?? 'User',
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      url: c.html_url,
    }));
  }

  async ensureLabel(): Promise<void> {
    try {
      await this.octokit.rest.issues.createLabel({
        ...this.repo,
        name: REVIEW_LABEL,
        color: '0e8a16',
        description: 'ServiceTitan access review',
      });
    } catch (error) {
      if (statusOf(error) !== 422) throw failed('create the review label', error, this.ctx); // 422: it exists
    }
  }

  async create(title: string, body: string): Promise<{ number: number; url: string; author: string }> {
    const { data } = await this.call('open a review issue', () =>
      this.octokit.rest.issues.create({ ...this.repo, title, body, labels: [REVIEW_LABEL] }),
    );
    return { number: data.number, url: data.html_url, author: data.user?.login ?? '' };
  }

  async updateBody(issue: number, body: string): Promise<void> {
    await this.call(`update the progress of #${issue}`, () =>
      this.octokit.rest.issues.update({ ...this.repo, issue_number: issue, body }),
    );
  }

  async comment(issue: number, body: string): Promise<void> {
    await this.call(`comment on #${issue}`, () =>
      this.octokit.rest.issues.createComment({ ...this.repo, issue_number: issue, body }),
    );
  }

  async close(issue: number): Promise<void> {
    await this.call(`close #${issue}`, () =>
      this.octokit.rest.issues.update({
        ...this.repo,
        issue_number: issue,
        state: 'closed',
        state_reason: 'completed',
      }),
    );
    this.logger.info(`Closed #${issue}.`);
  }
}
