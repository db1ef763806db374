/**
 * Policy impact: which findings a new policy adds, which it resolves, and which it exempts,
 * against the same tenant.
 */
import { isExempt } from './exemptions.js';
import type { Finding } from './types.js';

export interface FindingComparison {
  /** count under the new policy, not under the base */
  added: string[];
  /** count under the base policy and are gone under the new one */
  resolved: string[];
  /** count under the base policy and are still found, but an active exemption of the new one covers them */
  exempted: string[];
}

function countedIds(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((finding) => !isExempt(finding)).map((finding) => finding.id));
}

/**
 * Only findings that count (not covered by an active exemption); ids sorted. A finding the new
 * policy exempts is not resolved: the access is still there, the policy now accepts it.
 */
export function compareFindings(base: readonly Finding[], head: readonly Finding[]): FindingComparison {
  const before = countedIds(base);
  const after = countedIds(head);
  const exemptedNow = new Set(head.filter(isExempt).map((finding) => finding.id));
  const gone = [...before].filter((id) => !after.has(id));
  return {
    added: [...after].filter((id) => !before.has(id)).sort(),
    resolved: gone.filter((id) => !exemptedNow.has(id)).sort(),
    exempted: gone.filter((id) => exemptedNow.has(id)).sort(),
  };
}
