import { describe, expect, it } from 'vitest';
import { forbid, policy, user, type AppliesToInit } from './builders.js';
import { carrier, flaggedUserIds, run } from './helpers.js';

const KEY = { '1234': 'True' };

/** Everyone below holds the API-key permission; the selector decides who is flagged. */
function flagged(appliesTo: AppliesToInit, users = population()) {
  const p = policy({ rules: [forbid('r', { permissions: ['generate-api-key'], appliesTo })] });
  return flaggedUserIds(run(p, [user(carrier(p)), ...users]), 'r');
}

function population() {
  return [
    user({
      id: 10,
      email: 'in@acme.com',
      permissions: KEY,
      roles: ['Office'],
      businessUnitId: 7,
      businessUnit: 'Plumbing',
    }),
    user({ id: 11, email: 'out@partner.example', permissions: KEY, role: 'Admin' }),
    user({
      id: 12,
      kind: 'technician',
      email: 'tech@acme.com',
      permissions: KEY,
      businessUnitId: 8,
      businessUnit: 'HVAC',
    }),
    user({ id: 13, email: 'gone@acme.com', permissions: KEY, active: false }),
    user({ id: 14, email: 'locked@partner.example', permissions: KEY, locked: true }),
  ];
}

describe('applies-to', () => {
  it('selects every active user when no key is given', () => {
    expect(flagged({})).toEqual([10, 11, 12]);
  });

  it('selects only internal users with audience internal', () => {
    expect(flagged({ audience: 'internal' })).toEqual([10, 12]);
  });

  it('selects only external users with audience external', () => {
    expect(flagged({ audience: 'external' })).toEqual([11]);
  });

  it('selects only the listed kinds', () => {
    expect(flagged({ kinds: ['technician'] })).toEqual([12]);
  });

  it('selects users holding a role by name through their role ids, case-insensitively', () => {
    expect(flagged({ roles: ['office'] })).toEqual([10]);
  });

  it('selects users holding a role through the built-in role enum', () => {
    expect(flagged({ roles: ['ADMIN'] })).toEqual([11]);
  });

  it('selects users in a business unit by name, case-insensitively', () => {
    expect(flagged({ businessUnits: ['plumbing'] })).toEqual([10]);
  });

  it('selects users in a business unit by id', () => {
    expect(flagged({ businessUnits: [8] })).toEqual([12]);
  });

  it('selects only the listed users', () => {
    expect(flagged({ users: ['out@partner.example', 'technician:12'] })).toEqual([11, 12]);
  });

  it('leaves out except-users', () => {
    expect(flagged({ exceptUsers: ['in@acme.com'] })).toEqual([11, 12]);
  });

  it('combines keys with AND', () => {
    const keys: AppliesToInit = { audience: 'internal', kinds: ['employee'] };
    expect(flagged(keys)).toEqual([10]);
  });

  it('skips deactivated and locked accounts by default', () => {
    expect(flagged({ users: ['gone@acme.com', 'locked@partner.example'] })).toEqual([]);
  });

  it('includes deactivated and locked accounts with include-inactive', () => {
    // findings come employees first, then technicians
    expect(flagged({ includeInactive: true })).toEqual([10, 11, 13, 14, 12]);
  });
});
