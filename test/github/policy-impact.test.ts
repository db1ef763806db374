/**
 * The impact comment lists every policy change that loosens, with the accounts it reaches, even
 * when no finding changes on today's tenant: the account it would let through may come tomorrow.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compareFindings } from '../../src/engine/compare.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Snapshot } from '../../src/engine/snapshot.js';
import { renderImpactComment } from '../../src/github/pr-comment.js';
import { parsePolicy } from '../../src/policy/load.js';
import { redactReport } from '../../src/report/redact.js';
import { snapshot, user } from '../engine/builders.js';
import { auditReport, POLICY_PATH } from './fixtures.js';

const NOW = new Date('2026-03-01T12:00:00Z');

interface RuleDoc {
  id: string;
  severity?: string;
  'applies-to'?: Record<string, unknown>;
  forbid?: { permissions?: string[]; roles?: string[]; account?: boolean };
  'max-holders'?: { roles?: string[]; permissions?: string[]; max: number };
  fix?: string | { 'set-role': string };
}

interface Doc {
  version: 1;
  organization: { 'internal-domains': string[]; 'internal-users'?: string[]; 'external-users': string[] };
  permissions: Record<string, { id: number; granted: string[] }>;
  rules: RuleDoc[];
  exemptions: { user?: string; rules: string[]; reason: string; expires: string; 'approved-by': string }[];
  safety: {
    'protected-users': string[];
    'min-active-admins': number;
    'admin-roles': string[];
    'admin-permissions'?: string[];
  };
}

/** The base branch's policy, as a document to copy and change. */
const BASE: Doc = {
  version: 1,
  organization: { 'internal-domains': ['acme-hvac.example'], 'external-users': ['temp@acme-hvac.example'] },
  permissions: { 'generate-api-key': { id: 10421, granted: ['True', 'Yes'] } },
  rules: [
    {
      id: 'no-external-api-access',
      severity: 'critical',
      'applies-to': { audience: 'external', 'include-inactive': true },
      forbid: { permissions: ['generate-api-key'], roles: ['Admin'] },
      fix: 'deactivate',
    },
    {
      id: 'at-most-two-admins',
      severity: 'medium',
      'max-holders': { roles: ['Admin', 'Owner'], max: 2 },
    },
  ],
  exemptions: [
    {
      user: 'partner@integrator.example',
      rules: ['no-external-api-access'],
      reason: 'Integration partner, contract 2231',
      expires: '2026-04-30',
      'approved-by': 'security@acme-hvac.example',
    },
  ],
  safety: {
    'protected-users': ['dana@acme-hvac.example'],
    'min-active-admins': 1,
    'admin-roles': ['Admin', 'Owner'],
  },
};

/**
 * A tenant where no finding moves for any of the changes below: the outsiders hold nothing the
 * rules forbid, so a findings diff alone sees no difference.
 */
const TENANT: Snapshot = snapshot([
  user({
    id: 1,
    name: 'Dana Whitfield',
    email: 'dana@acme-hvac.example',
    login: 'dana',
    roles: ['Admin'],
    permissions: { '10421': 'True' },
  }),
  user({
    id: 2,
    name: 'Robert Hallorann',
    email: 'robert@acme-hvac.example',
    login: 'robert',
    role: 'Owner',
  }),
  user({
    id: 3,
    name: 'Jake Morrison',
    email: 'jake.morrison@gmail.example',
    login: 'jmorrison',
    roles: ['Office'],
  }),
  user({
    kind: 'technician',
    id: 4,
    name: 'Rick Dalton',
    email: 'rick@dalton-mechanical.example',
    login: 'rdalton',
    roles: ['Technician'],
  }),
  user({ id: 5, name: 'Lena Fischer', email: 'lena@brightpath.example', login: 'lfischer', active: false }),
  user({ id: 6, name: 'Tina Temp', email: 'temp@acme-hvac.example', login: 'ttemp', roles: ['Dispatcher'] }),
  user({ id: 7, name: 'Paul Partner', email: 'partner@integrator.example', login: 'ppartner' }),
]);

function head(change: (doc: Doc) => unknown, from: Doc = BASE): Doc {
  const doc = structuredClone(from);
  change(doc);
  return doc;
}

