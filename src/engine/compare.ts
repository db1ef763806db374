/** Policy impact: which findings a new policy adds and which it resolves, against the same tenant. */
import { isExempt } from './exemptions.js';
import type { Finding } from './types.js';

function countedIds(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((finding) => !isExempt(finding)).map((finding) => finding.id));
}

/** Only findings that count (not covered by an active exemption); ids sorted. */
export function compareFindings(
  base: readonly Finding[],
  head: readonly Finding[],
): { added: string[]; resolved: string[] } {
  const before = countedIds(base);
  const after = countedIds(head);
  return {
    added: [...after].filter((id) => !before.has(id)).sort(),
    resolved: [...before].filter((id) => !after.has(id)).sort(),
  };
}
