/**
 * The action: read every input once, run the pipeline, publish through every channel
 * (report file, SARIF, job summary, annotations, outputs), and fail the step when it should.
 * One try/catch decides the step's fate.
 */
import * as core from '@actions/core';
import path from 'node:path';
import { GuardError } from './errors.js';
import { describeWriteFailure, writeFileAtomic } from './files.js';
import type { Logger } from './logger.js';
import { reportFile, runPipeline, type PipelineResult } from './pipeline.js';
import { readGitHubEvent } from './github/event.js';
import type { Report } from './report/model.js';
import { renderJson } from './report/json.js';
import { renderSummary } from './report/summary.js';
import {
  exemptionNoticeAnnotations,
  findingAnnotations,
  policyIssueAnnotations,
  type Annotation,
} from './report/annotations.js';
import { statusExitCode } from './report/build.js';
import { inlineMarkdown, neutraliseWorkflowCommands } from './report/text.js';
import { parseSettings, SECRET_INPUTS, type InputName, type InputSource, type Settings } from './settings.js';

function actionLogger(): Logger {
  let lastProgress = 0;
  return {
    debug: (m) => core.debug(neutraliseWorkflowCommands(m)),
    info: (m) => core.info(neutraliseWorkflowCommands(m)),
    warning: (m) => core.warning(neutraliseWorkflowCommands(m)),
    error: (m) => core.error(neutraliseWorkflowCommands(m)),
    group: (name, fn) => core.group(name, fn),
    progress: (what, done, total) => {
      // A line every ~2 s keeps a long fetch visibly alive without flooding the log.
      const now = Date.now();
      if (done !== total && now - lastProgress < 2000) return;
      lastProgress = now;
      core.info(total ? `${what}: ${done} of ${total}` : `${what}: ${done}`);
    },
  };
}

function actionInputs(): InputSource {
  return {
    get: (name: InputName) => {
      const value = core.getInput(name);
      // Masked the moment it is read, before anything can print it.
      if (value && SECRET_INPUTS.includes(name)) core.setSecret(value);
      return value;
    },
    label: (name) => `Input \`${name}\``,
  };
}

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

async function writeOut(settings: Settings, file: string, content: string): Promise<string> {
  await writeFileAtomic(path.resolve(settings.workspace, file), content);
  return file;
}

interface Published {
  report?: string;
  sarif?: string;
  evidence?: string;
}

function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

function setOutputs(report: Report, files: Published): void {
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
  core.setOutput('report', files.report ?? '');
  core.setOutput('sarif', files.sarif ?? '');
  core.setOutput('evidence', files.evidence ?? '');
}

/** What a channel that failed says: never the raw text of an unexpected error when redacting. */
function channelFailure(channel: string, error: unknown, redacted: boolean): string {
  if (error instanceof GuardError) {
    return `${channel} was not written: ${error.message}${error.hint ? ` ${error.hint}` : ''} [${error.code}]`;
  }
  if (!redacted && error instanceof Error) core.debug(error.stack ?? error.message);
  return `${channel} was not written: ${describeWriteFailure(error, redacted)}.`;
}

/**
 * Every channel, each on its own: one that fails (an evidence folder that is refused, an issue
 * that cannot be updated) is reported, and the others, the summary and the outputs still say
 * what the run did. An apply's outcome is never lost to what comes after it.
 */
