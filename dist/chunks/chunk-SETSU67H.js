import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  fixLabel,
  holdings,
  recordRef
} from "./chunk-LLWHVQOH.js";
import {
  compareSeverity
} from "./chunk-44ZEGOLS.js";
import {
  inlineMarkdown
} from "./chunk-Y7PV46DD.js";

// src/github/markdown.ts
var BODY_LIMIT = 6e4;
function bySeverity(a, b) {
  return compareSeverity(a.severity, b.severity) || a.rule.localeCompare(b.rule) || a.id.localeCompare(b.id);
}
function userCell(f) {
  if (!f.user) return "_tenant_";
  const u = f.user;
  const contact = u.email ?? u.login;
  const facts = [recordRef(u), u.audience, u.active ? null : "inactive", u.locked ? "locked" : null];
  return [
    `**${inlineMarkdown(u.name, 80)}**`,
    contact ? inlineMarkdown(contact, 80) : null,
    inlineMarkdown(facts.filter((x) => x !== null).join(" \xB7 "), 80)
  ].filter((x) => x !== null).join("<br>");
}
function fixCell(f) {
  const all = f.fix.steps ?? [];
  const steps = all.slice(0, 3).map((s) => inlineMarkdown(s, 160));
  if (all.length > 3) steps.push(`and ${all.length - 3} more steps`);
  if (f.fix.action !== "manual") return [inlineMarkdown(fixLabel(f.fix), 80), ...steps].join("<br>");
  return steps.length > 0 ? steps.join("<br>") : "manual";
}
var FINDING_HEADER = "| Severity | Rule | User | Holds | Fix |\n| --- | --- | --- | --- | --- |\n";
function findingRow(f) {
  return `| ${f.severity} | ${inlineMarkdown(f.rule, 80)} | ${userCell(f)} | ${inlineMarkdown(holdings(f), 300)} | ${fixCell(f)} |
`;
}
function findingLine(f) {
  const who = f.user ? `${inlineMarkdown(f.user.name, 80)} (${inlineMarkdown(recordRef(f.user))})` : "tenant";
  return `**${f.severity}** ${inlineMarkdown(f.rule, 80)} \xB7 ${who}`;
}
function findingTable(findings, limit) {
  if (findings.length === 0) return [];
  const rows = [...findings].sort(bySeverity).slice(0, limit).map(findingRow);
  const pieces = [FINDING_HEADER, ...rows];
  if (findings.length > limit) pieces.push(`
_and ${findings.length - limit} more in the run's report_
`);
  return pieces;
}
function assemble(pieces, limit = BODY_LIMIT) {
  const note = "\n\n_The rest is cut to fit; the run\u2019s report has everything._\n";
  let out = "";
  for (const piece of pieces) {
    if (out.length + piece.length > limit - note.length) return out + note;
    out += piece;
  }
  return out;
}

export {
  BODY_LIMIT,
  bySeverity,
  userCell,
  findingLine,
  findingTable,
  assemble
};
