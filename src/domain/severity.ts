/**
 * How bad a finding is, and the line a run fails at: one definition of each, and one order.
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Most severe first: the order of every table, list and rollup. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** The lowest severity that fails a run (`fail-on`); `never` fails on nothing. */
export type FailOn = Severity | 'never';

export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'never'];

/** 0 for the most severe: sorts most severe first. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Compares two severities for sorting, most severe first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(a) - severityRank(b);
}

/** Whether a finding of this severity reaches `fail-on`. */
export function reachesFailOn(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && severityRank(severity) <= severityRank(failOn);
}
