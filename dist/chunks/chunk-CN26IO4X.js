import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  describeNotice,
  validateNotices
} from "./chunk-RPQZQ367.js";
import {
  holdings,
  personLabel,
  recordRef
} from "./chunk-LLWHVQOH.js";
import {
  isExempt,
  isOpen,
  isRemediated
} from "./chunk-TXDFWF7U.js";
import {
  reachesFailOn
} from "./chunk-44ZEGOLS.js";
import {
  maskUserRef
} from "./chunk-O3RGELUA.js";
import {
  inlinePlain
} from "./chunk-Y7PV46DD.js";

// src/report/annotations.ts
var FINDINGS_PER_ANNOTATION = 20;
var LEVEL_ORDER = { error: 0, warning: 1, notice: 2 };
function findingLine(f) {
  const who = f.user ? `${personLabel(f.user)} (${recordRef(f.user)}, ${f.user.audience})` : "tenant";
  const state = isExempt(f) ? `[exempted until ${f.exemption.expires}: ${f.exemption.reason}]` : isRemediated(f) ? "[fixed by this run]" : "";
  return `- ${inlinePlain(who, 160)}: ${inlinePlain(holdings(f), 300)}${state ? ` ${inlinePlain(state, 200)}` : ""}`;
}
function findingAnnotations(report, policyPath) {
  const groups = /* @__PURE__ */ new Map();
  for (const f of report.findings) {
    const key = JSON.stringify([f.rule, f.location.file, f.location.line, f.location.column]);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const annotations = [];
  for (const findings of groups.values()) {
    const first = findings[0];
    const open = findings.filter(isOpen);
    const exempted = findings.filter(isExempt).length;
    const fixed = findings.filter(isRemediated).length;
    const level = open.length === 0 ? "notice" : open.some((f) => reachesFailOn(f.severity, report.failOn)) ? "error" : "warning";
    const severity = open[0]?.severity ?? first.severity;
    const counted = [
      `${open.length} finding${open.length === 1 ? "" : "s"}`,
      ...fixed > 0 ? [`${fixed} fixed by this run`] : [],
      ...exempted > 0 ? [`${exempted} exempted`] : []
    ].join(", ");
    const lines = findings.slice(0, FINDINGS_PER_ANNOTATION).map(findingLine);
    if (findings.length > FINDINGS_PER_ANNOTATION)
      lines.push(`and ${findings.length - FINDINGS_PER_ANNOTATION} more`);
    annotations.push({
      level,
      title: inlinePlain(`${first.rule} (${severity}): ${counted}`, 200),
      message: lines.join("\n"),
      // a rule from a base policy (`extends`) is annotated in the base
      file: first.location.file ?? policyPath,
      startLine: Math.max(1, first.location.line),
      startColumn: Math.max(1, first.location.column)
    });
  }
  return annotations.sort(
    (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.startLine ?? 0) - (b.startLine ?? 0)
  );
}
function policyIssueAnnotations(issues) {
  return issues.map((issue) => ({
    level: "error",
    title: inlinePlain(issue.code, 100),
    message: inlinePlain(issue.hint ? `${issue.message} (${issue.hint})` : issue.message, 1e3),
    file: issue.file,
    startLine: Math.max(1, issue.line),
    startColumn: Math.max(1, issue.column)
  }));
}
function exemptionNoticeAnnotations(report, policy, policyPath) {
  const user = (raw) => report.redacted ? maskUserRef(raw) : raw;
  return validateNotices(report, policy).map((n) => ({
    level: "warning",
    title: n.status === "expired" ? "Exemption expired" : "Exemption expiring",
    message: inlinePlain(describeNotice(n, user), 1e3),
    file: n.position.file ?? policyPath,
    startLine: Math.max(1, n.position.line),
    startColumn: Math.max(1, n.position.column)
  }));
}

export {
  FINDINGS_PER_ANNOTATION,
  findingAnnotations,
  policyIssueAnnotations,
  exemptionNoticeAnnotations
};
