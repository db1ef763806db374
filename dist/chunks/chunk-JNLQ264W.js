import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  assemble,
  findingLine,
  findingTable
} from "./chunk-SETSU67H.js";
import {
  markerValue
} from "./chunk-ECF4TUM2.js";
import {
  isOpen
} from "./chunk-TXDFWF7U.js";
import {
  inlineMarkdown
} from "./chunk-Y7PV46DD.js";

// src/github/tracking-body.ts
import { createHash } from "node:crypto";
var TABLE_LIMIT = 100;
var LIST_LIMIT = 50;
function trackingMarker(tenant, policyPath) {
  return `<!-- servicetitan-access-guard:tracking tenant=${markerValue(tenant ?? "none")} policy=${markerValue(policyPath)} -->`;
}
var FINDINGS_MARKER = /<!-- servicetitan-access-guard:findings ([^\n]*?) -->/;
var DIGEST_MARKER = /<!-- servicetitan-access-guard:findings-digest count=(\d+) sha256=([0-9a-f]{64}) -->/;
var MEMORY_LIMIT = 2e4;
function tracked(f) {
  return { id: f.id, rule: f.rule, subject: f.user ? `${f.user.kind} ${f.user.id}` : "tenant" };
}
function findingsDigest(ids) {
  return createHash("sha256").update([...ids].sort().join("\n")).digest("hex");
}
function memoryMarkers(findings) {
  const digest = `<!-- servicetitan-access-guard:findings-digest count=${findings.length} sha256=${findingsDigest(findings.map((t) => t.id))} -->
`;
  const full = findings.map((t) => [t.id, t.rule, t.subject].map(markerValue).join(":")).join(" ");
  const idsOnly = findings.map((t) => markerValue(t.id)).join(" ");
  const entries = full.length <= MEMORY_LIMIT ? full : idsOnly.length <= MEMORY_LIMIT ? idsOnly : null;
  return entries === null ? digest : `${digest}<!-- servicetitan-access-guard:findings ${entries} -->
`;
}
function trackedState(body) {
  const listed = trackedFindings(body);
  const digest = DIGEST_MARKER.exec(body);
  if (digest) return { count: Number(digest[1]), digest: digest[2], findings: listed };
  if (listed === null) return null;
  return { count: listed.length, digest: findingsDigest(listed.map((t) => t.id)), findings: listed };
}
function trackedFindings(body) {
  const match = FINDINGS_MARKER.exec(body);
  if (!match) return null;
  return (match[1] ?? "").split(" ").filter((entry) => entry !== "").map((entry) => {
    const [id = "", rule = "", subject = ""] = entry.split(":").map(safeDecode);
    return { id, rule, subject };
  }).filter((t) => t.id !== "");
}
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
function openFindings(report) {
  return report.findings.filter(isOpen);
}
function trackingTitle(report) {
  const tenant = report.tenant ? ` in tenant ${report.tenant}` : "";
  return `ServiceTitan access findings${tenant} (${report.policy.path})`.slice(0, 250);
}
function runLink(runUrl) {
  return runUrl ? ` ([run](${runUrl}))` : "";
}
function trackingBody(report, policyPath, runUrl) {
  const open = openFindings(report);
  const c = report.counts;
  const context = [
    report.tenant ? `Tenant ${inlineMarkdown(report.tenant, 40)} (${report.environment})` : report.environment,
    `policy ${inlineMarkdown(policyPath, 160)}`,
    `checked ${report.finishedAt.slice(0, 16).replace("T", " ")} UTC${runLink(runUrl)}`
  ].join(" \xB7 ");
  const pieces = [
    `${trackingMarker(report.tenant, policyPath)}
`,
    memoryMarkers(open.map(tracked)),
    `## ServiceTitan access findings

${context}

`
  ];
  if (open.length === 0) {
    pieces.push(`No open findings. ${c.exempted} exempted; ${c.users} users audited.
`);
  } else {
    pieces.push(
      `**${open.length} open finding${open.length === 1 ? "" : "s"}** (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low) \xB7 ${c.exempted} exempted \xB7 ${c.users} users audited

`,
      ...findingTable(open, TABLE_LIMIT)
    );
  }
  if (report.redacted) pieces.push("\nNames and emails are masked.\n");
  pieces.push(
    "\n---\nThis issue is kept up to date by servicetitan-access-guard: its text is replaced on every audit, a comment is added only when findings appear or go away, and it is closed when none are left. To accept a finding, add an exemption (reason, approver, expiry) to the policy file.\n"
  );
  return assemble(pieces);
}
function findingChanges(open, previous) {
  const ids = open.map((f) => f.id);
  if (previous && previous.digest === findingsDigest(ids)) return null;
  if (previous && previous.findings === null) {
    return { added: [], resolved: [], countsOnly: { before: previous.count, now: open.length } };
  }
  const before = new Set((previous?.findings ?? []).map((t) => t.id));
  const now = new Set(ids);
  return {
    added: open.filter((f) => !before.has(f.id)),
    resolved: (previous?.findings ?? []).filter((t) => !now.has(t.id))
  };
}
function bullets(items, render) {
  const lines = items.slice(0, LIST_LIMIT).map((item) => `- ${render(item)}
`);
  if (items.length > LIST_LIMIT) lines.push(`- and ${items.length - LIST_LIMIT} more
`);
  return lines;
}
function resolvedLine(t) {
  return `${inlineMarkdown(t.rule || "finding", 80)} \xB7 ${inlineMarkdown(t.subject || "unknown", 40)} (id ${inlineMarkdown(t.id, 40)})`;
}
function changeComment(changes, reopened, runUrl) {
  const { added, resolved, countsOnly } = changes;
  const head = reopened ? `Findings are back${runLink(runUrl)}: reopening.` : countsOnly ? `Findings changed${runLink(runUrl)}: ${countsOnly.now} open, ${countsOnly.before} before.` : `Findings changed${runLink(runUrl)}: ${added.length} new, ${resolved.length} resolved.`;
  const pieces = [`${head}
`];
  if (added.length > 0) pieces.push(`
**New**

`, ...bullets(added, findingLine));
  if (resolved.length > 0) pieces.push(`
**Resolved**

`, ...bullets(resolved, resolvedLine));
  return assemble(pieces);
}
function closingComment(report, runUrl) {
  const exempted = report.counts.exempted;
  return `No open findings${runLink(runUrl)}${exempted > 0 ? ` (${exempted} exempted)` : ""}: closing. This issue reopens if findings come back.
`;
}

export {
  trackingMarker,
  findingsDigest,
  trackedState,
  openFindings,
  trackingTitle,
  trackingBody,
  findingChanges,
  changeComment,
  closingComment
};
