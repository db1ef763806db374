/**
 * Alerts for one run of the action or the CLI, called last, after every other channel: the
 * tracking issue has then told what it remembered, and the run's links are known. Which last run
 * to compare with follows SPEC §11: the tracking issue with `issue: true`, else `baseline-evidence`,
 * else none. Never throws and never changes the run's status or exit code.
 */
import { GuardError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TrackedState } from '../github/tracking-body.js';
import { validatedOnly } from '../report/validated-only.js';
import type { Report } from '../report/model.js';
import { inWorkspace, type Settings } from '../settings.js';
import type { DeliveryOptions } from './deliver.js';
import { lastRunFromEvidence, lastRunFromTracking, type LastRun } from './last-run.js';
import { notifyTenant, type AlertOutcome } from './send.js';

export interface RunAlertContext {
  runUrl?: string | null;
  issue?: { number: number; url: string } | null;
  /**
   * What the tracking issue remembered open before this run; null when its body did not say;
   * undefined when the tracking issue was not reached (not asked for, no token, refused).
   */
  trackedBefore?: TrackedState | null;
}

const NOTHING: AlertOutcome = { due: false, deliveries: [] };

async function lastRun(
  settings: Settings,
  report: Report,
  context: RunAlertContext,
  logger: Logger,
): Promise<LastRun | null> {
  if (settings.issue && context.trackedBefore) return lastRunFromTracking(context.trackedBefore);
  if (settings.issue) {
    logger.info(
      context.trackedBefore === null
        ? 'Alerts: the tracking issue does not list the findings it saw (edited by hand?); comparing with `baseline-evidence` if given.'
        : 'Alerts: the tracking issue could not be read; comparing with `baseline-evidence` if given.',
    );
  }
  if (!settings.baselineEvidencePath) return null;
  try {
    const read = await lastRunFromEvidence(inWorkspace(settings, settings.baselineEvidencePath));
    if ('unusable' in read) {
      logger.warning(`Alerts: the baseline evidence ${settings.baselineEvidencePath} ${read.unusable}.`);
      return null;
    }
    if (read.tenant && report.tenant && read.tenant !== report.tenant) {
      logger.warning(
        `Alerts: the baseline evidence ${settings.baselineEvidencePath} is of tenant ${read.tenant}, not ${report.tenant}; it is not compared with.`,
      );
      return null;
    }
    return read.lastRun;
  } catch (error) {
    const why = error instanceof GuardError ? error.message : 'it cannot be read.';
    logger.warning(`Alerts: the baseline evidence is not compared with: ${why}`);
    return null;
  }
}

/** The run's alert, when `notify` names webhooks and the run audited a tenant. */
export async function alertAfterRun(
  settings: Settings,
  report: Report,
  context: RunAlertContext,
  logger: Logger,
  delivery: DeliveryOptions = {},
): Promise<AlertOutcome> {
  if (settings.notify.length === 0) return NOTHING;
  try {
    if (report.mode !== 'audit' && report.mode !== 'apply') {
      logger.info(`No alert: ${report.mode} runs do not alert, audits and applies do.`);
      return NOTHING;
    }
    if (settings.event.isPullRequest) {
      logger.info('No alert: alerts follow scheduled and manual runs, not pull requests.');
      return NOTHING;
    }
    if (validatedOnly(report)) {
      logger.info('No alert: no tenant was read (no ServiceTitan credentials), so nothing was audited.');
      return NOTHING;
    }
    return await notifyTenant({
      webhooks: settings.notify,
      notifyOn: settings.notifyOn,
      report,
      lastRun: report.status === 'error' ? null : await lastRun(settings, report, context, logger),
      links: { runUrl: context.runUrl ?? null, issue: context.issue ?? null },
      logger,
      delivery,
    });
  } catch (error) {
    // a bug here must not cost the run its result; the message may hold a URL, so it is not printed
    logger.warning(
      `Alerts were not sent: an unexpected error (${error instanceof Error ? error.name : typeof error}). This is a bug; please report it.`,
    );
    return NOTHING;
  }
}
