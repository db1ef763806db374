/**
 * One tracking issue per tenant and policy file (`issue: true`): created when there are open
 * findings, its body replaced in place every run, reopened when findings come back, closed when
 * clean. It is found by listing (label, creator) and matching the hidden marker, because GitHub's
 * issue search lags seconds behind writes and a run right after another would open a duplicate.
 * It stays quiet: a comment only when the set of open findings changes, and no @mentions.
 */
import type { Logger } from '../logger.js';
import type { Report } from '../report/model.js';
import { describeFailure, gitHubClient, statusOf, type GitHubClient, type GitHubContext } from './context.js';
import {
  changeComment,
  closingComment,
  findingChanges,
  findingsDigest,
  openFindings,
  trackedState,
  trackingBody,
  trackingMarker,
  trackingTitle,
  type TrackedState,
} from './tracking-body.js';

export const DEFAULT_TRACKING_LABELS = ['servicetitan-access'];

export interface TrackingResult {
  number: number | null;
  action: 'created' | 'updated' | 'reopened' | 'closed' | 'unchanged' | 'none';
}

export interface TrackingOptions {
  policyPath: string;
  /** default ['servicetitan-access'] */
  labels?: string[];
  logger: Logger;
  /** the login the token acts as, when known; otherwise asked of `GET /user` (a PAT answers, the workflow token does not) */
  creator?: string;
  /**
   * Told what the issue remembered open before this run updated it (alerts compare with it):
   * nothing when there was no issue or it was closed, null when its body does not say. Not called
   * when the issue was not reached.
   */
  onPrevious?: (state: TrackedState | null) => void;
}

interface ExistingIssue {
  number: number;
  state: string;
  body: string;
}

/** `report` is already redacted when it should be; nothing here adds a name back. */
export async function syncTrackingIssue(
  ctx: GitHubContext,
  report: Report,
  opts: TrackingOptions,
): Promise<TrackingResult> {
  const { logger } = opts;
  if (report.status === 'error' || (report.mode !== 'audit' && report.mode !== 'apply')) {
    // An audit that did not complete has no findings to trust: closing the issue would lie.
    logger.info('Tracking issue left as it is: this run did not complete an audit.');
    return { number: null, action: 'none' };
  }
  const labels = opts.labels?.length ? opts.labels : DEFAULT_TRACKING_LABELS;
  const octokit = gitHubClient(ctx, logger);
  try {
    const result = await sync(octokit, ctx, report, { ...opts, labels });
    logger.info(
      result.number === null
        ? 'No tracking issue: no open findings.'
        : `Tracking issue #${result.number}: ${result.action}.`,
    );
    return result;
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) {
      logger.warning(
        `Could not update the tracking issue (${describeFailure(error)}): the token cannot write issues in ` +
          `${ctx.owner}/${ctx.repo}. Add \`permissions: issues: write\` to the job (or set \`issue: false\`).`,
      );
    } else if (status === 410) {
      logger.warning('Could not update the tracking issue: issues are disabled in this repository.');
    } else {
      logger.warning(`Could not update the tracking issue: ${describeFailure(error)}. The run goes on.`);
    }
    return { number: null, action: 'none' };
  }
}

async function sync(
  octokit: GitHubClient,
  ctx: GitHubContext,
  report: Report,
  opts: TrackingOptions & { labels: string[] },
): Promise<TrackingResult> {
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const open = openFindings(report);
  const body = trackingBody(report, opts.policyPath, ctx.runUrl);
  const existing = await findTrackingIssue(octokit, ctx, report.tenant, opts);
  const nothingOpen: TrackedState = { count: 0, digest: findingsDigest([]), findings: [] };

  if (!existing) {
    opts.onPrevious?.(nothingOpen);
    if (open.length === 0) return { number: null, action: 'none' };
    await ensureLabels(octokit, ctx, opts.labels);
    const { data } = await octokit.rest.issues.create({
      ...repo,
      title: trackingTitle(report),
      body,
      labels: opts.labels,
    });
    return { number: data.number, action: 'created' };
  }

  const issue = { ...repo, issue_number: existing.number };
  const wasOpen = existing.state === 'open';
  const before = wasOpen ? trackedState(existing.body) : nothingOpen;
  opts.onPrevious?.(before);
  const result = (action: TrackingResult['action']): TrackingResult => ({ number: existing.number, action });
  if (open.length === 0) {
    if (!wasOpen) return result('unchanged');
    await octokit.rest.issues.update({ ...issue, body });
    await octokit.rest.issues.createComment({ ...issue, body: closingComment(report, ctx.runUrl) });
    await octokit.rest.issues.update({ ...issue, state: 'closed', state_reason: 'completed' });
    return result('closed');
  }

  // A closed issue remembers no open findings, so everything open now is new on reopening.
  if (!wasOpen) {
    await octokit.rest.issues.update({ ...issue, body, state: 'open' });
    const comment = changeComment({ added: open, resolved: [] }, true, ctx.runUrl);
    await octokit.rest.issues.createComment({ ...issue, body: comment });
    return result('reopened');
  }
  if (existing.body === body) return result('unchanged');
  // A body without the remembered findings (edited by hand) gives no baseline: no comment, rather than a false alarm.
  const changes = before ? findingChanges(open, before) : null;
  await octokit.rest.issues.update({ ...issue, body });
  if (changes) {
    await octokit.rest.issues.createComment({ ...issue, body: changeComment(changes, false, ctx.runUrl) });
  }
  return result('updated');
}

async function findTrackingIssue(
  octokit: GitHubClient,
  ctx: GitHubContext,
  tenant: string | null,
  opts: TrackingOptions & { labels: string[] },
): Promise<ExistingIssue | null> {
  const marker = trackingMarker(tenant, opts.policyPath);
  const creator = opts.creator ?? (await tokenLogin(octokit, opts.logger));
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
    owner: ctx.owner,
    repo: ctx.repo,
    // the first label only: an issue someone later gave more labels to is still ours
    labels: opts.labels[0],
    state: 'all',
    per_page: 100,
    ...(creator ? { creator } : {}),
  });
  const ours = issues
    .filter((i) => !i.pull_request && (i.body ?? '').includes(marker))
    .sort((a, b) => a.number - b.number);
  // Should duplicates ever exist, keep to the oldest open one so the others stay untouched.
  const chosen = ours.find((i) => i.state === 'open') ?? ours[0];
  return chosen ? { number: chosen.number, state: chosen.state, body: chosen.body ?? '' } : null;
}

async function tokenLogin(octokit: GitHubClient, logger: Logger): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    // The workflow token cannot read /user; the label and the marker are enough to find the issue.
    logger.debug(`Token user unknown (${describeFailure(error)}); listing tracking issues by label only.`);
    return undefined;
  }
}

async function ensureLabels(octokit: GitHubClient, ctx: GitHubContext, labels: string[]): Promise<void> {
  for (const name of labels) {
    try {
      await octokit.rest.issues.createLabel({
        owner: ctx.owner,
        repo: ctx.repo,
        name,
        color: 'b60205',
        description: 'ServiceTitan access findings',
      });
    } catch (error) {
      if (statusOf(error) !== 422) throw error; // 422: it already exists
    }
  }
}
