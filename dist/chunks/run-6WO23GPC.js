import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  lastRunFromEvidence,
  lastRunFromTracking,
  notifyTenant
} from "./chunk-IUJRQBJC.js";
import "./chunk-NIYBDEN7.js";
import "./chunk-ZLQYN6EA.js";
import "./chunk-JNLQ264W.js";
import "./chunk-SETSU67H.js";
import "./chunk-ECF4TUM2.js";
import "./chunk-A6U6MA56.js";
import "./chunk-F7KJDFSJ.js";
import "./chunk-TWT5VFH6.js";
import {
  validatedOnly
} from "./chunk-RPQZQ367.js";
import "./chunk-7Y4HBSSD.js";
import "./chunk-6NYRC7FI.js";
import "./chunk-LLWHVQOH.js";
import "./chunk-TXDFWF7U.js";
import "./chunk-44ZEGOLS.js";
import "./chunk-O3RGELUA.js";
import {
  inWorkspace
} from "./chunk-WJCLWKAL.js";
import "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import "./chunk-DBYO6JJB.js";
import "./chunk-EIDODBDB.js";
import "./chunk-DZQBV3A5.js";
import "./chunk-47HB3AU5.js";
import "./chunk-7435OWNU.js";
import "./chunk-5B2J2IDX.js";
import "./chunk-MJBVRMUS.js";
import {
  GuardError
} from "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-N5BF7DY7.js";
import "./chunk-WD5L72B6.js";

// src/notify/run.ts
var NOTHING = { due: false, deliveries: [] };
async function lastRun(settings, report, context, logger) {
  if (settings.issue && context.trackedBefore) return lastRunFromTracking(context.trackedBefore);
  if (settings.issue) {
    logger.info(
      context.trackedBefore === null ? "Alerts: the tracking issue does not list the findings it saw (edited by hand?); comparing with `baseline-evidence` if given." : "Alerts: the tracking issue could not be read; comparing with `baseline-evidence` if given."
    );
  }
  if (!settings.baselineEvidencePath) return null;
  try {
    const read = await lastRunFromEvidence(inWorkspace(settings, settings.baselineEvidencePath));
    if ("unusable" in read) {
      logger.warning(`Alerts: the baseline evidence ${settings.baselineEvidencePath} ${read.unusable}.`);
      return null;
    }
    if (read.tenant && report.tenant && read.tenant !== report.tenant) {
      logger.warning(
        `Alerts: the baseline evidence ${settings.baselineEvidencePath} is of tenant ${read.tenant}, not ${report.tenant}; it is not compared with.`
      );
      return null;
    }
    return read.lastRun;
  } catch (error) {
    const why = error instanceof GuardError ? error.message : "it cannot be read.";
    logger.warning(`Alerts: the baseline evidence is not compared with: ${why}`);
    return null;
  }
}
async function alertAfterRun(settings, report, context, logger, delivery = {}) {
  if (settings.notify.length === 0) return NOTHING;
  try {
    if (report.mode !== "audit" && report.mode !== "apply") {
      logger.info(`No alert: ${report.mode} runs do not alert, audits and applies do.`);
      return NOTHING;
    }
    if (settings.event.isPullRequest) {
      logger.info("No alert: alerts follow scheduled and manual runs, not pull requests.");
      return NOTHING;
    }
    if (validatedOnly(report)) {
      logger.info("No alert: no tenant was read (no ServiceTitan credentials), so nothing was audited.");
      return NOTHING;
    }
    return await notifyTenant({
      webhooks: settings.notify,
      notifyOn: settings.notifyOn,
      report,
      lastRun: report.status === "error" ? null : await lastRun(settings, report, context, logger),
      links: { runUrl: context.runUrl ?? null, issue: context.issue ?? null },
      logger,
      delivery
    });
  } catch (error) {
    logger.warning(
      `Alerts were not sent: an unexpected error (${error instanceof Error ? error.name : typeof error}). This is a bug; please report it.`
    );
    return NOTHING;
  }
}
export {
  alertAfterRun
};
