import { describe, expect, it } from 'vitest';
import type { Directory } from '../../src/domain/identity.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { TenantUser } from '../../src/engine/snapshot.js';
import type { Evaluation } from '../../src/engine/types.js';
import type { Policy } from '../../src/policy/types.js';
import { exemption, NOW, snapshot, user } from './builders.js';
import { carrier } from './helpers.js';
import { csvDirectory, entraDirectory, entraPerson, identityPolicy, person } from './identity-helpers.js';

const AAD_GONE = 'dddddddd-0000-0000-0000-00000000dead';
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

function run(p: Policy, users: TenantUser[], directories: Directory[]): Evaluation {
  return evaluate(p, snapshot([user(carrier(p)), ...users]), NOW, directories);
}

function byRule(evaluation: Evaluation, rule: string) {
  return evaluation.findings.filter((f) => f.rule === rule);
}

const hr = csvDirectory('hr', [
  person({ emails: ['left@acme.com'], state: 'terminated' }),
  person({ emails: ['away@acme.com'], state: 'leave' }),
  person({ emails: ['here@acme.com'] }),
]);
const entra = entraDirectory('entra', [
  entraPerson('e-susp', { emails: ['suspended@acme.com'], state: 'suspended' }),
  entraPerson('e-idle', { emails: ['idle@acme.com'], lastSignIn: daysAgo(120) }),
  entraPerson('e-recent', { emails: ['recent@acme.com'], lastSignIn: daysAgo(10) }),
  entraPerson('e-never-old', { emails: ['never-old@acme.com'], createdAt: daysAgo(200) }),
  entraPerson('e-never-new', { emails: ['never-new@acme.com'], createdAt: daysAgo(5) }),
  entraPerson('e-real', { emails: ['moved@acme.com'] }),
]);

