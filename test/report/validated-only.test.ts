/**
 * A run that only validated the policy (`validate`, or a pull request without credentials) is
 * titled as such, never as a passing audit of zero users, and warns about exemptions that have
 * run out or soon will.
 */
import { describe, expect, it } from 'vitest';
import { exemptionNoticeAnnotations } from '../../src/report/annotations.js';
import { buildReport } from '../../src/report/build.js';
import { renderConsole } from '../../src/report/console.js';
import { redactReport } from '../../src/report/redact.js';
import { renderSummary } from '../../src/report/summary.js';
import { validatedOnly } from '../../src/report/validated-only.js';
import type { Exemption } from '../../src/policy/types.js';
import { context, report } from './fixtures.js';

// the fixtures' run finishes 2026-03-01T08:00:05Z
const validateRun = buildReport(context({ mode: 'validate', tenant: null }), {});
const forkPullRequest = buildReport(context({ mode: 'audit', tenant: null }), { comparison: null });

function exemption(user: string | null, expires: string, line: number): Exemption {
  return {
    ...(user ? { user: { type: 'email' as const, value: user, raw: user } } : {}),
    rules: ['no-external-api-access'],
    reason: 'Integration partner',
    expires,
    approvedBy: 'security@acme-hvac.com',
    index: line,
    position: { line, column: 5 },
  };
}
const policy = {
  permissions: [],
  exemptions: [
    exemption('partner@integrator.example', '2026-02-27', 40),
    exemption(null, '2026-03-20', 47),
    exemption('later@integrator.example', '2026-09-30', 54),
  ],
};

describe('a validate-only run', () => {
  it.each([
    ['validate', validateRun],
    ['an audit without credentials', forkPullRequest],
  ])('%s is titled "policy valid (not audited)", with no counts and no "users audited"', (_what, r) => {
    expect(validatedOnly(r)).toBe(true);
    const md = renderSummary(r);
    expect(md).toMatch(/^## ✅ ServiceTitan policy valid \(not audited\)\n/);
    expect(md).not.toMatch(/: pass|users audited|\| Critical \|/);
    const text = renderConsole(r, { color: false });
    expect(text).toMatch(/^✔ POLICY VALID \(not audited\) {2}ServiceTitan /);
    expect(text).not.toMatch(/PASS|users audited/);
    expect(text).toContain('nothing was audited');
  });

  it('leaves a real audit alone, even one without findings', () => {
    const clean = report([]);
    expect(validatedOnly(clean)).toBe(false);
    expect(renderSummary(clean)).toMatch(/^## ✅ ServiceTitan access audit: pass/);
    expect(renderSummary(clean)).toContain('No findings. 42 users audited.');
    const failed = buildReport(context({ mode: 'validate' }), {
      errors: [{ code: 'policy.unknown-key', message: 'x' }],
    });
    expect(validatedOnly(failed)).toBe(false);
    expect(renderSummary(failed)).toMatch(/^## ⚠️ ServiceTitan policy validation: error/);
  });

  it('warns about an expired exemption and one that runs out within 30 days, at their lines', () => {
    const md = renderSummary(validateRun, { policy });
    expect(md).toContain('### ⚠️ Exemptions to renew (2)');
    expect(md).toContain(
      '1 exemption of this valid policy has expired: the next audit reports it as findings.',
    );
    expect(md).toContain(
      '- **Expired** (.github/servicetitan-access.yml:40): The exemption for partner&commat;integrator.example from ' +
        'no-external-api-access expired on 2026-02-27 \\(1 day ago\\): it no longer applies',
    );
    expect(md).toContain(
      '- **Expiring** (.github/servicetitan-access.yml:47): The exemption for the tenant from no-external-api-access ' +
        'expires on 2026-03-20 and has 19 days left',
    );
    expect(md).not.toContain('later&commat;');

    const text = renderConsole(forkPullRequest, { color: false, width: 300, policy });
    expect(text).toContain('EXEMPTIONS TO RENEW  2');
    expect(text).toContain(
      '- .github/servicetitan-access.yml:40: The exemption for partner@integrator.example from no-external-api-access expired on 2026-02-27',
    );

    expect(exemptionNoticeAnnotations(validateRun, policy, 'policy.yml')).toEqual([
      expect.objectContaining({
        level: 'warning',
        title: 'Exemption expired',
        file: 'policy.yml',
        startLine: 40,
      }),
      expect.objectContaining({
        level: 'warning',
        title: 'Exemption expiring',
        file: 'policy.yml',
        startLine: 47,
      }),
    ]);
  });

  it('masks the exempted user when the run redacts', () => {
    const md = renderSummary(redactReport(validateRun), { policy });
    expect(md).toContain('for p\\*\\*\\*@\u200bintegrator.example');
    expect(md).not.toContain('partner');
  });

  it('leaves exemption warnings to the findings in an audit', () => {
    expect(renderSummary(report([]), { policy })).not.toContain('Exemptions to renew');
    expect(exemptionNoticeAnnotations(report([]), policy, 'p.yml')).toEqual([]);
  });
});
