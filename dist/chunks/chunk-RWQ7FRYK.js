import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/engine/counts.ts
function emptyCounts() {
  return {
    users: 0,
    activeUsers: 0,
    externalUsers: 0,
    findings: 0,
    exempted: 0,
    critical: 0,
    high: 0,
    medium: 0,
    low: 0
  };
}
function tenantCounts(snapshot, externalUsers) {
  return {
    ...emptyCounts(),
    users: snapshot.users.length,
    activeUsers: snapshot.users.filter((user) => user.active && !user.locked).length,
    externalUsers
  };
}

// src/report/build.ts
var SEVERITY_RANK = { critical: 4, high: 3, medium: 2, low: 1 };
function isExempt(finding) {
  return finding.exemption?.status === "active";
}
function isRemediated(finding) {
  return finding.remediated === true && !isExempt(finding);
}
function isOpen(finding) {
  return !isExempt(finding) && finding.remediated !== true;
}
function reachesFailOn(severity, failOn) {
  return failOn !== "never" && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
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
    policy: { path: ctx.policy.path, sha256: ctx.policy.sha256 },
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
  return report;
}
var CONFIGURATION_PREFIXES = ["policy.", "config.", "auth.", "tenant.", "input.", "undo."];
function isConfigurationErrorCode(code) {
  return CONFIGURATION_PREFIXES.some((prefix) => code.startsWith(prefix));
}
function statusExitCode(report) {
  if (report.status === "pass") return 0;
  if (report.status === "fail") return 1;
  const configurationOnly = report.errors.length > 0 && report.errors.every((e) => isConfigurationErrorCode(e.code)) && !report.plan.some((step) => step.status === "failed");
  return configurationOnly ? 2 : 3;
}

export {
  emptyCounts,
  tenantCounts,
  isExempt,
  isRemediated,
  isOpen,
  reachesFailOn,
  buildReport,
  statusExitCode
};
