/**
 * Hostile addresses never make a user internal: only a plain addr-spec is put to the domain test,
 * and only a plain address matches an `internal-users` email.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAudience, isAtDomain, plainAddress } from '../../src/engine/audience.js';
import { policy, user } from './builders.js';

const org = (p: Parameters<typeof policy>[0] = {}) =>
  policy({ internalDomains: ['acme-hvac.com'], ...p }).organization;

/** Characters that must never be part of an address the domain test trusts. */
const HOSTILE = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u000c',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u00a0', // no-break space
  '\u1680',
  '\u2002',
  '\u2009',
  '\u200b', // zero-width space
  '\u200c',
  '\u200d',
  '\u2028',
  '\u2029',
  '\u202e', // right-to-left override
  '\u2060',
  '\u3000',
  '\ufeff',
  '@',
  '"',
  '(',
  ',',
  ';',
  '<',
  '\\',
  '\u212a', // Kelvin sign: lower-cases to `k`
  '\u0130', // dotted capital I: lower-cases to `i` plus a combining dot
];

const LABEL = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const LOCAL = fc.stringMatching(/^[a-z0-9._%+-]{1,12}$/).filter((l) => !/^\.|\.$|\.\./.test(l));
/** A plain address at acme-hvac.com or one of its subdomains. */
const INTERNAL_ADDRESS = fc
  .tuple(LOCAL, fc.array(LABEL, { maxLength: 2 }))
  .map(([local, sub]) => `${local}@${[...sub, 'acme-hvac', 'com'].join('.')}`);

const withEmail = (email: string) => user({ email, login: null });
const withLogin = (login: string) => user({ email: null, login });

function insertAt(text: string, position: number, what: string): string {
  const at = position % (text.length + 1);
  return text.slice(0, at) + what + text.slice(at);
}

describe('audience of hostile addresses', () => {
  it('classifies the red-team address `x@evil.io .acme-hvac.com` (with a space) as external', () => {
    expect(classifyAudience(withEmail('x@evil.io .acme-hvac.com'), org())).toBe('external');
    expect(classifyAudience(withLogin('x@evil.io .acme-hvac.com'), org())).toBe('external');
    expect(isAtDomain('x@evil.io .acme-hvac.com', 'acme-hvac.com')).toBe(false);
  });

  it('classifies every generated plain internal address as internal, in any ASCII case', () => {
    fc.assert(
      fc.property(INTERNAL_ADDRESS, fc.array(fc.boolean(), { maxLength: 40 }), (address, upper) => {
        const cased = [...address].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
        expect(classifyAudience(withEmail(cased), org())).toBe('internal');
        expect(classifyAudience(withLogin(cased), org())).toBe('internal');
        expect(classifyAudience(withEmail(cased), org({ internalDomains: ['ACME-HVAC.COM'] }))).toBe(
          'internal',
        );
      }),
    );
  });

  it('classifies an internal address with any hostile character anywhere in it as external', () => {
    fc.assert(
      fc.property(INTERNAL_ADDRESS, fc.nat(), fc.constantFrom(...HOSTILE), (address, position, bad) => {
        const hostile = insertAt(address, position, bad);
        expect(classifyAudience(withEmail(hostile), org()), JSON.stringify(hostile)).toBe('external');
        expect(classifyAudience(withLogin(hostile), org()), JSON.stringify(hostile)).toBe('external');
        expect(isAtDomain(hostile, 'acme-hvac.com')).toBe(false);
      }),
    );
  });

  it('classifies an outside address glued to an internal host by a hostile separator as external', () => {
    fc.assert(
      fc.property(LOCAL, LABEL, fc.constantFrom(...HOSTILE), (local, evil, bad) => {
        const hostile = `${local}@${evil}.io${bad}.acme-hvac.com`;
        expect(classifyAudience(withEmail(hostile), org()), JSON.stringify(hostile)).toBe('external');
      }),
    );
  });

  it('classifies an address with a trailing dot, a leading dot or an empty label as external', () => {
    fc.assert(
      fc.property(INTERNAL_ADDRESS, fc.constantFrom('.', '..'), (address, dots) => {
        for (const hostile of [
          address + dots,
          address.replace('@', `@${dots}`),
          address.replace('.com', `${dots}.com`),
        ]) {
          expect(classifyAudience(withEmail(hostile), org()), hostile).toBe('external');
        }
      }),
    );
  });

  it('classifies surrounding whitespace as external, and does not fall back to the login', () => {
    for (const pad of [' ', '\t', '\u00a0', '\u200b', '\n']) {
      const jane = user({ email: `jane@acme-hvac.com${pad}`, login: 'jane@acme-hvac.com' });
      expect(classifyAudience(jane, org()), JSON.stringify(pad)).toBe('external');
      expect(classifyAudience(withEmail(`${pad}jane@acme-hvac.com`), org())).toBe('external');
    }
  });

  it('does not let a non-ASCII letter that lower-cases to ASCII reach an internal domain', () => {
    // U+212A KELVIN SIGN lower-cases to `k`
    expect(classifyAudience(withEmail('x@\u212aacme.com'), org({ internalDomains: ['kacme.com'] }))).toBe(
      'external',
    );
  });

  it('matches an internal-users email only with the plain address, never a look-alike', () => {
    const listed = org({ internalDomains: [], internalUsers: ['kim@gmail.com'] });
    expect(classifyAudience(withEmail('KIM@gmail.com'), listed)).toBe('internal');
    expect(classifyAudience(withLogin('kim@gmail.com'), listed)).toBe('internal');
    for (const lookAlike of [
      '\u212aim@gmail.com',
      'kim@gmail.com ',
      'kim@gmail.com\u200b',
      ' kim@gmail.com',
    ]) {
      expect(classifyAudience(withEmail(lookAlike), listed), JSON.stringify(lookAlike)).toBe('external');
    }
  });

  it('accepts exactly the plain addresses, lower-cased', () => {
    expect(plainAddress('Jane.Roe+ops@Field.ACME-hvac.com')).toBe('jane.roe+ops@field.acme-hvac.com');
    for (const bad of [
      '',
      '@acme.com',
      'jane@',
      'a@b@acme.com',
      'jane@-acme.com',
      'jane@acme-.com',
      'jane@acme..com',
    ]) {
      expect(plainAddress(bad), bad).toBeNull();
    }
  });
});
