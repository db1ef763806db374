import { describe, expect, it } from 'vitest';
import {
  findingAnnotations,
  FINDINGS_PER_ANNOTATION,
  policyIssueAnnotations,
} from '../../src/report/annotations.js';
import { appliedReport, finding, fullReport, planStep, report, user } from './fixtures.js';

const POLICY_PATH = '.github/servicetitan-access.yml';
const active = {
  reason: 'Partner',
  expires: '2026-06-30',
  approvedBy: 'a@b.example',
  ticket: null,
  status: 'active' as const,
};

describe('findingAnnotations', () => {
  it('makes one annotation per rule, at the rule’s line, listing its findings', () => {
    const findings = [1, 2, 3].map((id) =>
      finding({ id: `f-${id}`, user: user({ id, name: `User ${id}` }) }),
    );
    const annotations = findingAnnotations(report(findings), POLICY_PATH);
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({ file: POLICY_PATH, startLine: 12, startColumn: 5 });
    expect(annotations[0]!.title).toBe('no-external-api-access (critical): 3 findings');
    expect(annotations[0]!.message.split('\n')).toHaveLength(3);
    expect(annotations[0]!.message).toContain('User 2');
  });

  it('annotates each rule of a report separately', () => {
    const rules = findingAnnotations(fullReport(), POLICY_PATH).map((a) => a.title.split(' ')[0]);
    expect(rules.sort()).toEqual(['at-most-three-admins', 'no-admins', 'no-external-api-access']);
  });

  it('annotates built-in findings at the exemption each concerns', () => {
    const annotations = findingAnnotations(
      report([
        finding({
          id: 'a',
          rule: 'exemption-unused',
          severity: 'low',
          user: null,
          location: { line: 50, column: 5 },
        }),
        finding({
          id: 'b',
          rule: 'exemption-unused',
          severity: 'low',
          user: null,
          location: { line: 55, column: 5 },
        }),
      ]),
      POLICY_PATH,
    );
    expect(annotations.map((a) => a.startLine)).toEqual([50, 55]);
  });

  it('bounds the list to the first 20 findings and says how many more', () => {
    const findings = Array.from({ length: 45 }, (_, i) => finding({ id: `f-${i}`, user: user({ id: i }) }));
    const [annotation] = findingAnnotations(report(findings), POLICY_PATH);
    const lines = annotation!.message.split('\n');
    expect(lines).toHaveLength(FINDINGS_PER_ANNOTATION + 1);
    expect(lines.at(-1)).toBe('and 25 more');
  });

  it('is an error when a non-exempt finding reaches fail-on', () => {
    expect(findingAnnotations(report([finding({ severity: 'high' })]), POLICY_PATH)[0]!.level).toBe('error');
  });

  it('is a warning when the findings are below fail-on', () => {
    const r = report([finding({ severity: 'medium' })], { ctx: { failOn: 'high' } });
    expect(findingAnnotations(r, POLICY_PATH)[0]!.level).toBe('warning');
  });

  it('is a warning when fail-on is never', () => {
    const r = report([finding({ severity: 'critical' })], { ctx: { failOn: 'never' } });
    expect(findingAnnotations(r, POLICY_PATH)[0]!.level).toBe('warning');
  });

  it('is a notice when every finding of the rule is exempted', () => {
    const [annotation] = findingAnnotations(report([finding({ exemption: active })]), POLICY_PATH);
    expect(annotation!.level).toBe('notice');
    expect(annotation!.message).toContain('exempted until 2026-06-30: Partner');
  });

  it('raises no error for findings this run’s apply fixed: a notice that says so', () => {
    const annotations = findingAnnotations(appliedReport(), POLICY_PATH);
    expect(annotations.map((a) => a.level)).toEqual(['notice']);
    expect(annotations[0]!.title).toBe('no-external-api-access (critical): 0 findings, 3 fixed by this run');
    expect(annotations[0]!.message).toContain(
      'Sam Ortega <sam@ortega-it.example> (employee 162, external): permissions: generate-api-key [fixed by this run]',
    );
  });

  it('stays an error for a finding of the rule that the apply did not fix', () => {
    const fixed = appliedReport();
    const open = finding({ id: 'open', user: user({ id: 170, name: 'Fay Failed' }) });
    const r = report([...fixed.findings, open], {
      plan: [...fixed.plan, planStep({ findings: [open.id], status: 'failed', error: 'refused' })],
      ctx: { mode: 'apply' },
    });
    const [annotation] = findingAnnotations(r, POLICY_PATH);
    expect(annotation!.level).toBe('error');
    expect(annotation!.title).toBe('no-external-api-access (critical): 1 finding, 3 fixed by this run');
  });

  it('lists errors before warnings and notices', () => {
    const levels = findingAnnotations(
      report([
        finding({ id: 'n', rule: 'r-notice', exemption: active, location: { line: 1, column: 1 } }),
        finding({ id: 'w', rule: 'r-warning', severity: 'low', location: { line: 2, column: 1 } }),
        finding({ id: 'e', rule: 'r-error', location: { line: 3, column: 1 } }),
      ]),
      POLICY_PATH,
    ).map((a) => a.level);
    expect(levels).toEqual(['error', 'warning', 'notice']);
  });

  it('makes none for a clean report', () => {
    expect(findingAnnotations(report([]), POLICY_PATH)).toEqual([]);
  });

  // Grouping copied a rule's list for each finding: 20,000 findings of one rule took 12 s of CPU
  // (22 s wall) on Node 20, and now take well under 100 ms; the budget leaves room for a busy machine.
  it('groups 20,000 findings of one rule within 2 s', () => {
    const findings = Array.from({ length: 20_000 }, (_, i) =>
      finding({ id: `f-${i}`, user: user({ id: i, name: `User ${i}` }) }),
    );
    const r = report(findings);
    const started = performance.now();
    const [annotation, ...others] = findingAnnotations(r, POLICY_PATH);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(others).toEqual([]);
    expect(annotation!.title).toBe('no-external-api-access (critical): 20000 findings');
    expect(annotation!.message.split('\n').at(-1)).toBe(`and ${20_000 - FINDINGS_PER_ANNOTATION} more`);
  });
});

describe('policyIssueAnnotations', () => {
  it('puts each policy problem at its file, line and column as an error', () => {
    const [annotation] = policyIssueAnnotations([
      {
        file: 'p.yml',
        line: 7,
        column: 3,
        code: 'policy.unknown-key',
        message: 'Unknown key "rulez"',
        hint: 'Did you mean "rules"?',
      },
    ]);
    expect(annotation).toEqual({
      level: 'error',
      title: 'policy.unknown-key',
      message: 'Unknown key "rulez" (Did you mean "rules"?)',
      file: 'p.yml',
      startLine: 7,
      startColumn: 3,
    });
  });
});
