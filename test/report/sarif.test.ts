import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES } from '../../src/engine/types.js';
import { MAX_RESULTS, renderSarif } from '../../src/report/sarif.js';
import { appliedReport, finding, fullReport, planStep, policy, report, user } from './fixtures.js';

const schema = JSON.parse(
  readFileSync(
    new URL('../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url),
    'utf8',
  ),
);
const ajv = new AjvDraft04.default({ strict: false, unicodeRegExp: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const POLICY_PATH = '.github/servicetitan-access.yml';

describe('renderSarif', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    const log = renderSarif(fullReport(), policy(), { policyPath: POLICY_PATH });
    validate(JSON.parse(JSON.stringify(log)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('fails validation when a result is malformed (so the check above can fail)', () => {
    const log = JSON.parse(JSON.stringify(renderSarif(fullReport(), policy(), { policyPath: POLICY_PATH })));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('describes the tool', () => {
    const { driver } = renderSarif(report([]), policy(), { policyPath: POLICY_PATH }).runs[0]!.tool;
    expect(driver).toMatchObject({
      name: 'servicetitan-access-guard',
      version: '1.0.0',
      informationUri: 'https://github.com/servicetitan-access-guard/servicetitan-access-guard',
    });
  });

  it('has one rule per policy rule plus the built-in ones', () => {
    const { rules } = renderSarif(report([]), policy(), { policyPath: POLICY_PATH }).runs[0]!.tool.driver;
    expect(rules.map((r) => r.id).sort()).toEqual(
      [
        'no-external-api-access',
        'no-admins',
        'at-most-three-admins',
        'no-technician-admins',
        ...BUILT_IN_RULES,
      ].sort(),
    );
  });

  it('gives each rule its description, help, security severity and level', () => {
    const { rules } = renderSarif(report([]), policy(), { policyPath: POLICY_PATH }).runs[0]!.tool.driver;
    const rule = rules.find((r) => r.id === 'no-external-api-access')!;
    expect(rule.shortDescription.text).toBe('Outsiders must not create app keys');
    expect(rule.fullDescription.text).toContain('generate-api-key');
    expect(rule.help.markdown.length).toBeGreaterThan(0);
    expect(rule.properties).toEqual({
      'security-severity': '9.5',
      tags: ['security'],
      precision: 'very-high',
    });
    expect(rule.defaultConfiguration.level).toBe('error');
    const severities = Object.fromEntries(rules.map((r) => [r.id, r.properties['security-severity']]));
    expect(severities).toMatchObject({
      'no-admins': '8.0',
      'at-most-three-admins': '5.5',
      'no-technician-admins': '3.0',
    });
  });

  it('locates each result at the finding’s place in the policy file', () => {
    const { results } = renderSarif(fullReport(), policy(), { policyPath: POLICY_PATH }).runs[0]!;
    expect(results).toHaveLength(4);
    expect(results[1]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: POLICY_PATH },
      region: { startLine: 20, startColumn: 5 },
    });
    expect(results.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'error']);
  });

  it('uses forward slashes in the policy path', () => {
    const { results } = renderSarif(report([finding()]), policy(), { policyPath: '.github\\access.yml' })
      .runs[0]!;
    expect(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('.github/access.yml');
  });

  it('fingerprints results with the stable finding id', () => {
    const { results } = renderSarif(fullReport(), policy(), { policyPath: POLICY_PATH }).runs[0]!;
    expect(results[0]!.partialFingerprints).toEqual({ 'findingId/v1': 'no-external-api-access:employee-21' });
  });

  it('suppresses exempted findings with the exemption’s reason', () => {
    const { results } = renderSarif(fullReport(), policy(), { policyPath: POLICY_PATH }).runs[0]!;
    expect(results[3]!.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'Integration partner, contract 2231' },
    ]);
    expect(results[0]!.suppressions).toBeUndefined();
  });

  it('does not suppress a finding whose exemption expired', () => {
    const expired = finding({
      exemption: {
        reason: 'r',
        expires: '2025-01-01',
        approvedBy: 'a@b.example',
        ticket: null,
        status: 'expired',
      },
    });
    const { results } = renderSarif(report([expired]), policy(), { policyPath: POLICY_PATH }).runs[0]!;
    expect(results[0]!.suppressions).toBeUndefined();
  });

  it('points ruleIndex at the result’s rule', () => {
    const run = renderSarif(fullReport(), policy(), { policyPath: POLICY_PATH }).runs[0]!;
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('still has a rule for every finding without the policy', () => {
    const run = renderSarif(fullReport(), null, { policyPath: POLICY_PATH }).runs[0]!;
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('caps results at GitHub’s limit and says so', () => {
    const findings = Array.from({ length: MAX_RESULTS + 5 }, (_, i) =>
      finding({ id: `f-${i}`, user: user({ id: i }) }),
    );
    const run = renderSarif(report(findings), policy(), { policyPath: POLICY_PATH }).runs[0]!;
    expect(run.results).toHaveLength(MAX_RESULTS);
    expect(run.properties).toMatchObject({
      truncated: true,
      totalResults: MAX_RESULTS + 5,
      shownResults: MAX_RESULTS,
    });
  });

  it('leaves out the findings this run’s apply fixed, so code scanning closes their alerts as fixed', () => {
    const fixed = appliedReport();
    const open = finding({ id: 'still-open', user: user({ id: 170, name: 'Fay Failed' }) });
    const r = report([...fixed.findings, open], {
      plan: [...fixed.plan, planStep({ findings: [open.id], status: 'failed', error: 'refused' })],
      ctx: { mode: 'apply' },
    });
    const log = renderSarif(r, policy(), { policyPath: POLICY_PATH });
    const run = log.runs[0]!;
    expect(run.results.map((x) => [x.partialFingerprints['findingId/v1'], x.level])).toEqual([
      ['still-open', 'error'],
    ]);
    expect(run.properties).toMatchObject({ remediatedFindings: 3 });
    expect(run.properties?.remediatedNote).toContain('code scanning closes their alerts as fixed');
    expect(run.properties?.truncated).toBeUndefined();
    validate(JSON.parse(JSON.stringify(log)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('has no error-level result after an apply that fixed everything', () => {
    const run = renderSarif(appliedReport(), policy(), { policyPath: POLICY_PATH }).runs[0]!;
    expect(run.results).toEqual([]);
  });
});
