/**
 * The policy's `reviews` section: its keys as SPEC §9 names them, its defaults, and each mistake
 * reported at its line and column with a hint.
 */
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/errors.js';
import { parsePolicy } from '../../src/policy/load.js';

const BASE = `version: 1
rules:
  - id: no-external
    applies-to: { audience: external }
    forbid: { account: true }
`;
const now = new Date('2025-01-06T00:00:00Z');
const parse = (reviews: string) => parsePolicy(`${BASE}${reviews}`, 'policy.yml', { now });
const issues = (reviews: string) => {
  try {
    parse(reviews);
  } catch (error) {
    if (error instanceof PolicyError)
      return error.issues.map((i) => ({ code: i.code, line: i.line, column: i.column, hint: i.hint }));
    throw error;
  }
  return [];
};

describe('policy `reviews`', () => {
  it('reads scope, reviewer groups with applies-to, and due-days', () => {
    const policy = parse(`reviews:
  scope: [privileged, external]
  reviewers:
    - github: [plumbing-lead]
      applies-to: { business-units: [Plumbing] }
    - github: [it-lead, security-lead]
  due-days: 21
`);
    expect(policy.reviews).toMatchObject({
      scope: ['privileged', 'external'],
      dueDays: 21,
      reviewers: [
        { github: ['plumbing-lead'], appliesTo: { businessUnits: ['Plumbing'], audience: 'any' } },
        { github: ['it-lead', 'security-lead'], appliesTo: null },
      ],
    });
    expect(policy.reviews!.reviewers[1]!.position.line).toBe(11);
  });

  it('defaults to privileged and external accounts, due in 14 days; a policy without it has none', () => {
    expect(parse('reviews:\n  reviewers:\n    - github: [it-lead]\n').reviews).toMatchObject({
      scope: ['privileged', 'external'],
      dueDays: 14,
    });
    expect(parse('').reviews).toBeNull();
  });

  it('reports a login with `@`, a group nobody could reach and an unknown scope, each where it stands', () => {
    expect(
      issues(`reviews:
  scope: [privileged, contractors]
  reviewers:
    - github: ['@it-lead']
    - github: [plumbing-lead]
      applies-to: { business-units: [Plumbing] }
  due-days: 0
`),
    ).toEqual([
      expect.objectContaining({ code: 'policy.invalid-value', line: 7, column: 23 }),
      expect.objectContaining({
        code: 'policy.invalid-github-login',
        line: 9,
        column: 16,
        hint: 'write the login without `@`',
      }),
      expect.objectContaining({ code: 'policy.unreachable-reviewers', line: 10, column: 7 }),
      expect.objectContaining({ code: 'policy.invalid-value', line: 12, column: 13 }),
    ]);
  });

  it('refuses an empty reviewer list and a misspelt key, with the key it probably meant', () => {
    expect(issues('reviews:\n  reviewers: []\n  due_days: 7\n')).toEqual([
      expect.objectContaining({ code: 'policy.invalid-value', line: 7, column: 14 }),
      expect.objectContaining({
        code: 'policy.unknown-key',
        line: 8,
        column: 3,
        hint: 'did you mean `due-days`?',
      }),
    ]);
  });
});
