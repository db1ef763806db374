/**
 * The action's own sinks: workflow annotations, the job summary, the step outputs and how the step
 * fails. Everything else the action publishes goes through the shared channels.
 */
import * as core from '@actions/core';
import type { Logger } from '../logger.js';
import type { PipelineResult } from '../pipeline.js';
import type { Annotation } from '../report/annotations.js';
import type { Report } from '../report/model.js';
import { renderReviewMarkdown } from '../report/review.js';
import { renderSummary } from '../report/summary.js';
import { inlineMarkdown, neutraliseWorkflowCommands } from '../report/text.js';
import type { EntrySinks, Published } from './types.js';

function annotate(a: Annotation): void {
  const props: core.AnnotationProperties = {
    title: a.title,
    ...(a.file ? { file: a.file } : {}),
    ...(a.startLine ? { startLine: a.startLine } : {}),
    ...(a.startColumn ? { startColumn: a.startColumn } : {}),
  };
  const message = neutraliseWorkflowCommands(a.message);
  if (a.level === 'error') core.error(message, props);
  else if (a.level === 'warning') core.warning(message, props);
  else core.notice(message, props);
}

/** This workflow run's address, recorded in the evidence pack. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

/** The step outputs (action.yml): every one is set on every run, '' when it does not apply. */
function setOutputs(report: Report, published: Published): void {
  const c = report.counts;
  core.setOutput('status', report.status);
  core.setOutput('findings', c.findings);
  core.setOutput('exempted', c.exempted);
  core.setOutput('critical', c.critical);
  core.setOutput('high', c.high);
  core.setOutput('medium', c.medium);
  core.setOutput('low', c.low);
  core.setOutput('planned-changes', report.plan.filter((s) => s.status !== 'skipped').length);
  core.setOutput('applied-changes', report.plan.filter((s) => s.status === 'verified').length);
  core.setOutput('report', published.report ?? '');
  core.setOutput('sarif', published.sarif ?? '');
  core.setOutput('evidence', published.evidence?.path ?? '');
  core.setOutput('issue-number', published.github?.issueNumber ?? '');
  const review = report.review;
  core.setOutput('review-issues', review ? review.issues.map((i) => i.number).join(',') : '');
  core.setOutput('decided', review?.decided ?? '');
  core.setOutput('undecided', review?.undecided ?? '');
  core.setOutput('revoked', review?.revoked ?? '');
}

/** The job summary: channel failures first, then the notes, the policy impact and the report. */
async function writeSummary(result: PipelineResult, published: Published): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const github = published.github;
  const summary = renderSummary(result.report, {
    ...(published.report ? { reportPath: published.report } : {}),
    policy: result.policy,
    sinceLastReview: published.evidence?.outcome.sinceLastReview ?? null,
    issue:
      github?.issueNumber !== null && github?.issueNumber !== undefined && github.issueUrl
        ? { number: github.issueNumber, url: github.issueUrl }
        : null,
  });
  const warnings = published.failures.map((f) => `> ⚠️ ${inlineMarkdown(f, 2000)}\n\n`).join('');
  const notes = result.notes.map((n) => `> ${n}\n\n`).join('');
  const impact = github?.impactMarkdown ? `${github.impactMarkdown}\n\n` : '';
  const review = renderReviewMarkdown(result.report);
  await core.summary.addRaw(warnings + notes + impact + review + summary).write();
}

export function actionSinks(result: PipelineResult, logger: Logger): EntrySinks {
  const url = runUrl();
  return {
    entry: 'action',
    ...(url ? { runUrl: url } : {}),
    annotate,
    note: (text) => core.notice(text),
    evidenceWritten: (file, evidence) => {
      core.info(
        `Evidence pack written to ${file}${evidence.replacedEarlier ? ', replacing the earlier pack there' : ''}`,
      );
      if (evidence.signature) {
        core.info(
          `Evidence pack signed: ${evidence.signature.file}, key ${evidence.signature.publicKeyFingerprint}`,
        );
      }
    },
    failed: (message) => logger.error(message),
    finish: async (published) => {
      await writeSummary(result, published);
      setOutputs(result.report, published);
    },
  };
}

/** Why the step failed, in one line: the first error, the refusal, or the findings at fail-on. */
export function failureMessage(report: Report): string {
  if (report.status === 'error') {
    const first = report.errors[0];
    const more =
      report.errors.length > 1 ? ` (and ${report.errors.length - 1} more; see the job summary)` : '';
    return first
      ? `${first.message}${first.hint ? ` ${first.hint}` : ''} [${first.code}]${more}`
      : 'The run could not complete.';
  }
  if (report.refusals.length > 0 && (report.mode === 'apply' || report.mode === 'undo')) {
    const what = report.mode === 'apply' ? 'Apply' : 'Undo';
    return `${what} refused, nothing was changed: ${report.refusals.map((r) => r.message).join(' ')}`;
  }
  const c = report.counts;
  return `${c.findings} findings (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low) at or above fail-on \`${report.failOn}\`; see the job summary.`;
}

/** Fails the step when the run failed, or when a channel could not be published. */
export function concludeStep(result: PipelineResult, published: Published): void {
  if (result.exitCode !== 0) core.setFailed(neutraliseWorkflowCommands(failureMessage(result.report)));
  else if (published.failures.length > 0) {
    core.setFailed(neutraliseWorkflowCommands(published.failures.join(' ')));
  }
}
