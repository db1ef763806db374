import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { renderSummary } from '../../src/report/summary.js';
import { OVERVIEW_FROM } from '../../src/report/summary-overview.js';
import { COLLAPSE_FROM } from '../../src/report/summary-sections.js';
import type { Finding } from '../../src/engine/types.js';
import type { Severity } from '../../src/policy/types.js';
import { appliedReport, context, finding, fullReport, planStep, policy, report, user } from './fixtures.js';

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
    expect(md).toContain('| **Jane Roe**<br>jane.roe&commat;contractor.example<br>employee 21 · external |');
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
    const md = renderSummary(
      report([f], { comparison: { added: [f.id], resolved: ['old-id'], exempted: [] } }),
    );
    expect(md).toContain('This policy change: 1 finding added, 1 resolved, 0 exempted.');
    expect(md).toMatch(/\| added \| no-external-api-access \| \*\*Jane Roe\*\*/);
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
    // the cut falls inside the collapsed table, which is closed before the note
    expect(md).toMatch(/\|\n\n<\/details>\n\n---\n\n> \*\*This summary was cut short\*\*/);
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

describe('renderSummary after an apply', () => {
  it('shows the findings the apply fixed in their own section, never as open findings', () => {
    const md = renderSummary(appliedReport());
    expect(md).toMatch(/^## ✅ ServiceTitan access remediation: pass/);
    expect(md).toContain('| 0 | 0 | 0 | 0 | 0 | 42 | 40 | 5 |');
    expect(md).toContain('No open findings: 3 findings fixed by this run. 42 users audited.');
    expect(md).not.toContain('### Critical');
    expect(md).toContain('### Fixed by this run (3)');
    expect(md).toMatch(
      /\| \*\*Sam Ortega\*\*<br>sam&commat;ortega-it\.example<br>employee 162 · external \| .* \| no-external-api-access \| critical \| locked \|/,
    );
    expectWellFormedTables(md);
  });
});

/** `n` findings spread over four rules of each severity, one user each. */
function longReport(n: number): ReturnType<typeof report> {
  const rules: [string, Severity][] = [
    ['no-external-api-access', 'critical'],
    ['no-admins', 'high'],
    ['no-owner-outside-office', 'medium'],
    ['exemption-unused', 'low'],
  ];
  const findings: Finding[] = Array.from({ length: n }, (_, i) => {
    const [rule, severity] = rules[i % 7 === 0 ? 1 : i % 4]!;
    return finding({ id: `f-${i}`, rule, severity, user: user({ id: i, name: `User ${i}` }) });
  });
  return report(findings);
}

describe('renderSummary of a long run', () => {
  const md = renderSummary(longReport(40), { reportPath: 'r.json' });

  it('opens with a rollup by rule, most severe first', () => {
    const rollup = md.slice(md.indexOf('### Findings by rule'), md.indexOf('### Critical'));
    expect(rollup).toContain('| Rule | Severity | Open | Exempted |');
    const rows = rollup.split('\n').filter((l) => /^\| [a-z]/.test(l) && !l.startsWith('| Rule'));
    expect(rows.map((r) => r.split(' | ')[0]!.slice(2))).toEqual([
      'no-external-api-access',
      'no-admins',
      'no-owner-outside-office',
      'exemption-unused',
    ]);
    expect(rows[1]).toMatch(/^\| no-admins \| high \| 15 \| 0 \|$/);
  });

  it('draws the open findings by rule and severity as a Mermaid pie', () => {
    const chart = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1];
    expect(chart).toBeDefined();
    expect(chart).toMatch(/^pie showData\n {4}title Open findings by rule and severity\n/);
    expect(chart).toContain('    "no-admins (high)" : 15\n');
    expect(md.indexOf('```mermaid')).toBeLessThan(md.indexOf('### Critical'));
  });

  it('collapses tables longer than COLLAPSE_FROM rows into <details>, keeping the heading visible', () => {
    expect(md).toContain('### High (15)\n\n<details><summary>Show all 15 high findings</summary>\n\n| Who |');
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    const critical = md.slice(md.indexOf('### Critical'), md.indexOf('### High'));
    expect(critical.split('\n').filter((l) => l.startsWith('| **')).length).toBeLessThanOrEqual(
      COLLAPSE_FROM,
    );
    expect(critical).not.toContain('<details>');
    expectWellFormedTables(md);
  });

  it('keeps short summaries as they were: no chart, no rollup, nothing collapsed', () => {
    const short = renderSummary(longReport(OVERVIEW_FROM - 1));
    expect(short).not.toContain('mermaid');
    expect(short).not.toContain('Findings by rule');
    expect(short).not.toContain('<details>');
  });

  it('closes a collapsed table that the budget cuts, before its note', () => {
    const cut = renderSummary(longReport(500), { budgetBytes: 12_000 });
    expect(cut).toContain('cut short');
    expect(cut.split('<details>').length).toBe(cut.split('</details>').length);
    expect(cut).toMatch(/\|\n\n<\/details>\n\n---\n\n> \*\*This summary was cut short/);
  });

  it('keeps the chart inert whatever a rule id holds', () => {
    const hostile = report(
      Array.from({ length: OVERVIEW_FROM }, (_, i) =>
        finding({
          id: `h-${i}`,
          rule: 'x" : 999\n%%{init: {"theme":"dark"}}%%\n```\n<img src=x>',
          user: user({ id: i }),
        }),
      ),
    );
    const chart = /```mermaid\n([\s\S]*?)```\n/.exec(renderSummary(hostile))![1]!;
    const slices = chart
      .split('\n')
      .slice(2)
      .filter((l) => l !== '');
    expect(slices).toHaveLength(1);
    expect(slices[0]).toMatch(/^ {4}"[A-Za-z0-9 ._()-]+" : 6$/);
    expect(chart).not.toContain('%%');
  });
});

describe('renderSummary options', () => {
  it('names permissions by their policy label where the policy gives one', () => {
    const labelled = policy();
    labelled.permissions[0]!.label = 'Generate API Application Key';
    expect(renderSummary(report([finding()]), { policy: labelled })).toContain(
      '| permissions: Generate API Application Key |',
    );
    expect(renderSummary(report([finding()]), { policy: policy() })).toContain(
      '| permissions: generate-api-key |',
    );
  });

  it('links the tracking issue under the headline, only over https', () => {
    const md = renderSummary(report([finding()]), {
      issue: { number: 12, url: 'https://github.com/acme/access/issues/12' },
    });
    expect(md).toContain('\nTracking issue: [#12](https://github.com/acme/access/issues/12)\n');
    expect(md.indexOf('Tracking issue')).toBeLessThan(md.indexOf('### Critical'));
    expect(
      renderSummary(report([finding()]), { issue: { number: 12, url: 'javascript:alert(1)' } }),
    ).not.toContain('Tracking issue');
  });

  it('puts what changed since the last review before the footer', () => {
    const md = renderSummary(report([finding()]), {
      reportPath: 'r.json',
      sinceLastReview: '### Access changes since the last review\n\nFrom a to b: no changes.\n',
    });
    const since = md.indexOf('### Access changes since the last review');
    expect(since).toBeGreaterThan(md.indexOf('### Critical'));
    expect(since).toBeLessThan(md.indexOf('\n---\n'));
    expect(md.trimEnd().endsWith('finished 2026-03-01T08:00:05.000Z')).toBe(true);
  });
});
