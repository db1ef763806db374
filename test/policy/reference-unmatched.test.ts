import { describe, expect, it } from 'vitest';
import { issueWith, policy } from './support.js';

describe('reference-unmatched in the policy language', () => {
  it('is a reserved rule id, and cannot be exempted: the name is corrected instead', () => {
    const reserved = policy(`  - id: reference-unmatched
    forbid: { account: true }
`);
    expect(issueWith(reserved, 'policy.reserved-rule-id').message).toContain('reference-unmatched');
    const exempted = policy(`exemptions:
  - rules: [reference-unmatched]
    reason: The role is created next week
    expires: 2026-03-20
    approved-by: security@acme-hvac.com
`);
    expect(issueWith(exempted, 'policy.unexemptible-rule').hint).toContain(
      'correct the name that matches nothing',
    );
  });
});