function impact(
  headDoc: Doc,
  options: { snapshot?: Snapshot | null; redact?: boolean; baseDoc?: Doc } = {},
): { body: string; added: number; resolved: number } {
  const base = parsePolicy(stringify(options.baseDoc ?? BASE), 'base.yml', { now: NOW });
  const next = parsePolicy(stringify(headDoc), POLICY_PATH, { now: NOW });
  const tenant = options.snapshot === undefined ? TENANT : options.snapshot;
  const before = evaluate(base, tenant ?? TENANT, NOW).findings;
  const after = evaluate(next, tenant ?? TENANT, NOW).findings;
  const comparison = compareFindings(before, after);
  const report = auditReport(after, { comparison });
  const body = renderImpactComment(options.redact ? redactReport(report) : report, {
    policyPath: POLICY_PATH,
    baseFindings: before,
    basePolicy: base,
    headPolicy: next,
    snapshot: tenant,
  });
  return { body, added: comparison.added.length, resolved: comparison.resolved.length };
}

/** The bullet or table line that mentions `needle`. */
function lineWith(body: string, needle: string): string {
  const line = body.split('\n').find((l) => l.includes(needle));
  if (!line) throw new Error(`no line with ${needle} in:\n${body}`);
  return line;
}

describe('the five loosenings a findings diff cannot see', () => {
  it('an outside address added to internal-users: loosening, naming who becomes internal', () => {
    const { body, added, resolved } = impact(
      head((d) => {
        d.organization['internal-users'] = ['jake.morrison@gmail.example'];
      }),
    );
    expect([added, resolved]).toEqual([0, 0]);
    expect(body).not.toContain('loosens nothing');
    expect(body).toContain('1 loosening');
    expect(body).toContain('Trust and safety this change loosens (1)');
    const line = lineWith(body, 'organization.internal-users');
    expect(line).toContain('jake.morrison&commat;gmail.example');
    expect(line).toContain(
      'who becomes internal: Jake Morrison (jake.morrison&commat;gmail.example, employee 3)',
    );
  });

  it('an internal-users entry no account has yet: still loosening, reached by nobody today', () => {
    const { body } = impact(
      head((d) => {
        d.organization['internal-users'] = ['login:future-contractor'];
      }),
    );
    expect(lineWith(body, 'organization.internal-users')).toContain(
      'login:future-contractor — who becomes internal: no account today',
    );
  });

  it('a new domain in internal-domains: loosening, naming the accounts at it', () => {
    const { body, added, resolved } = impact(
      head((d) => {
        d.organization['internal-domains'].push('gmail.example');
      }),
    );
    expect([added, resolved]).toEqual([0, 0]);
    const line = lineWith(body, 'organization.internal-domains');
    expect(line).toContain('adds gmail.example');
    expect(line).toContain('who becomes internal: Jake Morrison');
    expect(line).not.toContain('Rick');
  });

  it('a user added to protected-users: loosening, naming who apply may no longer change', () => {
    const { body, added, resolved } = impact(
      head((d) => {
        d.safety['protected-users'].push('rick@dalton-mechanical.example');
      }),
    );
    expect([added, resolved]).toEqual([0, 0]);
    const line = lineWith(body, 'safety.protected-users');
    expect(line).toContain('rick&commat;dalton-mechanical.example');
    expect(line).toContain(
      'who apply may no longer change: Rick Dalton (rick&commat;dalton-mechanical.example, technician 4)',
    );
  });

  it('min-active-admins set to 0: loosening, with the admins apply may now lock out', () => {
    const { body, added, resolved } = impact(
      head((d) => {
        d.safety['min-active-admins'] = 0;
      }),
    );
    expect([added, resolved]).toEqual([0, 0]);
    const line = lineWith(body, 'safety.min-active-admins');
    expect(line).toContain('1 → 0: the guard is off');
    expect(line).toContain('active admins today: Dana Whitfield');
    expect(line).toContain('Robert Hallorann');
  });

  it("a rule's applies-to narrowed: loosening, naming who leaves its scope", () => {
    const { body, added, resolved } = impact(
      head((d) => {
        d.rules[0]!['applies-to'] = { audience: 'external', kinds: ['employee'], 'include-inactive': true };
      }),
    );
    expect([added, resolved]).toEqual([0, 0]);
    const line = lineWith(body, 'applies-to kinds');
    expect(line).toContain('no-external-api-access: applies-to kinds no longer include technician');
    expect(line).toContain('who leaves its scope: Rick Dalton');
    expect(line).not.toContain('Dana');
  });

  it('a pure tightening still says it loosens nothing', () => {
    const { body, added } = impact(
      head((d) => {
        d.organization['external-users'].push('jake.morrison@gmail.example');
        d.rules.push({
          id: 'no-dispatchers',
          severity: 'high',
          'applies-to': { audience: 'internal' },
          forbid: { roles: ['Dispatcher'] },
          fix: 'lock',
        });
        d.rules[0]!.fix = 'deactivate';
        d.rules[0]!['applies-to'] = { audience: 'any', 'include-inactive': true };
        d.safety['min-active-admins'] = 2;
        d.exemptions[0]!.expires = '2026-04-01';
      }),
    );
    expect(added).toBeGreaterThan(0);
    expect(body).toContain('loosens nothing');
    expect(body).toContain('This change loosens nothing');
    expect(body).not.toMatch(
      /loosening|Trust and safety this change|Rules this change removes|Exemptions this change/,
    );
  });

  it('an unchanged policy neither adds nor resolves findings, and loosens nothing', () => {
    const { body } = impact(head(() => {}));
    expect(body).toContain('This change neither adds nor resolves findings, and loosens nothing.');
  });
});

