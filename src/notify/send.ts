/**
 * Alerts: decide whether this run has something to say (`notify-on` against the last run), say it
 * in each webhook's format, and report what was delivered. One message per tenant run, one per
 * fleet roll-up. Nothing here throws: a webhook that fails is a warning, never the run's status.
 */
import type { Logger } from '../logger.js';
import type { Report } from '../report/model.js';
import { deliverAll, type Delivery, type DeliveryOptions } from './deliver.js';
import { genericMessage } from './generic.js';
import { alertChanges, wantsAlert, type LastRun } from './last-run.js';
import { fleetAlert, tenantAlert, type Alert, type AlertLinks } from './message.js';
import { slackMessage } from './slack.js';
import { teamsMessage } from './teams.js';
import { webhookLabel, type NotifyOn, type Webhook, type WebhookKind } from './targets.js';

export interface AlertOutcome {
  /** whether a message was due (and so sent to every webhook) */
  due: boolean;
  deliveries: Delivery[];
}

export function renderAlert(kind: WebhookKind, alert: Alert): Record<string, unknown> {
  if (kind === 'slack') return slackMessage(alert);
  if (kind === 'teams') return teamsMessage(alert);
  return genericMessage(alert);
}

/** Sends `alert` to every webhook; a failure is a warning naming the webhook by kind and position. */
export async function sendAlert(
  alert: Alert,
  webhooks: readonly Webhook[],
  logger: Logger,
  delivery: DeliveryOptions = {},
): Promise<Delivery[]> {
  const deliveries = await deliverAll(
    webhooks.map((webhook) => ({ webhook, payload: renderAlert(webhook.kind, alert) })),
    logger,
    delivery,
  );
  const what = alert.added.length === 1 ? '1 new finding' : `${alert.added.length} new findings`;
  for (const d of deliveries) {
    const label = webhookLabel(d.webhook);
    if (d.ok) {
      logger.info(`Alert sent to ${label} (${what}).`);
    } else {
      logger.warning(
        `The alert was not delivered to ${label}: ${d.problem ?? 'it failed'} ` +
          'The audit’s result is unchanged; the job summary and the report list the findings.',
      );
    }
  }
  return deliveries;
}

export interface TenantNotice {
  webhooks: readonly Webhook[];
  notifyOn: NotifyOn;
  /** the run's report, already redacted when names and emails are masked */
  report: Report;
  /** null: no last run to compare with */
  lastRun: LastRun | null;
  links?: AlertLinks;
  logger: Logger;
  delivery?: DeliveryOptions;
}

function sourceName(last: LastRun): string {
  return last.source === 'tracking-issue' ? 'the tracking issue' : 'the baseline evidence';
}

/** One tenant's run: an alert when `notify-on` says this run has something to say. */
export async function notifyTenant(notice: TenantNotice): Promise<AlertOutcome> {
  const { report, lastRun, logger, notifyOn } = notice;
  if (report.status === 'error') {
    // no findings to trust: comparing would announce every finding of the last run as resolved
    if (notifyOn !== 'always') {
      logger.info('No alert: this run did not complete an audit, so there is nothing to compare.');
      return { due: false, deliveries: [] };
    }
    const none = { open: [], added: [], resolved: [], since: null, countsOnly: false };
    const alert = tenantAlert(report, none, notice.links);
    return { due: true, deliveries: await sendAlert(alert, notice.webhooks, logger, notice.delivery) };
  }
  const changes = alertChanges(report, lastRun);
  if (!lastRun && notifyOn !== 'always') {
    logger.info(
      'Alerts: no last run to compare with (no tracking issue, `issue: true`, and no `baseline-evidence`), ' +
        'so every open finding counts as new and is announced on every run.',
      { prominent: true },
    );
  }
  if (!wantsAlert(notifyOn, changes)) {
    const since = lastRun ? ` since the last run (${sourceName(lastRun)})` : '';
    logger.info(
      notifyOn === 'change'
        ? `No alert: the open findings are the same${since}.`
        : `No alert: no new findings${since}.`,
    );
    return { due: false, deliveries: [] };
  }
  const alert = tenantAlert(report, changes, notice.links);
  return { due: true, deliveries: await sendAlert(alert, notice.webhooks, logger, notice.delivery) };
}

export interface FleetNotice {
  webhooks: readonly Webhook[];
  notifyOn: NotifyOn;
  /** each tenant's report (redacted when asked) and its last run, null when there is none */
  tenants: readonly { report: Report; lastRun: LastRun | null }[];
  links?: AlertLinks;
  logger: Logger;
  delivery?: DeliveryOptions;
}

/**
 * A fleet roll-up: ONE message for all tenants, sent when any tenant has something to say under
 * `notify-on`. It lists the fleet's new findings (most severe first, each with its tenant), one
 * line per tenant, and the counts summed.
 */
export async function notifyFleet(notice: FleetNotice): Promise<AlertOutcome> {
  const { logger, notifyOn } = notice;
  // a tenant whose run did not complete has no findings to compare: it is listed, never diffed
  const members = notice.tenants.map(({ report, lastRun }) => ({
    report,
    changes:
      report.status === 'error'
        ? { open: [], added: [], resolved: [], since: lastRun?.source ?? null, countsOnly: false }
        : alertChanges(report, lastRun),
  }));
  const withoutLastRun = notice.tenants.filter((t) => t.lastRun === null).length;
  if (withoutLastRun > 0 && notifyOn !== 'always') {
    logger.info(
      `Alerts: ${withoutLastRun} of ${notice.tenants.length} tenants have no last run to compare with, ` +
        'so every open finding of theirs counts as new.',
      { prominent: true },
    );
  }
  const due = members.some((m) => wantsAlert(notifyOn, m.changes));
  if (!due) {
    logger.info(
      notifyOn === 'change'
        ? 'No alert: the fleet’s open findings are the same as in the last run.'
        : 'No alert: no new findings in the fleet since the last run.',
    );
    return { due: false, deliveries: [] };
  }
  const alert = fleetAlert(members, notice.links);
  return { due: true, deliveries: await sendAlert(alert, notice.webhooks, logger, notice.delivery) };
}
