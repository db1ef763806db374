import { SEVERITIES, type Severity } from '../policy/types.js';

/** The lowest severity that fails a run; `never` fails on nothing. */
export type FailOn = Severity | 'never';

export function severityAtOrAbove(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn);
}
