/**
 * User references (SPEC §4): how a policy names a person. One pattern serves the zod schema, the
 * JSON Schema for editors and the parser, so all three accept exactly the same strings.
 */
import type { UserRef } from './types.js';

/**
 * An email (something on both sides of a single `@`, no spaces or colons), `login:NAME`, or
 * `user:`/`employee:`/`technician:` followed by a positive integer. Prefixes are lower-case.
 */
export const USER_REF_PATTERN =
  /^(?:[^\s@:]+@[^\s@:]+|login:\S(?:.*\S)?|(?:user|employee|technician):[1-9][0-9]{0,14})$/;

export const USER_REF_FORMS =
  'an email (name@example.com), login:NAME, user:ID, employee:ID or technician:ID';

/** Parses a user reference; emails and logins are lower-cased. Null when `raw` is not one. */
export function parseUserRef(raw: string): UserRef | null {
  if (!USER_REF_PATTERN.test(raw)) return null;
  const colon = raw.indexOf(':');
  if (!raw.includes('@') || raw.startsWith('login:')) {
    const prefix = raw.slice(0, colon);
    const rest = raw.slice(colon + 1);
    if (prefix === 'login') return { type: 'login', value: rest.toLowerCase(), raw };
    if (prefix === 'user' || prefix === 'employee' || prefix === 'technician') {
      return { type: prefix, value: Number(rest), raw };
    }
    return null;
  }
  return { type: 'email', value: raw.toLowerCase(), raw };
}

/** Two references name the same person as written (same form, same value, case-insensitive). */
export function sameUserRef(a: UserRef, b: UserRef): boolean {
  return a.type === b.type && a.value === b.value;
}

/**
 * The key of one reference in `Policy.referencePositions`: where it is (`rules.2.forbid.roles`,
 * `safety.protected-users`) and what it names (a role or business unit as written, a user
 * reference as `type:value`).
 */
export function referenceSite(path: string, value: string | number | UserRef): string {
  const named = typeof value === 'object' ? `${value.type}:${value.value}` : String(value);
  return `${path}\0${named}`;
}