describe('every other kind of loosening', () => {
  const cases: [string, (d: Doc) => unknown, string, string, Doc?][] = [
    [
      'an external-users entry dropped at an internal domain',
      (d) => (d.organization['external-users'] = []),
      'organization.external-users',
      'who becomes internal: Tina Temp',
    ],
    [
      'a permission mapped to another id',
      (d) => (d.permissions['generate-api-key']!.id = 10499),
      'permissions',
      'generate-api-key now checks permission id 10499 instead of 10421',
    ],
    [
      'a granted value dropped',
      (d) => (d.permissions['generate-api-key']!.granted = ['True']),
      'permissions',
      'generate-api-key no longer counts \u0026quot;yes\u0026quot; as held',
    ],
    [
      'a rule removed',
      (d) => {
        d.rules.splice(0, 1);
        d.exemptions = [];
      },
      'no-external-api-access',
      'removed \\(was critical\\)',
    ],
    [
      'a severity lowered',
      (d) => (d.rules[0]!.severity = 'low'),
      'no-external-api-access',
      'severity critical → low',
    ],
    ['a fix weakened', (d) => (d.rules[0]!.fix = 'lock'), 'no-external-api-access', 'fix deactivate → lock'],
    [
      'a fix set to another role',
      (d) => (d.rules[0]!.fix = { 'set-role': 'Admin' }),
      'no-external-api-access',
      'fix set-role Office → set-role Admin',
      head((d) => (d.rules[0]!.fix = { 'set-role': 'Office' })),
    ],
    [
      'a forbidden permission dropped',
      (d) => (d.rules[0]!.forbid!.permissions = []),
      'no-external-api-access',
      'no longer forbids permission generate-api-key',
    ],
    [
      'a forbidden role dropped',
      (d) => (d.rules[0]!.forbid!.roles = []),
      'no-external-api-access',
      'no longer forbids role Admin',
    ],
    [
      'a max-holders limit raised',
      (d) => (d.rules[1]!['max-holders']!.max = 5),
      'at-most-two-admins',
      'max 2 → 5',
    ],
    [
      'a role no longer counted by max-holders',
      (d) => (d.rules[1]!['max-holders']!.roles = ['Admin']),
      'at-most-two-admins',
      'no longer counts role Owner — who holds it today: Robert Hallorann',
    ],
    [
      'a forbid rule turned into max-holders',
      (d) => {
        d.rules[0] = { id: 'no-external-api-access', 'max-holders': { roles: ['Admin'], max: 1 } };
        d.exemptions = [];
      },
      'no-external-api-access',
      'was forbid, now max-holders',
    ],
    [
      'an audience narrowed',
      (d) => (d.rules[1]!['applies-to'] = { audience: 'external' }),
      'at-most-two-admins',
      'applies-to audience any → external — who leaves its scope: Dana Whitfield',
    ],
    [
      'inactive accounts no longer checked',
      (d) => (d.rules[0]!['applies-to'] = { audience: 'external' }),
      'no-external-api-access',
      'no longer includes inactive and locked accounts — who leaves its scope: Lena Fischer',
    ],
    [
      'a rule limited to some roles',
      (d) =>
        (d.rules[0]!['applies-to'] = { audience: 'external', roles: ['Office'], 'include-inactive': true }),
      'no-external-api-access',
      'applies-to roles now limited to Office',
    ],
    [
      'a rule limited to some business units',
      (d) => (d.rules[1]!['applies-to'] = { 'business-units': ['Plumbing'] }),
      'at-most-two-admins',
      'applies-to business-units now limited to Plumbing',
    ],
    [
      'a rule limited to some users',
      (d) => (d.rules[1]!['applies-to'] = { users: ['employee:1'] }),
      'at-most-two-admins',
      'applies-to users now limited to employee:1',
    ],
    [
      'a user excepted from a rule',
      (d) =>
        (d.rules[0]!['applies-to'] = { ...d.rules[0]!['applies-to'], 'except-users': ['login:rdalton'] }),
      'no-external-api-access',
      'applies-to except-users adds login:rdalton — who leaves its scope: Rick Dalton',
    ],
    [
      'a new exemption',
      (d) =>
        d.exemptions.push({
          user: 'login:jmorrison',
          rules: ['no-external-api-access'],
          reason: 'Vendor onboarding',
          expires: '2026-05-01',
          'approved-by': 'security@acme-hvac.example',
        }),
      'login:jmorrison',
      'login:jmorrison<br>Jake Morrison',
    ],
    [
      'an exemption extended',
      (d) => (d.exemptions[0]!.expires = '2026-09-30'),
      'partner@',
      '2026-09-30 (extended from 2026-04-30)',
    ],
    [
      'a role that now counts as admin',
      (d) => d.safety['admin-roles'].push('Dispatcher'),
      'safety.admin-roles',
      'adds Dispatcher: their holders count as admins, so min-active-admins is met more easily — who now counts as an admin: Tina Temp',
    ],
    [
      'a permission that now counts as admin',
      (d) => (d.safety['admin-permissions'] = ['generate-api-key']),
      'safety.admin-permissions',
      'adds generate-api-key: their holders count as admins, so min-active-admins is met more easily',
    ],
    [
      'a role that no longer counts as admin',
      (d) => (d.safety['admin-roles'] = ['Admin']),
      'safety.admin-roles',
      'drops Owner: their holders no longer count as admins — who no longer counts as an admin: Robert Hallorann',
    ],
    [
      'min-active-admins lowered without reaching 0',
      (d) => (d.safety['min-active-admins'] = 1),
      'safety.min-active-admins',
      '2 → 1: apply may leave fewer active admins',
      head((d) => (d.safety['min-active-admins'] = 2)),
    ],
  ];

  it.each(cases)('%s', (_name, change, subject, expected, baseDoc) => {
    const { body } = impact(head(change, baseDoc), baseDoc ? { baseDoc } : {});
    expect(body).not.toContain('loosens nothing');
    expect(lineWith(body, expected)).toContain(subject.replace('@', '&commat;'));
  });
});

