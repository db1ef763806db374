/**
 * The action: read every input once, run the pipeline, publish through the one publish path
 * (src/publish/: the shared channels, then the action's summary, annotations and outputs), and
 * fail the step when it should. One try/catch decides the step's fate.
 */
import * as core from '@actions/core';
import { GuardError } from './errors.js';
import type { Logger } from './logger.js';
import { runPipeline } from './pipeline.js';
import { readGitHubEvent } from './github/event.js';
import { publishRun } from './publish/publish.js';
import { actionSinks, concludeStep } from './publish/action.js';
import { inlineMarkdown, neutraliseWorkflowCommands } from './report/text.js';
import { parseSettings, SECRET_INPUTS, type InputName, type InputSource } from './settings.js';
import { webhookSecrets } from './notify/targets.js';

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
      // and each webhook URL on its own: a value of several lines is otherwise masked only whole
      if (value && name === 'notify') for (const url of webhookSecrets(value)) core.setSecret(url);
      return value;
    },
    label: (name) => `Input \`${name}\``,
  };
}

export async function run(): Promise<void> {
  try {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const event = readGitHubEvent(process.env);
    const settings = parseSettings(actionInputs(), event, workspace);
    const logger = actionLogger();
    // the fleet modes read the fleet file or the tenants' reports, not one tenant (src/fleet/)
    if (settings.mode === 'fleet-matrix' || settings.mode === 'fleet-report') {
      return await (await import('./fleet/action.js')).runFleetAction(settings, logger);
    }
    const wantsBasePolicy = settings.event.isPullRequest && settings.connection !== null;
    // a review runs the pipeline's parts it needs itself (src/review-run.ts)
    const runMode =
      settings.mode === 'review' ? (await import('./review-run.js')).runReviewMode : runPipeline;
    const result = await runMode(settings, {
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
    // every channel (files, annotations, evidence, GitHub) then the summary and the outputs
    const published = await logger.group('Report', async () => {
      const start = performance.now();
      try {
        return await publishRun(settings, result, logger, actionSinks(result, logger));
      } finally {
        logger.info(`Report took ${Math.round(performance.now() - start)} ms`);
      }
    });
    const { report } = result;
    const c = report.counts;
    core.info(
      `Result: ${report.status} — ${c.findings} findings (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low), ${c.exempted} exempted, ${c.users} users audited.`,
    );
    concludeStep(result, published);
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
