import { describe, expect, it } from 'vitest';
import { redactReport } from '../../src/report/redact.js';
import { withholdPersonalData } from '../../src/report/redact-fallback.js';
import { renderJson } from '../../src/report/json.js';
import { finding, report } from './fixtures.js';

let next = 0;
function unmatched(value: string) {
  return finding({
    id: `0123456789abcde${next++}`,
    rule: 'reference-unmatched',
    severity: 'high',
    user: null,
    message: `safety.protected-users names the user ${value}, who matches no account of the tenant, active or not`,
    evidence: { reference: { kind: 'user', value, key: 'safety.protected-users' } },
    fix: {
      action: 'manual',
      steps: [`Correct ${value} at line 9 of policy.yml to an account of the tenant.`],
    },
  });
}

describe('redacting a reference-unmatched finding', () => {
  it('masks an email or login the policy names, in the evidence, the message and the steps', () => {
    const r = redactReport(report([unmatched('ghost.owner@acme.example'), unmatched('login:ghostowner')]));
    const json = renderJson(r);
    expect(json).not.toContain('ghost.owner@');
    expect(json).not.toContain('ghostowner');
    expect(r.findings.map((f) => f.evidence.reference?.value)).toEqual(['g***@acme.example', 'login:g***']);
    expect(r.findings[0]?.message).toContain('the user g***@acme.example, who');
    expect(r.findings[1]?.fix).toEqual({
      action: 'manual',
      steps: ['Correct login:g*** at line 9 of policy.yml to an account of the tenant.'],
    });
  });

  it('keeps role names and ids, which name no person', () => {
    const role = finding({
      rule: 'reference-unmatched',
      user: null,
      message: 'Rule r names the role "Admins"',
      evidence: { reference: { kind: 'role', value: 'Admins', key: 'forbid.roles', rule: 'r' } },
    });
    const r = redactReport(report([role, unmatched('employee:21')]));
    expect(r.findings.map((f) => f.evidence.reference?.value)).toEqual(['Admins', 'employee:21']);
  });

  it('withholds the user reference when masking fails', () => {
    const r = withholdPersonalData(report([unmatched('ghost.owner@acme.example')]));
    expect(renderJson(r)).not.toContain('ghost');
  });
});
