import { describe, expect, it } from 'vitest';
import type { Directory } from '../../src/domain/identity.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { TenantUser } from '../../src/engine/snapshot.js';
import type { Policy } from '../../src/policy/types.js';
import { forbid, NOW, policy, snapshot, user } from './builders.js';
import { carrier } from './helpers.js';
import { csvDirectory, entraDirectory, entraPerson, identityPolicy, person } from './identity-helpers.js';

const AAD_A = 'aaaaaaaa-0000-0000-0000-000000000001';
const AAD_B = 'bbbbbbbb-0000-0000-0000-000000000002';
const AAD_GONE = 'dddddddd-0000-0000-0000-00000000dead';

function identities(p: Policy, users: TenantUser[], directories: Directory[]) {
  const evaluation = evaluate(p, snapshot([user(carrier(p)), ...users]), NOW, directories);
  const roster = evaluation.identity!.roster;
  return Object.fromEntries(users.map((u) => [u.id, roster(u)!]));
}

describe('joining accounts to people', () => {
  const entra = entraDirectory('entra', [
    entraPerson(AAD_A, { emails: ['ann@acme.com'] }),
    entraPerson(AAD_B, { emails: ['bob@acme.com', 'robert@acme.com', 'bob@acme.mail.onmicrosoft.com'] }),
  ]);
  const hr = csvDirectory('hr', [person({ emails: ['carl@acme.com'] })]);

  it('tries the join keys in `match` order within a source', () => {
    // linked to Ann's object, but carrying Bob's address
    const u = user({ id: 10, aadUserId: AAD_A, email: 'bob@acme.com' });
    const byAad = identities(identityPolicy(), [u], [hr, entra])[10]!.identity;
    expect(byAad).toEqual({
      source: 'entra',
      personId: AAD_A,
      state: 'active',
      matchedBy: 'aad',
      lastSignIn: null,
    });
    const byEmail = identities(identityPolicy({ match: ['email', 'aad'] }), [u], [hr, entra])[10]!.identity;
    expect(byEmail).toMatchObject({ source: 'entra', personId: AAD_B, matchedBy: 'email' });
  });

  it('takes the first source that knows the user and looks no further', () => {
    const both = [
      csvDirectory('hr', [person({ emails: ['ann@acme.com'], state: 'terminated' })]),
      entraDirectory('entra', [entraPerson(AAD_A, { emails: ['ann@acme.com'] })]),
    ];
    const u = user({ id: 11, aadUserId: AAD_A, email: 'ann@acme.com' });
    expect(identities(identityPolicy(), [u], both)[11]!.identity).toMatchObject({
      source: 'hr',
      state: 'terminated',
      matchedBy: 'email',
    });
  });

  it('compares addresses case-insensitively and knows every address of a person', () => {
    const users = [
      user({ id: 12, email: 'ROBERT@Acme.com' }),
      user({ id: 13, email: null, login: 'Bob@ACME.mail.onmicrosoft.com' }),
      user({ id: 14, email: null, login: 'bob' }),
    ];
    const got = identities(identityPolicy(), users, [hr, entra]);
    expect(got[12]!.identity).toMatchObject({ personId: AAD_B, matchedBy: 'email' });
    expect(got[13]!.identity).toMatchObject({ personId: AAD_B, matchedBy: 'email' });
    // a login that is not an address matches no one
    expect(got[14]!.identity).toBeNull();
  });

  it('does not join by a key that `match` leaves out', () => {
    const u = user({ id: 15, aadUserId: AAD_A, email: 'nobody@acme.com' });
    expect(identities(identityPolicy({ match: ['email'] }), [u], [hr, entra])[15]!.identity).toBeNull();
  });

  it('calls an Entra object id the directory lacks deleted, when no other key matches', () => {
    const gone = user({ id: 16, aadUserId: AAD_GONE, email: 'gone@acme.com' });
    const known = user({ id: 17, aadUserId: AAD_GONE, email: 'carl@acme.com' });
    const got = identities(identityPolicy(), [gone, known], [hr, entra]);
    expect(got[16]!.identity).toEqual({
      source: 'entra',
      personId: AAD_GONE,
      state: 'deleted',
      matchedBy: 'aad',
      lastSignIn: null,
    });
    expect(got[17]!.identity).toMatchObject({ source: 'hr', state: 'active' });
  });

  it('never calls an object id deleted without an Entra directory to look in', () => {
    const u = user({ id: 18, aadUserId: AAD_GONE, email: 'gone@acme.com' });
    const p = identityPolicy({ sources: [identityPolicy().identity.sources[0]!] });
    expect(identities(p, [u], [hr])[18]!.identity).toBeNull();
  });

  it('prefers the person still there when two rows share an address (a rehire)', () => {
    const rehired = csvDirectory('hr', [
      person({ emails: ['dan@acme.com'], personId: 'dan-1', state: 'terminated' }),
      person({ emails: ['dan@acme.com'], personId: 'dan-2', state: 'active' }),
    ]);
    const u = user({ id: 19, email: 'dan@acme.com' });
    expect(identities(identityPolicy(), [u], [rehired, entra])[19]!.identity).toMatchObject({
      personId: 'dan-2',
      state: 'active',
    });
  });

  it('refuses to judge without the directory of every source', () => {
    expect(() => evaluate(identityPolicy(), snapshot([user({ id: 20 })]), NOW, [hr])).toThrow(
      /identity source entra was not read/,
    );
  });
});

