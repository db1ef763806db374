import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/report/comparison.ts
function comparedFindings(report) {
  const cmp = report.comparison;
  if (!cmp) return [];
  const head = new Map(report.findings.map((f) => [f.id, f]));
  const base = new Map((cmp.resolvedFindings ?? []).map((f) => [f.id, f]));
  const entry = (change, from) => (id) => ({
    change,
    id,
    finding: from.get(id) ?? null
  });
  return [
    ...cmp.added.map(entry("added", head)),
    ...cmp.resolved.map(entry("resolved", base)),
    ...(cmp.exempted ?? []).map(entry("exempted", head))
  ];
}
function comparisonCounts(cmp) {
  const added = cmp.added.length;
  return `${added} finding${added === 1 ? "" : "s"} added, ${cmp.resolved.length} resolved, ${(cmp.exempted ?? []).length} exempted`;
}
var CHANGE_LABEL = {
  added: "added",
  resolved: "resolved",
  exempted: "exempted by this change"
};
function exemptedText(e) {
  return `until ${e.expires}, approved by ${e.approvedBy}: ${e.reason}` + (e.ticket ? ` (${e.ticket})` : "");
}

export {
  comparedFindings,
  comparisonCounts,
  CHANGE_LABEL,
  exemptedText
};