async function publish(settings: Settings, result: PipelineResult, logger: Logger): Promise<string[]> {
  const { report } = result;
  const files: Published = {};
  const failures: string[] = [];
  const attempt = async (channel: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (error) {
      const message = channelFailure(channel, error, result.redacted);
      failures.push(message);
      logger.error(message);
    }
  };
  // undo reads the apply report named by `report` and writes its own journal beside it
  const reportPath = reportFile(settings);
  if (reportPath && result.writeReport) {
    await attempt(`The report ${reportPath}`, async () => {
      files.report = await writeOut(settings, reportPath, renderJson(report));
    });
  }
  if (settings.sarifPath) {
    const sarifPath = settings.sarifPath;
    await attempt(`The SARIF file ${sarifPath}`, async () => {
      const { renderSarif } = await import('./report/sarif.js');
      const sarif = renderSarif(report, result.policy, {
        policyPath: settings.policyPath.replace(/\\/g, '/'),
      });
      files.sarif = await writeOut(settings, sarifPath, JSON.stringify(sarif, null, 2) + '\n');
    });
  }
  for (const a of policyIssueAnnotations(result.policyIssues)) annotate(a);
  for (const a of findingAnnotations(report, settings.policyPath)) annotate(a);
  for (const a of exemptionNoticeAnnotations(report, result.policy, settings.policyPath)) annotate(a);
  for (const note of result.notes) core.notice(note);

  let sinceLastReview: string | null = null;
  if (settings.evidencePath) {
    const evidencePath = settings.evidencePath;
    await attempt(`The evidence pack ${evidencePath}`, async () => {
      const { writeRunEvidence } = await import('./evidence/sink.js');
      const evidence = await writeRunEvidence(settings, result, runUrl());
      if (evidence) {
        files.evidence = evidencePath;
        core.info(
          `Evidence pack written to ${evidencePath}${evidence.replacedEarlier ? ', replacing the earlier pack there' : ''}`,
        );
        if (evidence.signature) {
          core.info(
            `Evidence pack signed: ${evidence.signature.file}, key ${evidence.signature.publicKeyFingerprint}`,
          );
        }
        sinceLastReview = evidence.sinceLastReview ?? null;
      }
    });
  }

  let impact = '';
  let issueNumber: number | null = null;
  let issueUrl: string | null = null;
  if (settings.issue || (settings.event.isPullRequest && result.baseline)) {
    await attempt('The GitHub issue or pull-request comment', async () => {
      const { publishToGitHub } = await import('./github/publish.js');
      const github = await publishToGitHub(settings, result, logger);
      impact = github.impactMarkdown ? `${github.impactMarkdown}\n\n` : '';
      issueNumber = github.issueNumber;
      issueUrl = github.issueUrl;
    });
  }

  const summary = renderSummary(report, {
    ...(files.report ? { reportPath: files.report } : {}),
    policy: result.policy,
    sinceLastReview,
    issue: issueNumber !== null && issueUrl ? { number: issueNumber, url: issueUrl } : null,
  });
  const warnings = failures.map((f) => `> ⚠️ ${inlineMarkdown(f, 2000)}\n\n`).join('');
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary
      .addRaw(warnings + result.notes.map((n) => `> ${n}\n\n`).join('') + impact + summary)
      .write();
  }
  setOutputs(report, files);
  core.setOutput('issue-number', issueNumber ?? '');
  return failures;
}

function failureMessage(report: Report): string {
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

export async function run(): Promise<void> {
  try {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const event = readGitHubEvent(process.env);
    const settings = parseSettings(actionInputs(), event, workspace);
    const logger = actionLogger();
    const wantsBasePolicy = settings.event.isPullRequest && settings.connection !== null;
    const result = await runPipeline(settings, {
      logger,
      now: () => new Date(),
      onSecret: (s) => core.setSecret(s),
      ...(wantsBasePolicy
        ? {
            baselinePolicy: async () => {
              const { basePolicyReader } = await import('./github/publish.js');
              return basePolicyReader(settings, logger);
            },
          }
        : {}),
    });
    const failures = await logger.group('Report', async () => {
      const start = performance.now();
      try {
        return await publish(settings, result, logger);
      } finally {
        logger.info(`Report took ${Math.round(performance.now() - start)} ms`);
      }
    });
    const { report } = result;
    const c = report.counts;
    core.info(
      `Result: ${report.status} — ${c.findings} findings (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low), ${c.exempted} exempted, ${c.users} users audited.`,
    );
    if (statusExitCode(report) !== 0) core.setFailed(neutraliseWorkflowCommands(failureMessage(report)));
    else if (failures.length > 0) core.setFailed(neutraliseWorkflowCommands(failures.join(' ')));
  } catch (error) {
    // Only configuration errors reach here (bad inputs); everything else is reported by the pipeline.
    if (error instanceof GuardError) {
      core.setOutput('status', 'error');
      const message = `${error.message}${error.hint ? ` ${error.hint}` : ''} [${error.code}]`;
      core.setFailed(message);
      // The summary is always written, also when the inputs themselves are wrong.
      if (process.env.GITHUB_STEP_SUMMARY) {
        await core.summary
          .addRaw(`## ⚠️ ServiceTitan access guard: error\n\n${inlineMarkdown(message, 2000)}\n`)
          .write()
          .catch(() => undefined);
      }
    } else {
      core.debug(error instanceof Error ? (error.stack ?? '') : String(error));
      core.setOutput('status', 'error');
      core.setFailed(
        `Unexpected error: ${error instanceof Error ? error.message : String(error)}. This is a bug; rerun with debug logging and report it.`,
      );
    }
  }
}