describe('identity-leaver', () => {
  const users = [
    user({ id: 40, email: 'left@acme.com' }),
    user({ id: 41, email: 'suspended@acme.com' }),
    user({ id: 42, email: 'gone@acme.com', aadUserId: AAD_GONE }),
    user({ id: 43, email: 'away@acme.com' }),
    user({ id: 44, email: 'left@acme.com', kind: 'technician', locked: true }),
    user({ id: 45, email: 'left@acme.com', kind: 'technician', active: false }),
  ];

  it('finds active accounts of people terminated, suspended or deleted, at their source', () => {
    const findings = byRule(run(identityPolicy(), users, [hr, entra]), 'identity-leaver');
    expect(findings.map((f) => [f.user!.id, f.severity, f.user!.identity!.state, f.location.line])).toEqual([
      [40, 'high', 'terminated', 62],
      [41, 'high', 'suspended', 64],
      [42, 'high', 'deleted', 64],
    ]);
    expect(findings[0]!.message).toContain('shows as gone (terminated)');
    expect(findings[2]!.message).toContain(`links to an Entra user (${AAD_GONE})`);
  });

  it('judges a person on leave like an active one, and skips locked and deactivated accounts', () => {
    const evaluation = run(identityPolicy(), users, [hr, entra]);
    const about = evaluation.findings.filter((f) => [43, 44, 45].includes(f.user?.id ?? -1));
    expect(about).toEqual([]);
  });

  it('is not also identity-unmatched when the person is deleted', () => {
    const evaluation = run(identityPolicy(), users, [hr, entra]);
    expect(byRule(evaluation, 'identity-unmatched').map((f) => f.user!.id)).not.toContain(42);
  });

  it('is critical when the account holds a mapped permission or an admin role', () => {
    const privileged = [
      user({ id: 46, email: 'left@acme.com', permissions: { '1234': 'True' } }),
      user({ id: 47, email: 'suspended@acme.com', roles: ['Owner'] }),
      user({ id: 48, email: 'left@acme.com', kind: 'technician', permissions: { '1234': 'False' } }),
    ];
    const findings = byRule(run(identityPolicy(), privileged, [hr, entra]), 'identity-leaver');
    expect(findings.map((f) => [f.user!.id, f.severity])).toEqual([
      [46, 'critical'],
      [47, 'critical'],
      [48, 'high'],
    ]);
    expect(findings[0]!.evidence).toEqual({ permissions: ['generate-api-key'] });
    expect(findings[0]!.message).toContain('still holds generate-api-key');
    expect(findings[1]!.evidence).toEqual({ roles: ['Owner'] });
  });

  it('locks the account through the plan, with the credential steps locking leaves', () => {
    const evaluation = run(
      identityPolicy(),
      [user({ id: 46, email: 'left@acme.com', permissions: { '1235': 'True' } })],
      [hr, entra],
    );
    const [finding] = byRule(evaluation, 'identity-leaver');
    expect(finding!.fix.action).toBe('lock');
    expect(finding!.fix.steps?.join(' ')).toContain('rotate the client secret');
    expect(evaluation.plan).toMatchObject([
      {
        action: 'lock',
        user: { id: 46 },
        rules: ['identity-leaver'],
        findings: [finding!.id],
        status: 'planned',
      },
    ]);
  });

  it('deactivates instead when leaver-fix says so, and plans nothing for none', () => {
    const u = [user({ id: 40, email: 'left@acme.com' })];
    const deactivate = run(identityPolicy({ leaverFix: 'deactivate' }), u, [hr, entra]);
    expect(deactivate.plan.map((s) => s.action)).toEqual(['deactivate']);
    const none = run(identityPolicy({ leaverFix: 'none' }), u, [hr, entra]);
    expect(none.plan).toEqual([]);
    expect(byRule(none, 'identity-leaver')[0]!.fix).toEqual({
      action: 'manual',
      steps: ['In ServiceTitan, open Settings > People > Employees > User 40 and deactivate the account.'],
    });
  });

  it('is exemptible: an exempted leaver is reported, not counted and not planned', () => {
    const p = identityPolicy(
      {},
      {
        exemptions: [exemption({ user: 'left@acme.com', rules: ['identity-leaver'], expires: '2026-03-01' })],
      },
    );
    const evaluation = run(p, [user({ id: 40, email: 'left@acme.com' })], [hr, entra]);
    const [finding] = byRule(evaluation, 'identity-leaver');
    expect(finding!.exemption).toMatchObject({ status: 'active' });
    expect(evaluation.plan).toEqual([]);
    expect(evaluation.counts).toMatchObject({ findings: 0, exempted: 1 });
    expect(byRule(evaluation, 'exemption-unused')).toEqual([]);
  });
});

describe('identity-unmatched', () => {
  const users = [
    user({ id: 50, email: 'stranger@acme.com' }),
    user({ id: 51, email: null, login: 'shared-tablet' }),
    user({ id: 52, email: 'stranger2@acme.com', locked: true }),
    user({ id: 53, email: 'here@acme.com' }),
  ];

  it('finds active, unlocked accounts no source knows, at the severity the policy gives', () => {
    const findings = byRule(
      run(identityPolicy({ unmatched: 'high' }), users, [hr, entra]),
      'identity-unmatched',
    );
    expect(findings.map((f) => [f.user!.id, f.severity, f.location.line])).toEqual([
      [50, 'high', 60],
      [51, 'high', 60],
    ]);
    expect(findings[0]!.user!.identity).toBeNull();
    expect(findings[0]!.message).toContain('no identity source knows (hr, entra)');
    expect(findings[0]!.fix.action).toBe('manual');
  });

  it('reports nothing when the policy says ignore', () => {
    expect(
      byRule(run(identityPolicy({ unmatched: 'ignore' }), users, [hr, entra]), 'identity-unmatched'),
    ).toEqual([]);
  });
});

