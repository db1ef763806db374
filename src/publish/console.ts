/**
 * The CLI's own sink: the report on stdout (a table, or the JSON with --json), what was written
 * and what failed on stderr. Everything else the CLI publishes goes through the shared channels.
 */
import type { Logger } from '../logger.js';
import { reportFile, type PipelineResult } from '../pipeline.js';
import { consoleWidth, renderConsole } from '../report/console.js';
import { renderJson } from '../report/json.js';
import { renderReviewText } from '../report/review.js';
import type { Settings } from '../settings.js';
import type { EntrySinks } from './types.js';

export interface ConsoleStreams {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown };
}

export interface ConsoleOptions {
  /** --json: the JSON report on stdout instead of the table */
  json: boolean;
  /** --no-color, or NO_COLOR in the environment */
  noColor: boolean;
  env?: NodeJS.ProcessEnv;
  streams?: ConsoleStreams;
}

export function consoleSinks(
  settings: Settings,
  result: PipelineResult,
  logger: Logger,
  options: ConsoleOptions,
): EntrySinks {
  const { stdout, stderr } = options.streams ?? { stdout: process.stdout, stderr: process.stderr };
  const env = options.env ?? process.env;
  return {
    entry: 'cli',
    evidenceWritten: (_file, evidence) => {
      stderr.write(
        `Evidence pack: ${evidence.dir}${evidence.replacedEarlier ? ' (replaced the earlier pack there)' : ''}\n`,
      );
      if (evidence.signature) {
        stderr.write(
          `Evidence pack signed: ${evidence.signature.file}, key ${evidence.signature.publicKeyFingerprint}\n`,
        );
      }
      if (evidence.sinceLastReview) stderr.write(evidence.sinceLastReview + '\n');
    },
    // the run's outcome is shown first; what could not be written follows it (in `finish`)
    finish: async (published) => {
      const { report } = result;
      for (const note of result.notes) logger.warning(note);
      if (options.json) {
        stdout.write(renderJson(report));
      } else {
        stdout.write(renderReviewText(report));
        const reportPath = reportFile(settings);
        const color = Boolean(stdout.isTTY) && !options.noColor && !env.NO_COLOR;
        stdout.write(
          renderConsole(report, {
            color,
            policy: result.policy,
            width: consoleWidth(stdout.columns, env),
            ...(reportPath ? { reportPath } : {}),
            ...(settings.sarifPath ? { sarifPath: settings.sarifPath } : {}),
          }),
        );
      }
      for (const failure of published.failures) logger.error(failure);
    },
  };
}
