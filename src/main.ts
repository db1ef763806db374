/**
 * The action: read every input once, run the pipeline, publish through every channel
 * (report file, SARIF, job summary, annotations, outputs), and fail the step when it should.
 * One try/catch decides the step's fate.
 */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GuardError } from './errors.js';
import { writeFileAtomic } from './files.js';
import type { Logger } from './logger.js';
import { runPipeline, type PipelineResult } from './pipeline.js';
import { undoJournalPath } from './apply/undo-journal.js';
import type { Report } from './report/model.js';
import { renderJson } from './report/json.js';
import { renderSummary } from './report/summary.js';
import { findingAnnotations, policyIssueAnnotations, type Annotation } from './report/annotations.js';
import { statusExitCode } from './report/build.js';
import { inlineMarkdown, neutraliseWorkflowCommands } from './report/text.js';
import {
  parseSettings,
  SECRET_INPUTS,
  type EventContext,
  type InputName,
  type InputSource,
  type Settings,
} from './settings.js';

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

export function readEvent(env: NodeJS.ProcessEnv = process.env): EventContext {
  const name = env.GITHUB_EVENT_NAME ?? '';
  let payload: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
    } catch {
      payload = {};
    }
  }
  const repository = payload.repository as { private?: unknown } | undefined;
  return {
    name,
    isPullRequest: name === 'pull_request' || name === 'pull_request_target',
    repositoryPrivate: typeof repository?.private === 'boolean' ? repository.private : null,
    payload,
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

async function publish(settings: Settings, result: PipelineResult, logger: Logger): Promise<void> {
  const { report } = result;
  const files: Published = {};
  // undo reads the apply report named by `report` and writes its own journal beside it
  const reportPath =
    settings.mode === 'undo' && settings.reportPath
      ? undoJournalPath(settings.reportPath)
      : settings.reportPath;
  if (reportPath) files.report = await writeOut(settings, reportPath, renderJson(report));
  if (settings.sarifPath) {
    const { renderSarif } = await import('./report/sarif.js');
    const sarif = renderSarif(report, result.policy, { policyPath: settings.policyPath.replace(/\\/g, '/') });
    files.sarif = await writeOut(settings, settings.sarifPath, JSON.stringify(sarif, null, 2) + '\n');
  }
  for (const a of policyIssueAnnotations(result.policyIssues)) annotate(a);
  for (const a of findingAnnotations(report, settings.policyPath)) annotate(a);
  for (const note of result.notes) core.notice(note);

  let sinceLastReview = '';
  if (settings.evidencePath) {
    const { writeRunEvidence } = await import('./evidence/sink.js');
    const evidence = await writeRunEvidence(settings, result, runUrl());
    if (evidence) {
      files.evidence = settings.evidencePath;
      core.info(`Evidence pack written to ${settings.evidencePath}`);
      sinceLastReview = evidence.sinceLastReview ? `\n${evidence.sinceLastReview}\n` : '';
    }
  }

  let impact = '';
  let issueNumber: number | null = null;
  if (settings.issue || (settings.event.isPullRequest && result.baseline)) {
    const { publishToGitHub } = await import('./github/publish.js');
    const github = await publishToGitHub(settings, result, logger);
    impact = github.impactMarkdown ? `${github.impactMarkdown}\n\n` : '';
    issueNumber = github.issueNumber;
  }

  const summary = renderSummary(report, {
    ...(files.report ? { reportPath: files.report } : {}),
  });
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary
      .addRaw(result.notes.map((n) => `> ${n}\n\n`).join('') + impact + summary + sinceLastReview)
      .write();
  }
  setOutputs(report, files);
  core.setOutput('issue-number', issueNumber ?? '');
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
    const event = readEvent();
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
    await logger.group('Report', async () => {
      const start = performance.now();
      await publish(settings, result, logger);
      logger.info(`Report took ${Math.round(performance.now() - start)} ms`);
    });
    const { report } = result;
    const c = report.counts;
    core.info(
      `Result: ${report.status} — ${c.findings} findings (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low), ${c.exempted} exempted, ${c.users} users audited.`,
    );
    if (statusExitCode(report) !== 0) core.setFailed(neutraliseWorkflowCommands(failureMessage(report)));
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
