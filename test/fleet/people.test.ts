/** Who is the same person across tenants: an email (any case) or an aadUserId. */
import { describe, expect, it } from 'vitest';
import { PeopleIndex, type FleetAccount } from '../../src/fleet/people.js';

const account = (changes: Partial<FleetAccount>): FleetAccount => ({
  email: null,
  aadUserId: null,
  name: null,
  active: true,
  locked: false,
  ...changes,
});

describe('cross-tenant people', () => {
  it('joins accounts with different emails through their aadUserId, and finds the leaver among them', () => {
    const index = new PeopleIndex(['north', 'south', 'east']);
    index.addAccount(0, account({ email: 'ana@north.example', aadUserId: 'AAD-1', name: 'Ana Avery' }));
    index.addAccount(1, account({ email: 'ana.avery@south.example', aadUserId: 'aad-1', active: false }));
    index.addAccount(2, account({ email: 'ANA@north.example', locked: true }));
    const { people, leavers } = index.result();
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({
      email: 'ana@north.example',
      aadUserId: 'aad-1',
      tenants: [
        { tenant: 'north', state: 'active' },
        { tenant: 'south', state: 'deactivated' },
        { tenant: 'east', state: 'locked' },
      ],
    });
    expect(leavers).toHaveLength(1);
    expect(leavers[0]!.message).toBe(
      'ana@north.example is deactivated in south, locked in east and still active in north.',
    );
  });

  it('merges two people found separately once an account names both of their keys', () => {
    const index = new PeopleIndex(['a', 'b', 'c']);
    index.addAccount(0, account({ email: 'jo@x.example' }));
    index.addHolding(0, account({ email: 'jo@x.example' }), 'generate-api-key');
    index.addAccount(1, account({ aadUserId: 'g-7' }));
    index.addHolding(1, account({ aadUserId: 'g-7' }), 'generate-api-key');
    index.addAccount(2, account({ email: 'Jo@X.example', aadUserId: 'G-7' }));
    const { people } = index.result();
    expect(people).toHaveLength(1);
    expect(people[0]!.tenants.map((t) => t.tenant)).toEqual(['a', 'b', 'c']);
    expect(people[0]!.holds).toEqual([{ permission: 'generate-api-key', tenants: ['a', 'b'] }]);
  });

  it('counts a tenant as active when any of the person’s accounts there is, and ignores accounts with no key', () => {
    const index = new PeopleIndex(['a', 'b']);
    index.addAccount(0, account({ email: 'sam@x.example', active: false }));
    index.addAccount(0, account({ email: 'sam@x.example' }));
    index.addAccount(1, account({ email: 'sam@x.example' }));
    index.addAccount(0, account({ name: 'Front Desk Tablet' }));
    index.addAccount(1, account({ name: 'Front Desk Tablet' }));
    const { people, leavers } = index.result();
    expect(people.map((p) => p.email)).toEqual(['sam@x.example']);
    expect(leavers).toEqual([]);
  });

  it('leaves out people who are in one tenant only, however many accounts they have there', () => {
    const index = new PeopleIndex(['a', 'b']);
    index.addAccount(0, account({ email: 'one@x.example' }));
    index.addAccount(0, account({ email: 'one@x.example', locked: true }));
    expect(index.result()).toEqual({ people: [], total: 0, leavers: [] });
  });

  it('still finds the same people after growing past its first tables (80,000 people)', () => {
    const index = new PeopleIndex(['a', 'b']);
    for (let i = 0; i < 40_000; i++) index.addAccount(0, account({ email: `user.${i}@a.example` }));
    // every tenth person of a also has an account in b, written in capitals, some deactivated there
    for (let i = 0; i < 40_000; i++) {
      const email = i % 10 === 0 ? `USER.${i}@A.example` : `user.${i}@b.example`;
      index.addAccount(1, account({ email, active: i % 20 !== 0 }));
    }
    const { people, total, leavers } = index.result();
    expect(total).toBe(4000);
    expect(people).toHaveLength(4000);
    expect(people.every((p) => /^user\.\d*0@a\.example$/.test(p.email!))).toBe(true);
    expect(leavers).toHaveLength(2000);
    expect(leavers.every((l) => l.inactiveIn[0]!.tenant === 'b' && l.activeIn[0] === 'a')).toBe(true);
  });
});
