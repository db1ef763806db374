import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/report/console.js';
import { buildReport } from '../../src/report/build.js';
import { context, finding, fullReport, report, user } from './fixtures.js';

const ESC = '\u001b';

describe('renderConsole', () => {
  it('starts with the same headline as the summary', () => {
    const [first, second] = renderConsole(report([finding()]), { color: false }).split('\n');
    expect(first).toMatch(/^✖ FAIL {2}ServiceTitan audit · tenant 1234 \(production\)/);
    expect(second).toBe(
      '  1 finding (1 critical, 0 high, 0 medium, 0 low), 0 exempted; 42 users audited (40 active, 5 external)',
    );
  });

  it('says so plainly when the audit is clean', () => {
    expect(renderConsole(report([]), { color: false })).toContain('No findings. 42 users audited.');
  });

  it('aligns the columns of a findings table', () => {
    const findings = [
      finding({ id: 'a', user: user({ id: 1, name: 'Al', email: 'al@x.example' }) }),
      finding({
        id: 'b',
        user: user({ id: 22, name: 'Bartholomew Longname', email: 'bart@contractor.example' }),
      }),
    ];
    const lines = renderConsole(report(findings), { color: false }).split('\n');
    const header = lines.find((l) => l.includes('WHO'))!;
    const rows = lines.filter((l) => l.includes('no-external-api-access'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.indexOf('employee')).toBe(header.indexOf('RECORD'));
  });

  it('fits long values into the width with an ellipsis', () => {
    const long = finding({ user: user({ name: 'X'.repeat(500) }) });
    const lines = renderConsole(report([long]), { color: false, width: 100 }).split('\n');
    const row = lines.find((l) => l.includes('XXX'))!;
    expect(Array.from(row).length).toBeLessThanOrEqual(100);
    expect(row).toContain('…');
  });

  it('shows the plan and why apply would refuse it', () => {
    const text = renderConsole(fullReport(), { color: false });
    expect(text).toContain('PLAN  3 changes');
    expect(text).toContain('Apply would refuse this plan:');
    expect(text).toContain('apply.protected-user: The plan changes Owen Owner, a protected user');
    expect(text).toMatch(/Fay Failed .* deactivate +failed +ServiceTitan refused/);
  });

  it('says where the JSON report and SARIF went, at the end', () => {
    const text = renderConsole(report([]), {
      color: false,
      reportPath: 'out/r.json',
      sarifPath: 'out/r.sarif',
    });
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      'JSON report: out/r.json',
      'SARIF:       out/r.sarif',
    ]);
  });

  it('uses ANSI colours only when asked', () => {
    expect(renderConsole(report([finding()]), { color: false })).not.toContain(ESC);
    expect(renderConsole(report([finding()]), { color: true })).toContain(`${ESC}[1;31m✖ FAIL${ESC}[0m`);
  });

  it('prints no raw JSON', () => {
    expect(renderConsole(fullReport(), { color: false })).not.toMatch(/[{}]/);
  });

  it('prints errors with their codes and hints', () => {
    const r = buildReport(context(), {
      errors: [
        { code: 'tenant.not-found', message: 'Tenant 1234 was not found', hint: 'Check the tenant input' },
      ],
    });
    const text = renderConsole(r, { color: false });
    expect(text).toMatch(/^⚠ ERROR/);
    expect(text).toContain('  tenant.not-found\n    Tenant 1234 was not found\n    Check the tenant input');
  });

  it('shows discovered permissions and roles in discover mode', () => {
    const text = renderConsole(fullReport(), { color: false });
    expect(text).toMatch(/1234 +generate-api-key +True: 3, False: 30 +40/);
    expect(text).toContain('CHANGED SINCE THE BASELINE SNAPSHOT  1');
  });
});
