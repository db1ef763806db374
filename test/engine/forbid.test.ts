import { describe, expect, it } from 'vitest';
import { forbid, policy, user, type PolicyInit } from './builders.js';
import { carrier, ofRule, run } from './helpers.js';

const description = 'Outsiders must not create app keys or client secrets';
const noExternalApiAccess = forbid('no-external-api-access', {
  severity: 'critical',
  description,
  appliesTo: { audience: 'external' },
  permissions: ['generate-api-key', 'manage-api-access'],
});

function audit(rules = [noExternalApiAccess], users = [user()], permissions?: PolicyInit['permissions']) {
  const p = policy({ rules, ...(permissions ? { permissions } : {}) });
  return run(p, [user(carrier(p)), ...users]);
}

const jane = (p: Parameters<typeof user>[0] = {}) =>
  user({ id: 21, name: 'Jane Roe', email: 'jane@contractor.example', ...p });

describe('forbid rules', () => {
  it('flags a user holding a forbidden permission, saying who holds what and why it breaks the rule', () => {
    const [finding] = ofRule(
      audit(undefined, [jane({ permissions: { '1234': 'True', '1235': 'true' } })]),
      'no-external-api-access',
    );
    expect(finding?.message).toBe(
      'Jane Roe (jane@contractor.example, external employee #21) holds Generate API Application Key, ' +
        'Manage API Application Access; rule no-external-api-access forbids it: ' +
        description,
    );
    expect(finding?.severity).toBe('critical');
    expect(finding?.evidence).toEqual({ permissions: ['generate-api-key', 'manage-api-access'] });
    expect(finding?.user).toMatchObject({ kind: 'employee', id: 21, audience: 'external', active: true });
  });

  it('makes one finding per rule and user, however much the user holds', () => {
    const evaluation = audit(undefined, [jane({ permissions: { '1234': 'True', '1235': 'True' } })]);
    expect(ofRule(evaluation, 'no-external-api-access')).toHaveLength(1);
  });

  it('does not flag a permission whose value is not a granted value', () => {
    const evaluation = audit(undefined, [jane({ permissions: { '1234': 'False', '1235': null } })]);
    expect(ofRule(evaluation, 'no-external-api-access')).toEqual([]);
  });

  it('compares granted values case-insensitively', () => {
    const evaluation = audit(undefined, [jane({ permissions: { '1234': 'TRUE' } })]);
    expect(ofRule(evaluation, 'no-external-api-access')).toHaveLength(1);
  });

  it('uses the granted values a mapping lists', () => {
    const levels = [{ name: 'pricebook', id: 50, granted: ['edit', 'full'] }];
    const rule = forbid('no-pricebook-edit', { permissions: ['pricebook'] });
    const evaluation = audit(
      [rule],
      [jane({ id: 1, permissions: { '50': 'Full' } }), jane({ id: 2, permissions: { '50': 'View' } })],
      levels,
    );
    expect(ofRule(evaluation, 'no-pricebook-edit').map((f) => f.user?.id)).toEqual([1]);
  });

  it('names a permission by its mapping name in messages when it has no label', () => {
    const rule = forbid('r', { permissions: ['export'] });
    const evaluation = audit(
      [rule],
      [jane({ permissions: { '77': 'True' } })],
      [{ name: 'export', id: 77, granted: ['true'] }],
    );
    expect(ofRule(evaluation, 'r')[0]?.message).toContain('holds export; rule r forbids it');
  });

  it('flags a forbidden role held by name, reporting it as the tenant spells it', () => {
    const rule = forbid('no-admins', { roles: ['admin'] });
    const [finding] = ofRule(audit([rule], [jane({ roles: ['Office', 'Admin'] })]), 'no-admins');
    expect(finding?.evidence).toEqual({ roles: ['Admin'] });
    expect(finding?.message).toContain('holds role Admin; rule no-admins forbids it');
  });

  it('flags a forbidden role held through the built-in role enum', () => {
    const rule = forbid('no-owners', { roles: ['Owner'] });
    expect(ofRule(audit([rule], [jane({ role: 'Owner' })]), 'no-owners')).toHaveLength(1);
  });

  it('flags an active account when the rule forbids having an account', () => {
    const rule = forbid('no-outsider-accounts', { account: true, appliesTo: { audience: 'external' } });
    const [finding] = ofRule(audit([rule], [jane()]), 'no-outsider-accounts');
    expect(finding?.evidence).toEqual({ account: true });
    expect(finding?.message).toContain('holds an active account');
  });

  it('does not count a locked account as active, even with include-inactive', () => {
    const rule = forbid('no-accounts', { account: true, appliesTo: { includeInactive: true } });
    expect(ofRule(audit([rule], [jane({ locked: true })]), 'no-accounts')).toEqual([]);
  });

  it('points the finding at the rule in the policy file', () => {
    const [finding] = ofRule(
      audit(undefined, [jane({ permissions: { '1234': 'True' } })]),
      'no-external-api-access',
    );
    expect(finding?.location).toEqual({ line: 20, column: 5 });
  });

  it('carries the rule fix when it is lock, deactivate or set-role', () => {
    const holders = [jane({ roles: ['Admin'] })];
    const fixes = [
      { action: 'lock' },
      { action: 'deactivate' },
      { action: 'set-role', role: 'Office' },
    ] as const;
    for (const fix of fixes) {
      const rule = forbid('r', { roles: ['Admin'], fix });
      expect(ofRule(audit([rule], holders), 'r')[0]?.fix).toEqual(fix);
    }
  });

  const rotate =
    'In ServiceTitan, open Settings > Integrations > API Application Access and rotate the client secret of each app whose credentials Jane Roe created or saw; update the integrations that use it. Locking or deactivating the account does not revoke a secret already issued.';
  const disconnect =
    'In ServiceTitan, open Settings > Integrations > API Application Access and disconnect the apps Jane Roe created or connected that you no longer need: they keep working after the account is locked or deactivated.';

  it('adds to lock, deactivate and set-role the steps that revoke the API credentials a holder made', () => {
    const fixes = [
      { action: 'lock' },
      { action: 'deactivate' },
      { action: 'set-role', role: 'Office' },
    ] as const;
    for (const fix of fixes) {
      const rule = forbid('r', { permissions: ['generate-api-key', 'manage-api-access'], fix });
      const both = jane({ permissions: { '1234': 'True', '1235': 'True' } });
      expect(ofRule(audit([rule], [both]), 'r')[0]?.fix).toEqual({ ...fix, steps: [rotate, disconnect] });
      // an app key holder cannot make client secrets: only its apps are to be disconnected
      const keyOnly = jane({ permissions: { '1234': 'True' } });
      expect(ofRule(audit([rule], [keyOnly]), 'r')[0]?.fix).toEqual({ ...fix, steps: [disconnect] });
    }
  });

  it('recognises the API permissions by their policy name or their ServiceTitan label, not by id', () => {
    const lockRule = forbid('r', { permissions: ['api-keys', 'other'], fix: { action: 'lock' } });
    const holder = jane({ permissions: { '77': 'True', '78': 'True' } });
    const byLabel = audit(
      [lockRule],
      [holder],
      [
        { name: 'api-keys', id: 77, label: '  manage API application   access ', granted: ['true'] },
        { name: 'other', id: 78, label: 'Book Jobs', granted: ['true'] },
      ],
    );
    expect(ofRule(byLabel, 'r')[0]?.fix).toEqual({ action: 'lock', steps: [rotate, disconnect] });
    const unrelated = audit(
      [lockRule],
      [holder],
      [
        { name: 'api-keys', id: 77, granted: ['true'] },
        { name: 'other', id: 78, label: 'Book Jobs', granted: ['true'] },
      ],
    );
    expect(ofRule(unrelated, 'r')[0]?.fix).toEqual({ action: 'lock' });
  });

  it('gives the manual steps in ServiceTitan when the fix is none', () => {
    const rule = forbid('r', { permissions: ['generate-api-key'], roles: ['Admin'], account: true });
    const tech = jane({ kind: 'technician', permissions: { '1234': 'True' }, roles: ['Admin'] });
    expect(ofRule(audit([rule], [tech]), 'r')[0]?.fix).toEqual({
      action: 'manual',
      steps: [
        'In ServiceTitan, open Settings > People > Technicians > Jane Roe > Permissions and turn off Generate API Application Key.',
        'In ServiceTitan, open Settings > People > Technicians > Jane Roe > Roles and remove Admin.',
        'In ServiceTitan, open Settings > People > Technicians > Jane Roe and deactivate the account.',
        disconnect,
      ],
    });
  });
});
