/**
 * The one publish path of the action and the CLI: every channel in `CHANNELS` that the run
 * wants, each on its own (one that fails is reported as what it is, and the others, the summary
 * and the outputs still say what the run did), then the entry's own sinks. An apply's outcome is
 * never lost to what comes after it.
 */
import { GuardError } from '../errors.js';
import { describeWriteFailure } from '../files.js';
import type { Logger } from '../logger.js';
import type { PipelineResult } from '../pipeline.js';
import type { Settings } from '../settings.js';
import { CHANNELS } from './channels.js';
import type { Channel, EntrySinks, Published, PublishRun } from './types.js';

export type { Channel, EntrySinks, Published, PublishRun } from './types.js';

/** What a channel that failed says: never the raw text of an unexpected error when redacting. */
export function channelFailure(channel: Channel, label: string, error: unknown, run: PublishRun): string {
  if (error instanceof GuardError) {
    return `${label} was not written: ${error.message}${error.hint ? ` ${error.hint}` : ''} [${error.code}]`;
  }
  const { redacted } = run.result;
  if (!redacted && error instanceof Error) run.logger.debug(error.stack ?? error.message);
  const described = channel.describeFailure?.(error, redacted) ?? describeWriteFailure(error, redacted);
  return `${label} was not written: ${described}.`;
}

/**
 * Runs one channel when the run wants it; a failure (of `wanted` too) is recorded and handed to
 * the entry's `failed` sink, never thrown.
 */
async function attempt(channel: Channel, run: PublishRun): Promise<void> {
  let label = `The ${channel.id} channel`;
  try {
    if (!channel.wanted(run)) return;
    label = channel.label(run);
    await channel.publish(run);
  } catch (error) {
    const message = channelFailure(channel, label, error, run);
    run.published.failures.push(message);
    run.sinks.failed?.(message);
  }
}

export async function publishRun(
  settings: Settings,
  result: PipelineResult,
  logger: Logger,
  sinks: EntrySinks,
  channels: readonly Channel[] = CHANNELS,
): Promise<Published> {
  const run: PublishRun = { settings, result, logger, sinks, published: { failures: [] } };
  for (const channel of channels) await attempt(channel, run);
  await sinks.finish(run.published);
  return run.published;
}

/**
 * The exit status of a published run: the run's own (from the class of the error that stopped
 * it) first; a run that passed but could not publish a channel could not complete, so 3.
 */
export function publishedExitCode(result: PipelineResult, published: Published): 0 | 1 | 2 | 3 {
  return result.exitCode === 0 && published.failures.length > 0 ? 3 : result.exitCode;
}
