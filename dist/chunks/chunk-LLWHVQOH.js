import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  isRemediated
} from "./chunk-TXDFWF7U.js";

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
  const person = identityState(f);
  if (person) parts.push(person);
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
function identityState(f) {
  const who = f.user?.identity;
  switch (f.rule) {
    case "identity-leaver":
      return who ? `person ${who.state === "terminated" ? "gone (terminated)" : who.state} in ${who.source}` : null;
    case "identity-unmatched":
      return "no identity source knows the account";
    case "identity-dormant":
      return f.evidence.inactiveSince ? `no sign-in since ${f.evidence.inactiveSince.slice(0, 10)}` : null;
    case "identity-sso-broken":
      return f.evidence.entraUser ? `Entra link broken; the email belongs to Entra user ${f.evidence.entraUser.personId}` : null;
    default:
      return null;
  }
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
