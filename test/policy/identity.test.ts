import { describe, expect, it } from 'vitest';
import { POLICY_ISSUE_CODES } from '../../src/policy/codes.js';
import { parsePolicy } from '../../src/policy/load.js';
import { issuesOf, issueWith, NOW, policy } from './support.js';

const at = (issue: { line: number; column: number }) => `${issue.line}:${issue.column}`;
const parse = (text: string) => parsePolicy(text, 'policy.yml', { now: NOW });

// policy() is 8 lines; the identity section starts on line 9.
const IDENTITY = `identity:
  sources:
    - id: hr
      csv: people/roster.csv
    - id: entra
      entra:
        tenant-id: 11111111-2222-3333-4444-555555555555
    - id: google
      google: {}
`;

describe('the identity section', () => {
  it('is null when the policy has none, and nothing else changes', () => {
    const loaded = parse(policy());
    expect(loaded.identity).toBeNull();
    expect(loaded.rules.map((r) => r.id)).toEqual(['no-external-api-access']);
  });

  it('normalizes sources with their defaults and where each one stands', () => {
    const loaded = parse(policy(IDENTITY));
    expect(loaded.identity).toEqual({
      sources: [
        {
          id: 'hr',
          kind: 'csv',
          path: 'people/roster.csv',
          columns: { email: 'email', name: 'name', status: 'status', endDate: 'end_date', type: 'type' },
        },
        { id: 'entra', kind: 'entra', tenantId: '11111111-2222-3333-4444-555555555555' },
        { id: 'google', kind: 'google', customer: 'my_customer' },
      ],
      match: ['aad', 'email'],
      leaverFix: 'lock',
      dormantAfterDays: null,
      unmatched: 'medium',
      position: { line: 9, column: 1 },
      sourcePositions: {
        hr: { line: 11, column: 7 },
        entra: { line: 13, column: 7 },
        google: { line: 16, column: 7 },
      },
    });
  });

  it('reads every key as written', () => {
    const loaded = parse(
      policy(`identity:
  sources:
    - id: hr
      csv: roster.csv
      columns: { email: Work Email, end-date: Termination Date }
  match: [email]
  leaver-fix: deactivate
  dormant-after-days: 45
  unmatched: ignore
`),
    );
    expect(loaded.identity).toMatchObject({
      sources: [
        {
          columns: {
            email: 'Work Email',
            name: 'name',
            status: 'status',
            endDate: 'Termination Date',
            type: 'type',
          },
        },
      ],
      match: ['email'],
      leaverFix: 'deactivate',
      dormantAfterDays: 45,
      unmatched: 'ignore',
    });
  });

  it('refuses two sources with one id, at the second', () => {
    const issue = issueWith(policy(IDENTITY.replace('id: entra', 'id: hr')), 'policy.duplicate-source-id');
    expect(at(issue)).toBe('13:11');
    expect(issue.message).toContain('`hr`');
  });

  it('refuses a source with no kind, and one with two', () => {
    const none = issueWith(
      policy(`identity:
  sources:
    - id: hr
`),
      'policy.source-kind',
    );
    expect(at(none)).toBe('11:7');
    expect(none.message).toContain('neither');
    const two = issueWith(
      policy(`identity:
  sources:
    - id: both
      csv: roster.csv
      google: {}
`),
      'policy.source-kind',
    );
    expect(at(two)).toBe('13:7');
    expect(two.message).toContain('both `csv` and `google`');
  });

  it('refuses columns on a directory source', () => {
    const issue = issueWith(
      policy(`identity:
  sources:
    - id: g
      google: {}
      columns: { email: mail }
`),
      'policy.source-kind',
    );
    expect(at(issue)).toBe('13:7');
  });

  it('refuses an unknown join key and suggests the one meant', () => {
    const issue = issueWith(policy(`${IDENTITY}  match: [aad, emial]\n`), 'policy.invalid-value');
    expect(at(issue)).toBe('18:16');
    expect(issue.hint).toBe('did you mean `email`?');
  });

  it('refuses a join key listed twice', () => {
    const issue = issueWith(policy(`${IDENTITY}  match: [email, email]\n`), 'policy.duplicate-match-key');
    expect(at(issue)).toBe('18:18');
  });

  it('refuses a severity that is not one, a leaver fix that is not one, and a day count below 1', () => {
    const issues = issuesOf(
      policy(`${IDENTITY}  unmatched: severe\n  leaver-fix: delete\n  dormant-after-days: 0\n`),
    );
    expect(issues.map((i) => `${i.code}@${at(i)}`)).toEqual([
      'policy.invalid-value@18:14',
      'policy.invalid-value@19:15',
      'policy.invalid-value@20:23',
    ]);
  });

  it('refuses an unknown key inside a source, with a suggestion', () => {
    const issue = issueWith(policy(IDENTITY.replace('tenant-id:', 'tenantid:')), 'policy.unknown-key');
    expect(issue.hint).toBe('did you mean `tenant-id`?');
    expect(at(issue)).toBe('15:9');
  });

  it('refuses a tenant id that could not be a directory id, saying what to write', () => {
    const issue = issueWith(
      policy(IDENTITY.replace('11111111-2222-3333-4444-555555555555', '"x/../y"')),
      'policy.invalid-value',
    );
    expect(issue.message).toContain('is not an Entra directory id');
  });

  it('refuses a roster path outside the repository', () => {
    for (const path of ['/etc/passwd', '../other/roster.csv', 'people/../../x.csv']) {
      const issue = issueWith(
        policy(IDENTITY.replace('people/roster.csv', path)),
        'policy.roster-outside-workspace',
      );
      expect(at(issue)).toBe('12:12');
    }
    expect(parse(policy(IDENTITY.replace('people/roster.csv', 'a/../roster.csv'))).identity).not.toBeNull();
  });

  it('refuses two columns naming one header', () => {
    const issue = issueWith(
      policy(`identity:
  sources:
    - id: hr
      csv: roster.csv
      columns: { email: mail, name: mail }
`),
      'policy.duplicate-column',
    );
    expect(issue.message).toContain('`columns.name` and `columns.email`');
  });

  it('reserves the identity rule ids', () => {
    const issue = issueWith(
      policy().replace('id: no-external-api-access', 'id: identity-leaver'),
      'policy.reserved-rule-id',
    );
    expect(at(issue)).toBe('6:9');
  });

  it('lets an exemption with a user cover an identity finding when the section is there', () => {
    const exemption = `exemptions:
  - user: kim@acme.com
    rules: [identity-unmatched]
    reason: Service account kept by the vendor
    expires: 2026-06-01
    approved-by: sec@acme.com
`;
    expect(parse(policy(IDENTITY + exemption)).exemptions[0]?.rules).toEqual(['identity-unmatched']);
    const without = issueWith(policy(exemption), 'policy.unknown-rule');
    expect(without.message).toContain('only when the policy has an `identity` section');
    const noUser = issueWith(
      policy(IDENTITY + exemption.replace('  - user: kim@acme.com\n    rules', '  - rules')),
      'policy.exemption-scope',
    );
    expect(noUser.message).toContain('`identity-unmatched`');
  });

  it('suggests an identity rule for a misspelt one', () => {
    const issue = issueWith(
      policy(`${IDENTITY}exemptions:
  - user: kim@acme.com
    rules: [identity-lever]
    reason: r
    expires: 2026-06-01
    approved-by: sec@acme.com
`),
      'policy.unknown-rule',
    );
    expect(issue.hint).toBe('did you mean `identity-leaver`?');
  });

  it('documents every code it can report', () => {
    for (const code of [
      'policy.duplicate-source-id',
      'policy.source-kind',
      'policy.roster-outside-workspace',
      'policy.duplicate-column',
      'policy.duplicate-match-key',
    ])
      expect(Object.keys(POLICY_ISSUE_CODES)).toContain(code);
  });
});
