import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  notifyFleet
} from "./chunk-IUJRQBJC.js";
import "./chunk-NIYBDEN7.js";
import "./chunk-ZLQYN6EA.js";
import "./chunk-JNLQ264W.js";
import "./chunk-SETSU67H.js";
import "./chunk-ECF4TUM2.js";
import "./chunk-A6U6MA56.js";
import "./chunk-F7KJDFSJ.js";
import "./chunk-TWT5VFH6.js";
import "./chunk-7Y4HBSSD.js";
import "./chunk-6NYRC7FI.js";
import "./chunk-LLWHVQOH.js";
import "./chunk-TXDFWF7U.js";
import "./chunk-44ZEGOLS.js";
import {
  redactReport
} from "./chunk-O3RGELUA.js";
import {
  shouldRedact
} from "./chunk-WJCLWKAL.js";
import "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import {
  emptyCounts
} from "./chunk-DBYO6JJB.js";
import "./chunk-EIDODBDB.js";
import "./chunk-DZQBV3A5.js";
import {
  TOOL_VERSION
} from "./chunk-47HB3AU5.js";
import "./chunk-7435OWNU.js";
import "./chunk-5B2J2IDX.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-N5BF7DY7.js";
import "./chunk-WD5L72B6.js";

// src/notify/fleet.ts
import { readFile } from "node:fs/promises";
import path from "node:path";
var isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var SEVERITIES = /* @__PURE__ */ new Set(["critical", "high", "medium", "low"]);
function isFinding(v) {
  return isRecord(v) && typeof v.id === "string" && typeof v.rule === "string" && typeof v.severity === "string" && SEVERITIES.has(v.severity) && isRecord(v.evidence) && isRecord(v.fix);
}
function errored(tenant, failOn) {
  return {
    version: 1,
    tool: { name: "servicetitan-access-guard", version: TOOL_VERSION },
    mode: "audit",
    tenant: tenant.name,
    environment: "production",
    policy: { path: "", sha256: null },
    startedAt: "",
    finishedAt: "",
    status: "error",
    failOn,
    counts: emptyCounts(),
    findings: [],
    plan: [],
    refusals: [],
    comparison: null,
    errors: tenant.errors.map((e) => ({ code: e.code, message: "" })),
    redacted: false
  };
}
async function tenantReport(dir, tenant, failOn) {
  if (tenant.from === null || tenant.path === null) return errored(tenant, failOn);
  const file = path.join(dir, tenant.path, ...tenant.from === "evidence" ? ["report.json"] : []);
  let json;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return errored(tenant, failOn);
  }
  if (!isRecord(json) || !Array.isArray(json.findings) || !isRecord(json.counts))
    return errored(tenant, failOn);
  const base = errored(tenant, failOn);
  return {
    ...base,
    tool: isRecord(json.tool) && typeof json.tool.version === "string" ? { ...base.tool, version: json.tool.version } : base.tool,
    environment: json.environment === "integration" ? "integration" : "production",
    status: tenant.status,
    counts: { ...base.counts, ...json.counts },
    findings: json.findings.filter(isFinding),
    errors: Array.isArray(json.errors) ? json.errors.filter(isRecord).map((e) => ({ code: String(e.code ?? "unknown"), message: "" })) : [],
    redacted: json.redacted === true
  };
}
function runUrl(env) {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return null;
  return `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}
async function alertFleetRollup(settings, reportsDir, tenants, logger, delivery = {}, env = process.env) {
  if (settings.notify.length === 0) return { due: false, deliveries: [] };
  try {
    if (settings.event.isPullRequest) {
      logger.info("No alert: alerts follow scheduled and manual runs, not pull requests.");
      return { due: false, deliveries: [] };
    }
    const redact = shouldRedact(settings);
    const reports = await Promise.all(
      tenants.map(async (t) => {
        const report = await tenantReport(reportsDir, t, settings.failOn);
        return redact && !report.redacted ? redactReport(report) : report;
      })
    );
    return await notifyFleet({
      webhooks: settings.notify,
      notifyOn: settings.notifyOn,
      tenants: reports.map((report) => ({ report, lastRun: null })),
      links: { runUrl: runUrl(env) },
      logger,
      delivery
    });
  } catch (error) {
    logger.warning(
      `Alerts were not sent: an unexpected error (${error instanceof Error ? error.name : typeof error}). This is a bug; please report it.`
    );
    return { due: false, deliveries: [] };
  }
}
export {
  alertFleetRollup
};
