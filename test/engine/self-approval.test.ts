/**
 * SPEC §4: an exemption's approver is not the exempted user. Once the tenant is known, the two
 * references are resolved to people, so another name for the same person does not get round it.
 */
import { describe, expect, it } from 'vitest';
import { selfApprovedExemptions } from '../../src/engine/exemptions.js';
import { parsePolicy } from '../../src/policy/load.js';
import type { Exemption } from '../../src/policy/types.js';
import { exemption, forbid, NOW, policy, snapshot, user } from './builders.js';

const rule = forbid('no-external-api-access', {
  appliesTo: { audience: 'external' },
  permissions: ['generate-api-key'],
});

const jane = user({ kind: 'employee', id: 21, userId: 9021, email: 'Jane@Partner.example', login: 'JRoe' });
const janeInTheField = user({
  kind: 'technician',
  id: 77,
  userId: 9077,
  email: 'jane@partner.example',
  login: 'jroe.tech',
});
const security = user({ kind: 'employee', id: 5, userId: 9005, email: 'security@acme.com', login: 'sec' });
const tenant = snapshot([jane, janeInTheField, security]);

function approved(who: string, by: string): Exemption {
  return { ...exemption({ user: who, rules: [rule.id], expires: '2026-03-31' }), approvedBy: by };
}

function issuesFor(...exemptions: Exemption[]) {
  return selfApprovedExemptions(policy({ rules: [rule], exemptions }), tenant);
}

describe('self-approval against the tenant', () => {
  it.each([
    // the red team's two cases
    ['an email approved by that user’s login', 'jane@partner.example', 'login:jroe'],
    ['employee:ID approved by that employee’s email', 'employee:21', 'jane@partner.example'],
    // and the reverse of each
    ['a login approved by that user’s email', 'login:jroe', 'jane@partner.example'],
    ['an email approved by employee:ID of that user', 'jane@partner.example', 'employee:21'],
    ['user:ID approved by the same account’s login', 'user:9021', 'login:JROE'],
    ['employee:ID approved by user:ID of the same account', 'employee:21', 'user:9021'],
    ['a login approved by the same email in capitals', 'login:jroe', 'JANE@PARTNER.EXAMPLE'],
    // one person with an employee and a technician account sharing an email
    ['the technician account approved by the employee account', 'technician:77', 'employee:21'],
    ['the technician’s login approved by the employee’s login', 'login:jroe.tech', 'login:jroe'],
  ])('refuses %s', (_, who, by) => {
    const [issue] = issuesFor(approved(who, by));
    expect(issue).toMatchObject({ code: 'policy.self-approved', file: '.github/servicetitan-access.yml' });
    expect(issue?.message).toContain(`\`${who}\``);
    expect(issue?.message).toContain(`\`${by}\``);
  });

  it('accepts an approval by someone else, and by someone with no account', () => {
    expect(issuesFor(approved('jane@partner.example', 'login:sec'))).toEqual([]);
    expect(issuesFor(approved('employee:21', 'security@acme.com'))).toEqual([]);
    expect(issuesFor(approved('employee:21', 'ciso@acme.com'))).toEqual([]);
  });

  it('says nothing about an exemption whose user is not in the tenant (that is exemption-unused)', () => {
    expect(issuesFor(approved('ghost@partner.example', 'login:jroe'))).toEqual([]);
  });

  it('joins people through a shared user id, Entra id or login-as-address, transitively', () => {
    const a = user({
      kind: 'employee',
      id: 1,
      userId: 1,
      email: 'a@x.example',
      login: 'a',
      aadUserId: 'AAD-1',
    });
    const b = user({
      kind: 'technician',
      id: 2,
      userId: 2,
      email: 'b@x.example',
      login: 'b',
      aadUserId: 'aad-1',
    });
    const c = user({ kind: 'technician', id: 3, userId: 3, email: null, login: 'B@x.example' });
    const p = policy({ rules: [rule], exemptions: [approved('technician:3', 'employee:1')] });
    expect(selfApprovedExemptions(p, snapshot([a, b, c]))).toHaveLength(1);
    const apart = snapshot([a, { ...b, aadUserId: null }, c]);
    expect(selfApprovedExemptions(p, apart)).toEqual([]);
  });

  it('points at `approved-by` in the policy file', () => {
    const text = [
      'version: 1',
      'organization: { internal-domains: [acme.com] }',
      'permissions: { generate-api-key: { id: 1234 } }',
      'rules:',
      '  - id: no-external-api-access',
      '    applies-to: { audience: external }',
      '    forbid: { permissions: [generate-api-key] }',
      'exemptions:',
      '  - user: jane@partner.example',
      '    rules: [no-external-api-access]',
      '    reason: Integration partner',
      '    expires: 2026-03-31',
      '    approved-by: login:jroe',
      '',
    ].join('\n');
    const loaded = parsePolicy(text, 'policy.yml', { now: NOW });
    expect(selfApprovedExemptions(loaded, tenant)).toEqual([
      expect.objectContaining({ file: 'policy.yml', line: 13, column: 18, code: 'policy.self-approved' }),
    ]);
  });
});
