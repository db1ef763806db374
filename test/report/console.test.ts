import { describe, expect, it } from 'vitest';
import { consoleWidth, renderConsole } from '../../src/report/console.js';
import { renderTable, wrap } from '../../src/report/console-table.js';
import { buildReport } from '../../src/report/build.js';
import { appliedReport, context, finding, fullReport, planStep, report, user } from './fixtures.js';

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

  it('bounds a long name with an ellipsis, keeping the email whole, within the width', () => {
    const long = finding({ user: user({ name: 'X'.repeat(500) }) });
    const text = renderConsole(report([long]), { color: false, width: 100 });
    const row = text.split('\n').find((l) => l.includes('XXX'))!;
    expect(Array.from(row).length).toBeLessThanOrEqual(100);
    expect(row).toContain('…');
    expect(text).toContain('<jane.roe@contractor.example>');
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

describe('renderConsole after an apply', () => {
  it('shows the findings the apply fixed in their own section, not as open findings', () => {
    const text = renderConsole(appliedReport(), { color: false });
    expect(text).toMatch(/^✔ PASS/);
    expect(text).toContain('0 findings (0 critical, 0 high, 0 medium, 0 low)');
    expect(text).toContain('3 fixed by this run');
    expect(text).not.toContain('CRITICAL');
    expect(text).toContain('No open findings: 3 fixed by this run. 42 users audited.');
    expect(text).toContain('FIXED  3');
    expect(text).toMatch(
      /Sam Ortega <sam@ortega-it\.example> +employee 162 +no-external-api-access +critical +locked/,
    );
  });

  it('still shows a finding whose step failed as open', () => {
    const fixed = appliedReport();
    const open = finding({ id: 'still-open', user: user({ id: 170, name: 'Fay Failed' }) });
    const r = report([...fixed.findings, open], {
      plan: [...fixed.plan, planStep({ findings: [open.id], status: 'failed', error: 'refused' })],
      ctx: { mode: 'apply' },
    });
    const text = renderConsole(r, { color: false });
    expect(text).toMatch(/CRITICAL {2}1\n[^\n]*WHO[^\n]*\n {2}Fay Failed/);
    expect(text).toContain('FIXED  3');
  });
});

describe('renderConsole widths', () => {
  const people = [
    user({ id: 160, name: 'Kevin Tran', email: 'kevin.tran@coolit-integrations.example' }),
    user({ id: 161, name: 'Jake Morrison', email: 'jake.morrison.hvac@gmail.com' }),
    user({ id: 162, name: 'Sam Ortega', email: 'sam@ortega-it.example' }),
  ];
  const wide = report([
    ...people.map((u) =>
      finding({
        id: `f-${u.id}`,
        user: u,
        evidence: { permissions: ['generate-api-key', 'manage-api-access'] },
        fix: { action: 'set-role', role: 'Technician - Residential Service' },
      }),
    ),
    finding({
      id: 'manual',
      rule: 'no-admins-outside-the-office-business-unit',
      user: people[0]!,
      fix: {
        action: 'manual',
        steps: ['Remove Generate API Application Key from Kevin Tran in Settings › Users › Permissions'],
      },
    }),
  ]);
  const whole = [
    ...people.map((u) => `<${u.email}>`),
    ...people.map((u) => `employee ${u.id}`),
    'no-external-api-access',
    'no-admins-outside-the-office-business-unit',
  ];

  it.each([200, 100, 80, 60, 40])('never cuts an email, record or rule id at %i columns', (width) => {
    const lines = renderConsole(wide, { color: false, width }).split('\n');
    for (const value of whole)
      expect(
        lines.some((l) => l.includes(value)),
        value,
      ).toBe(true);
    expect(lines.join('\n')).not.toMatch(/@[^\s>]*…/);
  });

  it.each([100, 80, 60, 40])('never cuts the fix or its manual steps at %i columns', (width) => {
    const text = renderConsole(wide, { color: false, width });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('set role Technician - Residential Service');
    expect(flat).toContain(
      'Remove Generate API Application Key from Kevin Tran in Settings › Users › Permissions',
    );
    expect(text).not.toContain('…');
  });

  it('keeps every line within the width, wrapping long cells', () => {
    for (const width of [200, 100, 80]) {
      const lines = renderConsole(wide, { color: false, width }).split('\n').slice(2);
      for (const line of lines) expect(Array.from(line).length, line).toBeLessThanOrEqual(width);
    }
  });

  it('lists each finding as a block when the columns cannot fit side by side', () => {
    const text = renderConsole(wide, { color: false, width: 50 });
    expect(text).not.toContain('WHO');
    expect(text).toContain(
      '  Sam Ortega <sam@ortega-it.example>\n    RECORD  employee 162\n    RULE    no-external-api-access\n',
    );
  });

  it('takes COLUMNS over the terminal, the terminal over the default of 100', () => {
    expect(consoleWidth(undefined, { COLUMNS: '72' })).toBe(72);
    expect(consoleWidth(180, { COLUMNS: '72' })).toBe(72);
    expect(consoleWidth(180, {})).toBe(180);
    expect(consoleWidth(undefined, {})).toBe(100);
    expect(consoleWidth(undefined, { COLUMNS: 'wide' })).toBe(100);
    expect(consoleWidth(90, { COLUMNS: '0' })).toBe(90);
  });

  it('renders narrower than 60 columns when asked, past the width only for one whole identifier', () => {
    const lines = renderConsole(wide, { color: false, width: 40 }).split('\n').slice(2);
    for (const line of lines.filter((l) => Array.from(l).length > 40)) {
      // an email or rule id longer than the terminal is left whole, alone on its line
      const value = line.trim().replace(/^- /, '').split(/ {2,}/).pop()!;
      expect(value, line).not.toContain(' ');
    }
  });
});

describe('console tables', () => {
  const paint = (text: string) => text;

  it('wraps free text at spaces and splits only words too long for the column', () => {
    expect(wrap('lock the account', 8, true)).toEqual(['lock the', 'account']);
    expect(wrap('generate-api-key', 8, true)).toEqual(['generate', '-api-key']);
    expect(wrap('generate-api-key', 8, false)).toEqual(['generate-api-key']);
  });

  it('wraps an identifying column only between words', () => {
    const lines = renderTable(
      [
        { header: 'WHO', min: 12, max: 44, keep: true },
        { header: 'NOTE', min: 10, max: 60 },
      ],
      [['Jake Morrison <jake.morrison.hvac@gmail.com>', 'x '.repeat(30).trim()]],
      { width: 50, paint },
    );
    expect(lines.join('\n')).toContain('<jake.morrison.hvac@gmail.com>');
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(50);
  });
});
