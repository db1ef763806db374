import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Snapshot } from '../../src/engine/snapshot.js';
import { parsePolicy } from '../../src/policy/load.js';
import { forbid, maxHolders, NOW, policy, snapshot, user, type PolicyInit } from './builders.js';
import { carrier, ofRule } from './helpers.js';

const KEY = { '1234': 'True' };
const admin = user({ id: 21, name: 'Sam Ortega', email: 'sam@ortega-it.example', roles: ['Admin'] });
const owner = user({ id: 22, name: 'Robert Hallorann', email: 'robert@acme.com', role: 'Owner' });
const plumber = user({ id: 23, businessUnitId: 7, businessUnit: 'Plumbing', permissions: KEY });

function audit(init: PolicyInit, users = [admin, owner, plumber], tweak: (s: Snapshot) => void = () => {}) {
  const p = policy(init);
  const s = snapshot([user(carrier(p)), ...users]);
  tweak(s);
  return evaluate(p, s, NOW);
}

const unmatched = (init: PolicyInit, users?: Parameters<typeof audit>[1]) =>
  ofRule(audit(init, users), 'reference-unmatched');

describe('reference-unmatched', () => {
  it('flags a rule role the tenant does not have (medium), naming the rule, the key and the nearest role', () => {
    const rule = forbid('no-external-admins', { roles: ['Admin'], appliesTo: { roles: ['Admins'] } });
    const [finding, ...rest] = unmatched({ rules: [rule] });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'medium',
      user: null,
      exemption: null,
      evidence: {
        reference: { kind: 'role', value: 'Admins', key: 'applies-to.roles', rule: 'no-external-admins' },
      },
      location: { line: 20, column: 5 },
    });
    expect(finding?.message).toBe(
      'Rule no-external-admins names the role "Admins" in applies-to.roles, which is not a role of the tenant: ' +
        'the rule leaves out holders of the role meant, and may check nobody',
    );
    expect(finding?.fix).toEqual({
      action: 'manual',
      steps: [expect.stringContaining('(did you mean "Admin"?)')],
    });
  });

  it('matches roles case-insensitively through user roles, roles held, the built-in enum and inactive roles', () => {
    const rule = forbid('r', {
      roles: ['admin', 'OWNER', 'Retired', 'TechnicianHelper', 'Office'],
      appliesTo: { roles: ['admin'] },
    });
    expect(unmatched({ rules: [rule], adminRoles: ['Admin', 'Owner', 'Dispatch'] })).toEqual([]);
  });

  it('flags business units, applies-to users, except-users, forbid roles and max-holders roles of rules', () => {
    const rules = [
      forbid('scoped', {
        account: true,
        appliesTo: {
          businessUnits: ['Plumbing', 'plumbing ', 7, '7', 'Plumbin', 99],
          users: ['sam@ortega-it.example', 'employee:22', 'login:ghost', 'user:9999'],
          exceptUsers: ['robert@acme.com', 'robret@acme.com'],
        },
      }),
      forbid('roles', { roles: ['Admin', 'Superuser'] }),
      maxHolders('few-admins', { roles: ['Owner', 'Owners'], max: 1 }),
    ];
    const found = unmatched({ rules }).map((f) => f.evidence.reference);
    expect(found).toEqual(
      expect.arrayContaining([
        { kind: 'business-unit', value: 'Plumbin', key: 'applies-to.business-units', rule: 'scoped' },
        { kind: 'business-unit', value: '99', key: 'applies-to.business-units', rule: 'scoped' },
        { kind: 'user', value: 'login:ghost', key: 'applies-to.users', rule: 'scoped' },
        { kind: 'user', value: 'user:9999', key: 'applies-to.users', rule: 'scoped' },
        { kind: 'user', value: 'robret@acme.com', key: 'applies-to.except-users', rule: 'scoped' },
        { kind: 'role', value: 'Superuser', key: 'forbid.roles', rule: 'roles' },
        { kind: 'role', value: 'Owners', key: 'max-holders.roles', rule: 'few-admins' },
      ]),
    );
    expect(found).toHaveLength(7);
    const except = unmatched({ rules }).find((f) => f.evidence.reference?.value === 'robret@acme.com');
    expect(except?.message).toContain('the rule still checks the account meant to be excepted');
    expect(except?.fix.action === 'manual' && except.fix.steps[0]).toContain(
      'did you mean "robert@acme.com"?',
    );
  });

  it('counts an inactive or locked account, and a business unit known only from /business-units', () => {
    const gone = user({ id: 30, email: 'gone@acme.com', active: false, locked: true });
    const findings = ofRule(
      audit(
        {
          rules: [forbid('r', { account: true, appliesTo: { businessUnits: ['Solar (closed)'] } })],
          protectedUsers: ['gone@acme.com'],
        },
        [gone],
        (s) => s.businessUnits.push({ id: 6, name: 'Solar (closed)', active: false }),
      ),
      'reference-unmatched',
    );
    expect(findings).toEqual([]);
  });

  it('flags a protected user and an admin role that match nothing as high, and apply refuses', () => {
    const evaluation = audit({
      rules: [forbid('lock-key-holders', { permissions: ['generate-api-key'], fix: { action: 'lock' } })],
      protectedUsers: ['owner@acme.com', 'robert@acme.com'],
      adminRoles: ['Admin', 'Admnistrator'],
      minActiveAdmins: 1,
    });
    const found = ofRule(evaluation, 'reference-unmatched').sort((a, b) =>
      a.evidence.reference!.key.localeCompare(b.evidence.reference!.key),
    );
    expect(found.map((f) => [f.severity, f.evidence.reference?.key, f.evidence.reference?.value])).toEqual([
      ['high', 'safety.admin-roles', 'Admnistrator'],
      ['high', 'safety.protected-users', 'owner@acme.com'],
    ]);
    expect(found[1]?.message).toBe(
      'safety.protected-users names the user owner@acme.com, who matches no account of the tenant, active or not: ' +
        'apply would not protect the account meant, so it refuses to change anything until this is corrected',
    );
    expect(evaluation.refusals.map((r) => r.code)).toEqual(['apply.reference-unmatched']);
    expect(evaluation.refusals[0]?.message).toContain('safety.admin-roles Admnistrator');
    expect(evaluation.refusals[0]?.message).toContain('safety.protected-users owner@acme.com');
  });

  it('does not refuse apply for a rule reference, and leaves exemptions, approvers and internal users alone', () => {
    const evaluation = audit({
      rules: [forbid('r', { permissions: ['generate-api-key'], appliesTo: { roles: ['Nobody'] } })],
      internalUsers: ['bot@gmail.com'],
      externalUsers: ['temp@acme.com'],
    });
    expect(ofRule(evaluation, 'reference-unmatched').map((f) => f.severity)).toEqual(['medium']);
    expect(evaluation.refusals).toEqual([]);
  });

  it('gives each reference a stable id of its own, whatever the order of rules', () => {
    const a = forbid('a', { roles: ['Ghost'] });
    const b = forbid('b', { roles: ['Ghost'] });
    const ids = unmatched({ rules: [a, b] }).map((f) => f.id);
    expect(new Set(ids).size).toBe(2);
    expect(
      unmatched({ rules: [b, a] })
        .map((f) => f.id)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('points at the reference itself in the policy file', () => {
    const text = [
      'version: 1',
      'permissions:',
      '  generate-api-key: { id: 1234 }',
      'rules:',
      '  - id: no-external-admins',
      '    applies-to:',
      '      roles: [Office, Admins]',
      '      except-users:',
      '        - robert@acme.com',
      '        - nobody@acme.com',
      '    forbid: { roles: [Admin] }',
      'safety:',
      '  protected-users: [owner@acme.com]',
      '  admin-roles: [Admin, Owner]',
      '',
    ].join('\n');
    const p = parsePolicy(text, 'policy.yml', { now: NOW });
    const s = snapshot([admin, owner, user({ permissions: { '1234': 'False' }, roles: ['Office'] })]);
    const found = ofRule(evaluate(p, s, NOW), 'reference-unmatched').sort(
      (a, b) => a.location.line - b.location.line,
    );
    expect(found.map((f) => [f.evidence.reference?.value, f.location])).toEqual([
      ['Admins', { line: 7, column: 23 }],
      ['nobody@acme.com', { line: 10, column: 11 }],
      ['owner@acme.com', { line: 13, column: 21 }],
    ]);
    expect(found[2]?.fix.action === 'manual' && found[2].fix.steps[0]).toContain('line 13 of policy.yml');
  });
});