describe('who a loosening reaches', () => {
  const trusted = head((d) => {
    d.organization['internal-users'] = ['jake.morrison@gmail.example'];
    d.safety['protected-users'].push('login:rdalton');
  });

  it('without a snapshot, names the entry itself', () => {
    const { body } = impact(trusted, { snapshot: null });
    const line = lineWith(body, 'organization.internal-users');
    expect(line).toContain('jake.morrison&commat;gmail.example');
    expect(line).not.toContain('who becomes internal');
  });

  it('is masked when the run redacts', () => {
    const { body } = impact(trusted, { redact: true });
    expect(lineWith(body, 'organization.internal-users')).toContain(
      'j\\*\\*\\*@\u200bgmail.example — who becomes internal: J\\*\\*\\* M\\*\\*\\* (j\\*\\*\\*@\u200bgmail.example, employee 3)',
    );
    expect(lineWith(body, 'safety.protected-users')).toContain('login:r\\*\\*\\*');
    for (const secret of ['Jake', 'Morrison', 'jake.morrison', 'Rick', 'Dalton', 'rdalton']) {
      expect(body).not.toContain(secret);
    }
  });

  it('stays inert when the account is named to attack the comment', () => {
    const hostile = snapshot([
      ...TENANT.users,
      user({
        id: 66,
        name: '@everyone <img src=x onerror=alert(1)> ::error::x #12 [link](https://evil.example)',
        email: 'mallory@gmail.example',
        login: null,
      }),
    ]);
    const { body } = impact(
      head((d) => d.organization['internal-domains'].push('gmail.example')),
      { snapshot: hostile },
    );
    const line = lineWith(body, 'organization.internal-domains');
    expect(line).toContain('everyone');
    expect(body).not.toMatch(/@[A-Za-z0-9]/);
    expect(body).not.toContain('<img');
    expect(body).not.toContain('::error');
    expect(body).not.toMatch(/#\d/);
    expect(body).not.toContain('](https');
  });

  it('names at most ten accounts per loosening and counts the rest', () => {
    const crowd = snapshot(
      Array.from({ length: 25 }, (_, i) =>
        user({ id: 100 + i, name: `Gmail User ${i}`, email: `u${i}@gmail.example`, login: `u${i}` }),
      ),
    );
    const { body } = impact(
      head((d) => d.organization['internal-domains'].push('gmail.example')),
      { snapshot: crowd },
    );
    expect(lineWith(body, 'organization.internal-domains')).toContain(', and 15 more');
  });
});
