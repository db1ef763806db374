import { describe, expect, it } from 'vitest';
import { classifyAudience, isAtDomain, matchesUserRef } from '../../src/engine/audience.js';
import { policy, ref, user } from './builders.js';

const org = (p: Parameters<typeof policy>[0] = {}) => policy(p).organization;

describe('audience', () => {
  it('treats an email at an internal domain as internal', () => {
    expect(classifyAudience(user({ email: 'jane@acme.com' }), org())).toBe('internal');
  });

  it('treats an email at a subdomain of an internal domain as internal', () => {
    expect(classifyAudience(user({ email: 'jane@field.acme.com' }), org())).toBe('internal');
  });

  it('compares domains case-insensitively', () => {
    expect(classifyAudience(user({ email: 'Jane@ACME.Com' }), org({ internalDomains: ['Acme.COM'] }))).toBe(
      'internal',
    );
  });

  it('does not treat acme.com.evil.io as acme.com', () => {
    expect(classifyAudience(user({ email: 'eve@acme.com.evil.io' }), org())).toBe('external');
  });

  it('does not treat notacme.com as a subdomain of acme.com', () => {
    expect(isAtDomain('eve@notacme.com', 'acme.com')).toBe(false);
  });

  it('treats an email at any other domain as external', () => {
    expect(classifyAudience(user({ email: 'jane@contractor.example' }), org())).toBe('external');
  });

  it('uses the login when there is no email', () => {
    expect(classifyAudience(user({ email: null, login: 'jane@acme.com' }), org())).toBe('internal');
  });

  it('does not count a login without @ as being at a domain', () => {
    expect(classifyAudience(user({ email: null, login: 'acme.com' }), org())).toBe('external');
  });

  it('decides on the email, not the login, when both are present', () => {
    expect(classifyAudience(user({ email: 'jane@contractor.example', login: 'jane@acme.com' }), org())).toBe(
      'external',
    );
  });

  it('treats a user with no email and no login as external', () => {
    expect(classifyAudience(user({ email: null, login: null }), org())).toBe('external');
  });

  it('treats a user listed in external-users as external even at an internal domain', () => {
    const temp = user({ email: 'temp@acme.com' });
    expect(classifyAudience(temp, org({ externalUsers: ['temp@acme.com'] }))).toBe('external');
  });

  it('treats a user listed in internal-users as internal, whatever the domain', () => {
    const bot = user({ email: 'ops-bot@gmail.com' });
    expect(classifyAudience(bot, org({ internalUsers: ['ops-bot@gmail.com'] }))).toBe('internal');
  });

  it('lets internal-users win over external-users', () => {
    const both = user({ email: 'x@gmail.com' });
    expect(
      classifyAudience(both, org({ internalUsers: ['x@gmail.com'], externalUsers: ['x@gmail.com'] })),
    ).toBe('internal');
  });

  it('accepts any kind of user reference in internal-users', () => {
    const tech = user({ kind: 'technician', id: 77, email: null, login: null });
    expect(classifyAudience(tech, org({ internalUsers: ['technician:77'] }))).toBe('internal');
  });
});

describe('user references', () => {
  const jane = user({ kind: 'employee', id: 21, userId: 9021, email: 'Jane@Acme.com', login: 'JRoe' });

  it('matches an email case-insensitively', () => {
    expect(matchesUserRef(jane, ref('jane@ACME.com'))).toBe(true);
  });

  it('matches an email against a login that is that address', () => {
    expect(matchesUserRef(user({ email: null, login: 'Bot@acme.com' }), ref('bot@acme.com'))).toBe(true);
  });

  it('matches login:NAME case-insensitively', () => {
    expect(matchesUserRef(jane, ref('login:jroe'))).toBe(true);
  });

  it('matches user:ID on the ServiceTitan user id, not the employee id', () => {
    expect(matchesUserRef(jane, ref('user:9021'))).toBe(true);
    expect(matchesUserRef(jane, ref('user:21'))).toBe(false);
  });

  it('matches employee:ID only for employees', () => {
    expect(matchesUserRef(jane, ref('employee:21'))).toBe(true);
    expect(matchesUserRef(jane, ref('technician:21'))).toBe(false);
  });
});
