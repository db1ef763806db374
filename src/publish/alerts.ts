/**
 * Alerts to the `notify` webhooks, as a channel after the GitHub one: the tracking issue has then
 * told what it remembered from the last run, and its address is known. A webhook that fails is a
 * warning inside; the alert never fails the run.
 */
import type { Channel } from './types.js';

export const alertsChannel: Channel = {
  id: 'notify',
  wanted: ({ settings }) => settings.notify.length > 0,
  label: () => 'The alert',
  publish: async ({ settings, result, logger, sinks, published }) => {
    const { alertAfterRun } = await import('../notify/run.js');
    const github = published.github;
    const issue =
      github?.issueNumber != null && github.issueUrl
        ? { number: github.issueNumber, url: github.issueUrl }
        : null;
    await alertAfterRun(
      settings,
      result.report,
      { runUrl: sinks.runUrl ?? null, issue, ...(github ? { trackedBefore: github.trackedBefore } : {}) },
      logger,
    );
  },
};
