/**
 * `safety.admin-permissions`: admin access named by permission as well as by role. A role is only
 * a name (a custom role may be called anything, and "Admin" is also a permission section), so
 * `min-active-admins` also counts the holders of the permissions the policy names.
 */
import { describe, expect, it } from 'vitest';
import { activeAdmins, minAdminsRefusal } from '../../src/engine/safety.js';
import type { PlanStep } from '../../src/engine/types.js';
import type { Policy } from '../../src/policy/types.js';
import { parsePolicy } from '../../src/policy/load.js';
import { API_KEY_PERMISSIONS, policy, snapshot, user } from './builders.js';
import { issueWith, NOW } from '../policy/support.js';

const ADMIN_ACCESS = { name: 'admin-access', id: 900, label: 'Access to Admin', granted: ['true'] };

function withAdminPermissions(names: string[] | undefined): Policy {
  const p = policy({ permissions: [...API_KEY_PERMISSIONS, ADMIN_ACCESS], minActiveAdmins: 1 });
  return names ? { ...p, safety: { ...p.safety, adminPermissions: names } } : p;
}

function lock(id: number): PlanStep {
  return {
    action: 'lock',
    user: { kind: 'employee', id, userId: id, name: `User ${id}`, email: null },
    rules: ['r'],
    findings: ['f'],
    status: 'planned',
  };
}

// the only admin by role is locked; the operations lead is an admin by permission, under a custom role
const roleAdmin = user({ id: 1, roles: ['Admin'] });
const opsLead = user({ id: 2, roles: ['Operations Lead'], permissions: { '900': 'True' } });
const tenant = snapshot([
  roleAdmin,
  opsLead,
  user({ id: 3, roles: ['CSR'], permissions: { '900': 'False' } }),
]);

describe('safety.admin-permissions', () => {
  it('counts the holders of an admin permission, whatever their role is called', () => {
    const p = withAdminPermissions(['admin-access']);
    expect(activeAdmins(p, tenant, [lock(1)])).toEqual({ before: 2, after: 1 });
    expect(minAdminsRefusal(p, tenant, [lock(1)])).toBeNull();
  });

  it('leaves a policy without it counting roles only, as before', () => {
    for (const p of [withAdminPermissions(undefined), withAdminPermissions([])]) {
      expect(activeAdmins(p, tenant, [lock(1)])).toEqual({ before: 1, after: 0 });
      expect(minAdminsRefusal(p, tenant, [lock(1)])?.message).toContain('0 active admins (Admin, Owner)');
    }
  });

  it('refuses to lock out the last admin by permission, naming the permission', () => {
    const p = withAdminPermissions(['admin-access']);
    const refusal = minAdminsRefusal(p, tenant, [lock(1), lock(2)]);
    expect(refusal?.code).toBe('apply.min-active-admins');
    expect(refusal?.message).toContain(
      '0 active admins (Admin, Owner, permission admin-access) would remain (2 now)',
    );
  });

  it('does not count a locked or inactive holder, nor one whose roles a set-role replaces', () => {
    const p = withAdminPermissions(['admin-access']);
    const idle = snapshot([
      user({ id: 4, locked: true, permissions: { '900': 'True' } }),
      user({ id: 5, active: false, permissions: { '900': 'True' } }),
      opsLead,
    ]);
    expect(activeAdmins(p, idle, [])).toEqual({ before: 1, after: 1 });
    // permissions come with roles: after roleId replaces them, only the new role can make an admin
    const demote: PlanStep = { ...lock(2), action: 'set-role', role: 'CSR', roleId: 7 };
    expect(activeAdmins(p, idle, [demote])).toEqual({ before: 1, after: 0 });
  });

  it('is read from the policy file, and must name mapped permissions', () => {
    const text = `version: 1
permissions:
  generate-api-key: { id: 10421 }
  admin-access: { id: 10500, label: Access to Admin }
rules:
  - id: r
    forbid: { permissions: [generate-api-key] }
safety:
  admin-permissions: [admin-access]
`;
    expect(parsePolicy(text, 'policy.yml', { now: NOW }).safety.adminPermissions).toEqual(['admin-access']);
    expect(parsePolicy(text.replace(/safety:\n.*\n/, ''), 'policy.yml', { now: NOW }).safety).toMatchObject({
      adminRoles: ['Admin', 'Owner'],
      adminPermissions: [],
    });
    const unknown = issueWith(text.replace('[admin-access]', '[admin-acess]'), 'policy.unknown-permission');
    expect(unknown).toMatchObject({ line: 9, hint: 'did you mean `admin-access`?' });
    expect(unknown.message).toContain('safety.admin-permissions');
  });
});
