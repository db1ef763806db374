/**
 * A run that checked the policy file and read no tenant: `validate`, or a run without credentials
 * that could only validate (a fork's pull request, whose mode may say `audit`). Its report has
 * zero counts, which must never read as a clean audit ("pass … 0 users audited"): the channels
 * title it "policy valid (not audited)" and warn about exemptions that have run out or soon will,
 * which an audit would have reported.
 */
import { exemptionNotices, type ExemptionNotice } from '../engine/exemption-notices.js';
import type { Policy } from '../policy/types.js';
import type { Report } from './model.js';

export const VALIDATED_TITLE = 'policy valid (not audited)';

/**
 * Whether the run only validated: `validate`, or any mode that ended without error having read no
 * user, found nothing, planned nothing and discovered nothing (no tenant was fetched).
 */
export function validatedOnly(report: Report): boolean {
  if (report.errors.length > 0 || report.status !== 'pass') return false;
  if (report.mode === 'validate') return true;
  return (
    report.counts.users === 0 &&
    report.findings.length === 0 &&
    report.plan.length === 0 &&
    report.discovery === undefined
  );
}

/** What a reader is told instead of counts. */
export function validatedOnlyText(report: Report): string {
  return report.mode === 'validate'
    ? 'The policy is valid. `validate` reads no tenant, so nothing was audited.'
    : 'The policy is valid. No tenant was read (no ServiceTitan credentials), so nothing was audited and there are no findings yet.';
}

/** Exemption warnings for a validate-only run, decided at the run's end; none for an audit. */
export function validateNotices(
  report: Report,
  policy: Partial<Pick<Policy, 'exemptions'>> | null | undefined,
): ExemptionNotice[] {
  if (!policy?.exemptions || !validatedOnly(report)) return [];
  return exemptionNotices({ exemptions: policy.exemptions }, new Date(report.finishedAt));
}