describe('audience from the directory', () => {
  const entra = entraDirectory('entra', [
    entraPerson(AAD_A, { emails: ['vendor@acme.com'], type: 'guest' }),
    entraPerson(AAD_B, { emails: ['tech@gmail.com'], type: 'member' }),
  ]);
  const hr = csvDirectory('hr', [
    person({ emails: ['temp@acme.com'], type: 'contractor' }),
    person({ emails: ['field@yahoo.com'], type: 'employee' }),
    person({ emails: ['plain@acme.com'], type: null }),
  ]);
  const users = [
    user({ id: 30, email: 'vendor@acme.com' }),
    user({ id: 31, email: 'tech@gmail.com' }),
    user({ id: 32, email: 'temp@acme.com' }),
    user({ id: 33, email: 'field@yahoo.com' }),
    user({ id: 34, email: 'plain@acme.com' }),
    user({ id: 35, email: 'stranger@acme.com' }),
    user({ id: 36, email: 'temp@acme.com', kind: 'technician' }),
  ];

  it('makes guests and contractors external and members and employees internal, whatever the domain', () => {
    const got = identities(identityPolicy(), users, [hr, entra]);
    const seen = Object.fromEntries(
      Object.entries(got).map(([id, e]) => [id, `${e.audience}/${e.audienceFrom}`]),
    );
    expect(seen).toEqual({
      30: 'external/directory',
      31: 'internal/directory',
      32: 'external/directory',
      33: 'internal/directory',
      34: 'internal/domain',
      35: 'internal/domain',
      36: 'external/directory',
    });
  });

  it('lets internal-users and external-users win over the directory', () => {
    const p = identityPolicy({}, { internalUsers: ['temp@acme.com'], externalUsers: ['tech@gmail.com'] });
    const got = identities(p, users, [hr, entra]);
    expect(got[32]).toMatchObject({ audience: 'internal', audienceFrom: 'list' });
    expect(got[31]).toMatchObject({ audience: 'external', audienceFrom: 'list' });
  });

  it('decides which accounts a rule covers by the directory’s word', () => {
    const rules = [forbid('no-outsiders', { account: true, appliesTo: { audience: 'external' } })];
    const p = identityPolicy({ unmatched: 'ignore' }, { rules });
    const evaluation = evaluate(p, snapshot([user(carrier(p)), ...users]), NOW, [hr, entra]);
    const flagged = evaluation.findings.filter((f) => f.rule === 'no-outsiders');
    expect(flagged.map((f) => f.user!.id).sort()).toEqual([30, 32, 36]);
    expect(flagged[0]!.user).toMatchObject({ audience: 'external', audienceFrom: 'directory' });
    expect(evaluation.counts.externalUsers).toBe(4); // the three, and the carrier (no email)
  });

  it('leaves reports of a policy without identity exactly as they were', () => {
    const rules = [forbid('no-outsiders', { account: true, appliesTo: { audience: 'external' } })];
    const p = policy({ rules });
    const evaluation = evaluate(p, snapshot([user(carrier(p)), ...users]), NOW, [hr, entra]);
    expect(evaluation.identity).toBeUndefined();
    expect(evaluation.findings.map((f) => f.user!.id).sort()).toEqual([31, 33]);
    expect(Object.keys(evaluation.findings[0]!.user!)).not.toContain('identity');
    expect(Object.keys(evaluation.findings[0]!.user!)).not.toContain('audienceFrom');
  });
});
