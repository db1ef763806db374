import { describe, expect, it } from 'vitest';
import { parseUserRef, sameUserRef } from '../../src/policy/references.js';

describe('parseUserRef', () => {
  it('reads an email, lower-cased', () => {
    expect(parseUserRef('Alice@Acme-HVAC.com')).toEqual({
      type: 'email',
      value: 'alice@acme-hvac.com',
      raw: 'Alice@Acme-HVAC.com',
    });
  });

  it('reads login:NAME, lower-cased', () => {
    expect(parseUserRef('login:JSmith')).toEqual({ type: 'login', value: 'jsmith', raw: 'login:JSmith' });
  });

  it('reads a login that looks like an email as a login', () => {
    expect(parseUserRef('login:j@x.example')).toMatchObject({ type: 'login', value: 'j@x.example' });
  });

  it.each([
    ['user:42', 'user', 42],
    ['employee:7', 'employee', 7],
    ['technician:230', 'technician', 230],
  ])('reads %s as a numeric reference', (raw, type, value) => {
    expect(parseUserRef(raw)).toEqual({ type, value, raw });
  });

  it.each([
    ['bob'],
    ['@acme.com'],
    ['bob@'],
    ['a@b@c'],
    ['bob smith@acme.com'],
    ['user:0'],
    ['user:-1'],
    ['user:1.5'],
    ['employee:abc'],
    ['technician:'],
    ['login:'],
    ['Login:bob'],
    ['user:5@x.com'],
    [''],
  ])('refuses %j', (raw) => {
    expect(parseUserRef(raw)).toBeNull();
  });
});

describe('sameUserRef', () => {
  it('matches emails case-insensitively', () => {
    expect(sameUserRef(parseUserRef('A@B.example')!, parseUserRef('a@b.EXAMPLE')!)).toBe(true);
  });

  it('does not match different forms of reference', () => {
    expect(sameUserRef(parseUserRef('user:7')!, parseUserRef('employee:7')!)).toBe(false);
  });
});
