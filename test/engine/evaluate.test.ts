import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { exemption, forbid, maxHolders, NOW, policy, snapshot, user } from './builders.js';
import { carrier } from './helpers.js';

const p = policy({
  rules: [
    forbid('no-api-keys', { severity: 'critical', permissions: ['generate-api-key'] }),
    forbid('no-outsiders', { severity: 'low', account: true, appliesTo: { audience: 'external' } }),
    maxHolders('one-admin', { roles: ['Admin'], max: 1 }),
  ],
  exemptions: [exemption({ user: 'employee:3', rules: ['no-outsiders'], expires: '2026-06-30' })],
});
const users = [
  user(carrier(p)),
  user({ id: 2, email: 'a@acme.com', roles: ['Admin'], permissions: { '1234': 'True' } }),
  user({ id: 3, email: 'b@partner.example', roles: ['Admin'] }),
  user({ id: 4, kind: 'technician', email: null, login: null }),
  user({ id: 5, email: 'c@partner.example', locked: true }),
];

describe('evaluate', () => {
  const evaluation = evaluate(p, snapshot(users), NOW);

  it('counts users, active users and external users over the whole snapshot', () => {
    expect(evaluation.counts).toMatchObject({ users: 5, activeUsers: 3, externalUsers: 4 });
  });

  it('counts non-exempt findings by severity and exempted ones apart', () => {
    expect(evaluation.counts).toMatchObject({
      findings: 3,
      exempted: 1,
      critical: 1,
      high: 0,
      medium: 1,
      low: 1,
    });
  });

  it('sorts findings by severity, then rule, then user kind and id', () => {
    expect(
      evaluation.findings.map((f) => `${f.severity} ${f.rule} ${f.user?.kind ?? '-'} ${f.user?.id ?? '-'}`),
    ).toEqual([
      'critical no-api-keys employee 2',
      'medium one-admin - -',
      'low no-outsiders employee 3',
      'low no-outsiders technician 4',
    ]);
  });

  it('gives the same rule and user the same id in every run, and distinct findings distinct ids', () => {
    const again = evaluate(p, snapshot([...users].reverse()), new Date('2026-02-01T00:00:00Z'));
    expect(again.findings.map((f) => f.id)).toEqual(evaluation.findings.map((f) => f.id));
    expect(new Set(evaluation.findings.map((f) => f.id)).size).toBe(evaluation.findings.length);
    expect(evaluation.findings.every((f) => /^[0-9a-f]{16}$/.test(f.id))).toBe(true);
  });
});
