/**
 * The action's GitHub channels, wired in one place: the base policy on pull requests (for the
 * impact), the sticky impact comment, and the tracking issue. Loaded only when one is used, so
 * runs without them never load Octokit.
 */
import type { Logger } from '../logger.js';
import type { PipelineResult } from '../pipeline.js';
import type { Settings } from '../settings.js';
import { fetchBasePolicy } from './base-policy.js';
import { gitHubContext, type GitHubContext } from './context.js';
import {
  renderImpactComment,
  renderImpactMarkdown,
  upsertImpactComment,
  type ImpactOptions,
} from './pr-comment.js';
import type { TrackedState } from './tracking-body.js';
import { syncTrackingIssue } from './tracking-issue.js';

export function contextFor(settings: Settings, env: NodeJS.ProcessEnv = process.env): GitHubContext | null {
  return gitHubContext(env, settings.githubToken, settings.event.payload);
}

/** The base branch's policy, for the policy impact; null (with a warning) when it cannot be read. */
export async function basePolicyReader(
  settings: Settings,
  logger: Logger,
): Promise<{ text: string; path: string } | null> {
  const ctx = contextFor(settings);
  if (!ctx) {
    logger.warning(
      'No github-token: the base branch policy cannot be read, so the policy impact is not shown.',
    );
    return null;
  }
  const base = await fetchBasePolicy(ctx, settings.policyPath, logger);
  return base ? { text: base.text, path: base.path } : null;
}

export interface GitHubOutcome {
  issueNumber: number | null;
  /** the tracking issue's address, for the job summary */
  issueUrl: string | null;
  /** Markdown for the job summary: the policy impact on a pull request */
  impactMarkdown: string | null;
  /**
   * What the tracking issue remembered open before this run (alerts compare with it): null when
   * its body did not say; absent when the issue was not reached.
   */
  trackedBefore?: TrackedState | null;
}

export async function publishToGitHub(
  settings: Settings,
  result: PipelineResult,
  logger: Logger,
): Promise<GitHubOutcome> {
  const outcome: GitHubOutcome = { issueNumber: null, issueUrl: null, impactMarkdown: null };
  const ctx = contextFor(settings);
  const { report } = result;

  if (settings.event.isPullRequest && result.baseline && report.comparison) {
    const options: ImpactOptions = {
      policyPath: settings.policyPath,
      basePath: `base:${settings.policyPath}`,
      baseFindings: result.baseline.findings,
      basePolicy: result.baseline.policy,
      ...(result.policy ? { headPolicy: result.policy } : {}),
      snapshot: result.snapshot,
      ...(ctx?.runUrl ? { runUrl: ctx.runUrl } : {}),
    };
    outcome.impactMarkdown = renderImpactMarkdown(report, options);
    if (ctx) {
      await upsertImpactComment(ctx, renderImpactComment(report, options), {
        policyPath: settings.policyPath,
        logger,
      });
    }
  }

  if (settings.issue) {
    if (!ctx) {
      logger.warning(
        '`issue: true` needs a github-token and GITHUB_REPOSITORY; the tracking issue was not updated.',
      );
    } else if (settings.event.isPullRequest) {
      logger.info('The tracking issue follows scheduled and manual runs, not pull requests; left as it is.');
    } else {
      const tracked = await syncTrackingIssue(ctx, report, {
        policyPath: settings.policyPath,
        labels: settings.issueLabels,
        logger,
        onPrevious: (state) => void (outcome.trackedBefore = state),
      });
      outcome.issueNumber = tracked.number;
      if (tracked.number !== null) {
        outcome.issueUrl = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/issues/${tracked.number}`;
      }
      if (tracked.number !== null) logger.info(`Tracking issue #${tracked.number}: ${tracked.action}`);
    }
  }
  return outcome;
}
