import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  emptyCounts
} from "./chunk-DBYO6JJB.js";

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

// src/report/describe.ts
var HEADLINE_STATUS = {
  pass: { icon: "\u2705", word: "pass" },
  fail: { icon: "\u274C", word: "fail" },
  error: { icon: "\u26A0\uFE0F", word: "error" }
};
function recordRef(u) {
  return `${u.kind} ${u.id}`;
}
function personLabel(u) {
  const contact = u.email ?? u.login ?? null;
  return contact ? `${u.name} <${contact}>` : u.name;
}
function holdings(f, holderLimit = 10, label = (p) => p) {
  const parts = [];
  const e = f.evidence;
  if (e.permissions?.length) parts.push(`permissions: ${e.permissions.map(label).join(", ")}`);
  if (e.roles?.length) parts.push(`roles: ${e.roles.join(", ")}`);
  if (e.account) parts.push("an active account");
  if (e.holders) {
    const names = e.holders.slice(0, holderLimit).map((h) => h.name);
    if (e.holders.length > holderLimit) names.push(`and ${e.holders.length - holderLimit} more`);
    parts.push(
      `${e.holders.length} holders${e.max !== void 0 ? ` (max ${e.max})` : ""}: ${names.join(", ")}`
    );
  }
  if (parts.length === 0) return f.message;
  if (f.exemption?.status === "expired") parts.push(`exemption expired ${f.exemption.expires}`);
  return parts.join("; ");
}
function fixLabel(fix) {
  switch (fix.action) {
    case "lock":
      return "lock the account";
    case "deactivate":
      return "deactivate the account";
    case "set-role":
      return `set role ${fix.role}`;
    case "manual":
      return "manual (see steps)";
  }
}
function fixSteps(fix) {
  return fix.steps ?? [];
}
function hasManualSteps(f) {
  return f.fix.action === "manual" || fixSteps(f.fix).length > 0;
}
function stepLabel(step) {
  return step.action === "set-role" ? `set role ${step.role ?? step.roleId ?? "?"}` : step.action;
}
function appliedLabel(step) {
  switch (step.action) {
    case "lock":
      return "locked";
    case "deactivate":
      return "deactivated";
    case "set-role":
      return `role set to ${step.role ?? step.roleId ?? "?"}`;
    default:
      return step.action;
  }
}
function fixingStep(report, f) {
  return report.plan.find((s) => s.status === "verified" && s.findings.includes(f.id));
}
function stepDetail(step) {
  return step.error ?? step.reason ?? "";
}
function headlineCounts(report) {
  const c = report.counts;
  const fixed = report.findings.filter(isRemediated).length;
  return `${c.findings} finding${c.findings === 1 ? "" : "s"} (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low), ${c.exempted} exempted; ${c.users} users audited (${c.activeUsers} active, ${c.externalUsers} external)` + (fixed > 0 ? `; ${fixed} fixed by this run` : "");
}
function failOnLabel(report) {
  if (report.mode !== "audit" && report.mode !== "apply") return null;
  return report.failOn === "never" ? "never fails on findings" : `fails on ${report.failOn} or above`;
}
function daysUntilExpiry(expires, now) {
  const end = Date.parse(`${expires}T23:59:59Z`);
  if (Number.isNaN(end)) return null;
  return Math.floor((end - now.getTime()) / 864e5);
}

export {
  isExempt,
  isRemediated,
  isOpen,
  reachesFailOn,
  buildReport,
  statusExitCode,
  HEADLINE_STATUS,
  recordRef,
  personLabel,
  holdings,
  fixLabel,
  fixSteps,
  hasManualSteps,
  stepLabel,
  appliedLabel,
  fixingStep,
  stepDetail,
  headlineCounts,
  failOnLabel,
  daysUntilExpiry
};
