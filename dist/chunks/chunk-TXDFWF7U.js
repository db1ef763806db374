import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  reachesFailOn
} from "./chunk-44ZEGOLS.js";
import {
  emptyCounts
} from "./chunk-DBYO6JJB.js";

// src/report/build.ts
function isExempt(finding) {
  return finding.exemption?.status === "active";
}
function isRemediated(finding) {
  return finding.remediated === true && !isExempt(finding);
}
function isOpen(finding) {
  return !isExempt(finding) && finding.remediated !== true;
}
function buildReport(ctx, parts) {
  const evaluation = parts.evaluation;
  const errors = parts.errors ?? [];
  const findings = evaluation?.findings ?? [];
  const plan = evaluation?.plan ?? [];
  let status = "pass";
  if (errors.length > 0 || plan.some((step) => step.status === "failed")) status = "error";
  else if (parts.applyRefused === true || findings.some((f) => isOpen(f) && reachesFailOn(f.severity, ctx.failOn)))
    status = "fail";
  const report = {
    version: 1,
    tool: { name: "servicetitan-access-guard", version: ctx.toolVersion },
    mode: ctx.mode,
    tenant: ctx.tenant,
    environment: ctx.environment,
    policy: {
      path: ctx.policy.path,
      sha256: ctx.policy.sha256,
      ...ctx.policy.extends ? { extends: ctx.policy.extends } : {}
    },
    startedAt: ctx.startedAt.toISOString(),
    finishedAt: ctx.finishedAt.toISOString(),
    status,
    failOn: ctx.failOn,
    counts: evaluation ? { ...evaluation.counts } : emptyCounts(),
    findings,
    plan,
    refusals: evaluation?.refusals ?? [],
    comparison: parts.comparison ?? null,
    errors,
    redacted: false
  };
  if (parts.discovery) report.discovery = parts.discovery;
  if (evaluation?.identity) report.identity = evaluation.identity.summary;
  return report;
}
function statusExitCode(report, errorExit = 3) {
  if (report.status === "pass") return 0;
  if (report.status === "fail") return 1;
  return report.plan.some((step) => step.status === "failed") ? 3 : errorExit;
}

export {
  isExempt,
  isRemediated,
  isOpen,
  buildReport,
  statusExitCode
};