describe('identity-dormant', () => {
  const users = [
    user({ id: 60, email: 'idle@acme.com' }),
    user({ id: 61, email: 'recent@acme.com' }),
    user({ id: 62, email: 'never-old@acme.com' }),
    user({ id: 63, email: 'never-new@acme.com' }),
    user({ id: 64, email: 'here@acme.com' }),
    user({ id: 65, email: 'idle@acme.com', active: false }),
  ];

  it('finds people who have not signed in for dormant-after-days, never-signed-in ones counted from creation', () => {
    const findings = byRule(run(identityPolicy(), users, [hr, entra]), 'identity-dormant');
    expect(findings.map((f) => [f.user!.id, f.severity, f.evidence.inactiveSince])).toEqual([
      [60, 'low', daysAgo(120)],
      [62, 'low', daysAgo(200)],
    ]);
    expect(findings[0]!.message).toContain('120 days, more than the 90 days');
    expect(findings[1]!.message).toContain('has never signed in');
  });

  it('judges no one from a source that does not report sign-ins, nor without dormant-after-days', () => {
    const blind = entraDirectory('entra', entra.people, false);
    expect(byRule(run(identityPolicy(), users, [hr, blind]), 'identity-dormant')).toEqual([]);
    expect(
      byRule(run(identityPolicy({ dormantAfterDays: null }), users, [hr, entra]), 'identity-dormant'),
    ).toEqual([]);
  });

  it('says in the tallies why dormancy is unavailable', () => {
    const blind = entraDirectory('entra', entra.people, false);
    const summary = run(identityPolicy(), users, [hr, blind]).identity!.summary;
    expect(summary.sources.map((s) => [s.id, s.dormancyUnavailable])).toEqual([
      ['hr', 'an HR roster does not record sign-ins'],
      ['entra', 'Microsoft Graph refused signInActivity (it needs Entra ID P1)'],
    ]);
  });
});

describe('identity-sso-broken', () => {
  it('finds an account linked to a missing Entra object whose email belongs to another Entra user', () => {
    const users = [
      user({ id: 70, email: 'moved@acme.com', aadUserId: AAD_GONE }),
      user({ id: 71, email: 'moved@acme.com', aadUserId: AAD_GONE, kind: 'technician', active: false }),
      user({ id: 72, email: 'moved@acme.com', aadUserId: 'e-real' }),
    ];
    const evaluation = run(identityPolicy(), users, [hr, entra]);
    const findings = byRule(evaluation, 'identity-sso-broken');
    expect(findings.map((f) => [f.user!.kind, f.user!.id, f.severity])).toEqual([
      ['employee', 70, 'medium'],
      ['technician', 71, 'medium'],
    ]);
    expect(findings[0]!.evidence).toEqual({ entraUser: { source: 'entra', personId: 'e-real' } });
    // joined by email to the live Entra user: not a leaver
    expect(findings[0]!.user!.identity).toMatchObject({
      personId: 'e-real',
      state: 'active',
      matchedBy: 'email',
    });
    expect(byRule(evaluation, 'identity-leaver')).toEqual([]);
  });
});

describe('the identity tallies', () => {
  it('counts active accounts matched, unmatched, leaving and dormant, overall and by source', () => {
    const users = [
      user({ id: 80, email: 'left@acme.com' }),
      user({ id: 81, email: 'here@acme.com' }),
      user({ id: 82, email: 'idle@acme.com' }),
      user({ id: 83, email: 'gone@acme.com', aadUserId: AAD_GONE }),
      user({ id: 84, email: 'stranger@acme.com' }),
      user({ id: 85, email: 'stranger@acme.com', active: false }),
    ];
    const { summary, unmatched } = run(identityPolicy(), users, [hr, entra]).identity!;
    expect(summary).toEqual({
      accounts: 5,
      matched: 4,
      unmatched: 1,
      leavers: 2,
      dormant: 1,
      ssoBroken: 0,
      dormantAfterDays: 90,
      sources: [
        {
          id: 'hr',
          kind: 'csv',
          people: 3,
          matched: 2,
          leavers: 1,
          dormant: 0,
          dormancyUnavailable: 'an HR roster does not record sign-ins',
        },
        {
          id: 'entra',
          kind: 'entra',
          people: 6,
          matched: 2,
          leavers: 1,
          dormant: 1,
          dormancyUnavailable: null,
        },
      ],
    });
    expect(unmatched.map((u) => u.id)).toEqual([84]);
  });
});
