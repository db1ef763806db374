import { describe, expect, it } from 'vitest';
import { exemption, forbid, policy, user } from './builders.js';
import { ofRule, run } from './helpers.js';

describe('permission-unmapped', () => {
  const p = policy();

  it('flags a mapped permission id that no user carries, at the mapping (high)', () => {
    const evaluation = run(p, [user({ permissions: { '1234': 'False' } })]);
    const unmapped = ofRule(evaluation, 'permission-unmapped');
    expect(unmapped).toHaveLength(1);
    expect(unmapped[0]).toMatchObject({
      severity: 'high',
      user: null,
      evidence: { permission: 'manage-api-access' },
      location: { line: 6, column: 3 },
    });
    expect(unmapped[0]?.fix).toEqual({
      action: 'manual',
      steps: [expect.stringContaining('st-access-guard discover')],
    });
  });

  it('does not flag an id carried with any value, even null, even by an inactive user', () => {
    const evaluation = run(p, [
      user({ permissions: { '1234': null } }),
      user({ active: false, permissions: { '1235': 'whatever' } }),
    ]);
    expect(ofRule(evaluation, 'permission-unmapped')).toEqual([]);
  });
});

describe('built-in findings', () => {
  it('cannot be exempted', () => {
    const p = policy({
      rules: [forbid('r', { account: true })],
      exemptions: [exemption({ user: 'a@acme.com', rules: ['r'], expires: '2020-01-01' })],
    });
    const evaluation = run(p, []);
    expect(evaluation.findings.every((f) => f.exemption === null)).toBe(true);
  });
});
