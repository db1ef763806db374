import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { renderSummary } from '../../src/report/summary.js';
import { context, finding, fullReport, planStep, report, user } from './fixtures.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Every Markdown table: each row has as many cells as its header. */
function expectWellFormedTables(md: string): void {
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('| ') || !lines[i + 1]?.startsWith('| ---')) continue;
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    const width = cells(lines[i]!);
    for (let j = i + 1; j < lines.length && lines[j]!.startsWith('|'); j++)
      expect(cells(lines[j]!)).toBe(width);
  }
}

describe('renderSummary', () => {
  it('says so plainly when the audit is clean', () => {
    const md = renderSummary(report([]));
    expect(md).toMatch(/^## ✅ ServiceTitan access audit: pass/);
    expect(md).toContain('No findings. 42 users audited.');
  });

  it('heads a failing run with the counts by severity', () => {
    const md = renderSummary(report([finding()]));
    expect(md).toMatch(/^## ❌ ServiceTitan access audit: fail/);
    expect(md).toContain('| 1 | 0 | 0 | 0 | 0 | 42 | 40 | 5 |');
  });

  it('groups findings by severity, with who, what, rule and fix', () => {
    const md = renderSummary(fullReport());
    const critical = md.indexOf('### Critical (1)');
    const high = md.indexOf('### High (1)');
    expect(critical).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(critical);
    expect(md).toContain('| **Jane Roe**<br>jane.roe@\u200bcontractor.example<br>employee 21 · external |');
    expect(md).toContain('lock the account');
    expect(md).toContain('no-external-api-access');
  });

  it('lists exempted findings apart, with their approver and ticket', () => {
    const md = renderSummary(fullReport());
    expect(md).toContain('### Exempted (1)');
    expect(md).toContain('Integration partner, contract 2231');
    expect(md).toContain('SEC-123');
  });

  it('lists exemptions expiring within 30 days of the run', () => {
    const md = renderSummary(fullReport());
    expect(md).toContain('### Exemptions expiring within 30 days (1)');
    expect(md).toContain('| 2026-03-20 | 19 |');
  });

  it('leaves out exemptions expiring later than 30 days', () => {
    const later = finding({
      exemption: {
        reason: 'r',
        expires: '2026-06-01',
        approvedBy: 'a@b.example',
        ticket: null,
        status: 'active',
      },
    });
    expect(renderSummary(report([later]))).not.toContain('expiring within 30 days');
  });

  it('shows the plan and why apply would refuse it', () => {
    const md = renderSummary(fullReport());
    expect(md).toContain('### Plan (3 changes)');
    expect(md).toContain('**Apply would refuse this plan:**');
    expect(md).toContain('apply.protected-user: The plan changes Owen Owner, a protected user');
    expect(md).toContain('| deactivate | failed |');
  });

  it('says apply would go ahead when nothing refuses the plan', () => {
    expect(renderSummary(report([finding()], { plan: [planStep()] }))).toContain('Apply would go ahead');
  });

  it('lists manual steps', () => {
    expect(renderSummary(fullReport())).toContain('Remove the Admin role from Bob Stone in ServiceTitan');
  });

  it('shows the policy change impact when there is a comparison', () => {
    const f = finding();
    const md = renderSummary(report([f], { comparison: { added: [f.id], resolved: ['old-id'] } }));
    expect(md).toContain('This policy change adds 1 finding(s) and resolves 1.');
    expect(md).toMatch(/\| added \| .* \| no-external-api-access \| Jane Roe \|/);
  });

  it('shows errors with their codes and hints', () => {
    const r = buildReport(context(), {
      errors: [
        {
          code: 'auth.invalid-client',
          message: 'ServiceTitan rejected the client id',
          hint: 'Check client-id',
        },
      ],
    });
    const md = renderSummary(r);
    expect(md).toMatch(/^## ⚠️/);
    expect(md).toContain('- **auth.invalid-client**: ServiceTitan rejected the client id<br>Check client-id');
    expect(md).not.toContain('No findings');
  });

  it('keeps every table well formed', () => {
    expectWellFormedTables(renderSummary(fullReport()));
  });

  it('links the policy only over https', () => {
    expect(renderSummary(report([]), { policyUrl: 'javascript:alert(1)' })).not.toContain('javascript');
    expect(renderSummary(report([]), { policyUrl: 'https://github.com/o/r/blob/main/p.yml' })).toContain(
      '](https://github.com/o/r/blob/main/p.yml)',
    );
  });
});

describe('renderSummary under a budget', () => {
  const many = Array.from({ length: 500 }, (_, i) =>
    finding({ id: `f-${i}`, user: user({ id: i, name: `User Number ${i}` }) }),
  );

  it('stays within the budget and ends with a note pointing at the JSON report', () => {
    const md = renderSummary(report(many), { budgetBytes: 8_000, reportPath: 'out/report.json' });
    expect(bytes(md)).toBeLessThanOrEqual(8_000);
    expect(md).toContain('This summary was cut short');
    expect(md).toContain('out/report.json');
    expect(md).toMatch(/^## ❌/);
  });

  it('cuts at a row boundary, leaving valid tables', () => {
    const md = renderSummary(report(many), { budgetBytes: 8_000 });
    const rows = md.split('\n').filter((line) => line.startsWith('| **User Number'));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(500);
    expectWellFormedTables(md);
    expect(md).toMatch(/\|\n\n---\n\n> \*\*This summary was cut short\*\*/);
  });

  it('fits the default budget, under GitHub’s 1 MiB, with 10,000 findings', () => {
    const huge = Array.from({ length: 10_000 }, (_, i) =>
      finding({ id: `f-${i}`, user: user({ id: i, name: 'N'.repeat(300) }), message: 'M'.repeat(5_000) }),
    );
    const md = renderSummary(report(huge));
    expect(bytes(md)).toBeLessThanOrEqual(900_000);
    expect(md).toContain('cut short');
  });

  it('does not truncate when everything fits', () => {
    expect(renderSummary(report(many.slice(0, 3)), { budgetBytes: 8_000 })).not.toContain('cut short');
  });
});
