import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/domain/severity.ts
var SEVERITIES = ["critical", "high", "medium", "low"];
var FAIL_ON_VALUES = [...SEVERITIES, "never"];
function severityRank(severity) {
  return SEVERITIES.indexOf(severity);
}
function compareSeverity(a, b) {
  return severityRank(a) - severityRank(b);
}
function reachesFailOn(severity, failOn) {
  return failOn !== "never" && severityRank(severity) <= severityRank(failOn);
}

export {
  SEVERITIES,
  severityRank,
  compareSeverity,
  reachesFailOn
};
