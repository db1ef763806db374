import { describe, expect, it } from 'vitest';
import { discover } from '../../src/engine/discover.js';
import { policy, snapshot, user } from './builders.js';

const users = [
  user({ id: 1, name: 'A', roleIds: [1, 2], permissions: { '1234': 'True', '77': 'False' } }),
  user({ id: 2, name: 'B', roleIds: [2], permissions: { '1234': 'True', '77': null } }),
  user({ id: 3, name: 'C', active: false, roleIds: [42], permissions: { '1234': 'True' } }),
];

describe('discover', () => {
  const discovery = discover(snapshot(users), policy(), null);

  it('lists every permission id users carry, sorted, with the policy name when mapped', () => {
    expect(discovery.permissions.map((p) => [p.id, p.name])).toEqual([
      [77, null],
      [1234, 'generate-api-key'],
    ]);
  });

  it('counts active users per distinct value, and every user that carries the id', () => {
    expect(discovery.permissions[1]).toMatchObject({ values: { True: 2 }, users: 3 });
    expect(discovery.permissions[0]).toMatchObject({ values: { False: 1, null: 1 }, users: 2 });
  });

  it('lists the tenant roles with how many users hold each, and role ids that /user-roles did not list', () => {
    expect(discovery.roles.slice(0, 2)).toEqual([
      { id: 1, name: 'Admin', active: true, users: 1 },
      { id: 2, name: 'Office', active: true, users: 2 },
    ]);
    expect(discovery.roles.at(-1)).toEqual({ id: 42, name: '#42', active: false, users: 1 });
  });

  it('shows no changes without a baseline', () => {
    expect(discovery.changes).toBeNull();
  });

  it('shows every permission value that changed per user since a baseline', () => {
    const before = snapshot([
      user({ id: 2, name: 'B', permissions: { '1234': 'False', '77': null, '9': 'x' } }),
      user({ id: 1, name: 'A', permissions: { '1234': 'True', '77': 'False' } }),
    ]);
    expect(discover(snapshot(users), null, before).changes).toEqual([
      { user: { kind: 'employee', id: 2, name: 'B' }, permission: 9, before: 'x', after: undefined },
      { user: { kind: 'employee', id: 2, name: 'B' }, permission: 1234, before: 'False', after: 'True' },
    ]);
  });
});
