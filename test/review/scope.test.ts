/**
 * Which accounts a review freezes (`reviews.scope`, identity findings), who reviews each, and the
 * one hash over the roster: the same for the same roster, different for any change in it.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { parsePolicy } from '../../src/policy/load.js';
import { freezeRoster, rosterHash } from '../../src/review/scope.js';
import { snapshot, user } from '../engine/builders.js';

const policy = (scope: string) =>
  parsePolicy(
    `version: 1
organization: { internal-domains: [acme.com] }
permissions:
  api-key: { id: 10421, granted: ['True'] }
rules:
  - id: r
    forbid: { permissions: [api-key] }
safety: { admin-roles: [Admin] }
reviews:
  scope: ${scope}
  reviewers:
    - github: [field-lead]
      applies-to: { kinds: [technician] }
    - github: [it-lead]
`,
    'policy.yml',
    { now: new Date('2025-01-06T00:00:00Z') },
  );

const users = [
  user({ id: 1, name: 'Ada Admin', email: 'ada@acme.com', roles: ['Admin'], roleIds: [1] }),
  user({ id: 2, name: 'Kim Key', email: 'kim@acme.com', permissions: { '10421': 'True' } }),
  user({ id: 3, name: 'Out Sider', email: 'out@partner.example' }),
  user({ id: 4, name: 'Lee Leaver', email: 'lee@acme.com' }),
  user({ id: 5, name: 'Locked Admin', email: 'la@acme.com', roles: ['Admin'], roleIds: [1], locked: true }),
  user({ id: 6, kind: 'technician', name: 'Tom Tech', email: 'tom@partner.example' }),
  user({ id: 7, name: 'Plain Staff', email: 'plain@acme.com' }),
];
const leaver = {
  rule: 'identity-leaver',
  user: { kind: 'employee', id: 4 },
  exemption: null,
} as unknown as Finding;

const keys = (scope: string, findings: Finding[] = []) => {
  const p = policy(scope);
  return freezeRoster(p, p.reviews!, snapshot(users), findings, false).accounts.map(
    (a) => `${a.key} g${a.group} ${a.why.join('+')}`,
  );
};

describe('freezing the roster', () => {
  it('takes active privileged and external accounts, each to the first group that matches', () => {
    expect(keys('[privileged, external]')).toEqual([
      'employee:1 g1 admin role Admin',
      'employee:2 g1 holds api-key',
      'employee:3 g1 external',
      'technician:6 g0 external',
    ]);
  });

  it('adds accounts of identity findings to any scope, and takes every active account with `all`', () => {
    expect(keys('[privileged]', [leaver])).toEqual([
      'employee:1 g1 admin role Admin',
      'employee:2 g1 holds api-key',
      'employee:4 g1 identity-leaver',
    ]);
    expect(keys('[all]')).toHaveLength(6);
  });

  it('hashes the roster the same whatever the order of the tenant, and differently for any change', () => {
    const p = policy('[privileged, external]');
    const one = freezeRoster(p, p.reviews!, snapshot(users), [], false);
    const shuffled = freezeRoster(p, p.reviews!, snapshot([...users].reverse()), [], false);
    expect(shuffled.hash).toBe(one.hash);
    expect(rosterHash(one.accounts)).toBe(one.hash);
    const renamed = users.map((u) => (u.id === 3 ? { ...u, roleIds: [2] } : u));
    expect(freezeRoster(p, p.reviews!, snapshot(renamed), [], false).hash).not.toBe(one.hash);
    const masked = freezeRoster(p, p.reviews!, snapshot(users), [], true);
    expect(masked.accounts[0]).toMatchObject({ name: 'A*** A***', email: 'a***@acme.com' });
    expect(masked.hash).not.toBe(one.hash);
  });

  it('leaves out nobody silently: an account no group matches is named', () => {
    const p = policy('[external]');
    const onlyTechnicians = { ...p.reviews!, reviewers: [p.reviews!.reviewers[0]!] };
    const roster = freezeRoster(p, onlyTechnicians, snapshot(users), [], false);
    expect(roster.accounts.map((a) => a.key)).toEqual(['technician:6']);
    expect(roster.unassigned.map((a) => a.key)).toEqual(['employee:3']);
  });
});
