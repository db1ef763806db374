/**
 * Findings, plans and reports built by hand, the way the engine would produce them, so the
 * renderers can be specified without a tenant.
 */
import type { Evaluation, Finding, FindingUser, PlanStep } from '../../src/engine/types.js';
import {
  buildReport,
  isExempt,
  isOpen,
  type ReportContext,
  type ReportParts,
} from '../../src/report/build.js';
import type { Report } from '../../src/report/model.js';
import type { Policy } from '../../src/policy/types.js';

export const STARTED = new Date('2026-03-01T08:00:00Z');
export const FINISHED = new Date('2026-03-01T08:00:05Z');

export function context(overrides: Partial<ReportContext> = {}): ReportContext {
  return {
    mode: 'audit',
    tenant: '1234',
    environment: 'production',
    policy: { path: '.github/servicetitan-access.yml', sha256: 'a'.repeat(64) },
    startedAt: STARTED,
    finishedAt: FINISHED,
    failOn: 'high',
    toolVersion: '1.0.0',
    ...overrides,
  };
}

export function user(overrides: Partial<FindingUser> = {}): FindingUser {
  return {
    kind: 'employee',
    id: 21,
    userId: 1021,
    name: 'Jane Roe',
    email: 'jane.roe@contractor.example',
    login: 'jroe',
    audience: 'external',
    active: true,
    locked: false,
    ...overrides,
  };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  const u = overrides.user === undefined ? user() : overrides.user;
  const rule = overrides.rule ?? 'no-external-api-access';
  return {
    id: `${rule}:${u ? `${u.kind}-${u.id}` : 'tenant'}`,
    rule,
    severity: 'critical',
    message: u ? `${u.name} <${u.email ?? ''}> holds generate-api-key` : 'Too many admins',
    user: u,
    evidence: { permissions: ['generate-api-key'] },
    fix: { action: 'lock' },
    exemption: null,
    location: { line: 12, column: 5 },
    ...overrides,
  };
}

export function planStep(overrides: Partial<PlanStep> = {}): PlanStep {
  return {
    action: 'lock',
    user: { kind: 'employee', id: 21, userId: 1021, name: 'Jane Roe', email: 'jane.roe@contractor.example' },
    rules: ['no-external-api-access'],
    findings: ['no-external-api-access:employee-21'],
    status: 'planned',
    ...overrides,
  };
}

export function evaluation(
  findings: Finding[],
  plan: PlanStep[] = [],
  refusals: Evaluation['refusals'] = [],
): Evaluation {
  // as the engine counts: exempt findings and those a verified apply step fixed are not open
  const open = findings.filter(isOpen);
  const count = (s: Finding['severity']) => open.filter((f) => f.severity === s).length;
  return {
    findings,
    plan,
    refusals,
    counts: {
      users: 42,
      activeUsers: 40,
      externalUsers: 5,
      findings: open.length,
      exempted: findings.filter(isExempt).length,
      critical: count('critical'),
      high: count('high'),
      medium: count('medium'),
      low: count('low'),
    },
  };
}

export function report(
  findings: Finding[],
  options: { plan?: PlanStep[]; refusals?: Evaluation['refusals']; ctx?: Partial<ReportContext> } & Omit<
    ReportParts,
    'evaluation'
  > = {},
): Report {
  const { plan, refusals, ctx, ...parts } = options;
  return buildReport(context(ctx), { evaluation: evaluation(findings, plan, refusals), ...parts });
}

/** A report touching every place a person's name or email can appear. */
export function fullReport(): Report {
  const jane = user();
  const bob = user({
    kind: 'technician',
    id: 7,
    userId: 1007,
    name: 'Bob Stone',
    email: 'bob@acme.example',
    login: 'bob@acme.example',
    audience: 'internal',
  });
  return report(
    [
      finding({ user: jane }),
      finding({
        rule: 'no-admins',
        severity: 'high',
        user: bob,
        message: 'Bob Stone (bob@acme.example) holds the Admin role',
        evidence: { roles: ['Admin'] },
        fix: { action: 'manual', steps: ['Remove the Admin role from Bob Stone in ServiceTitan'] },
        location: { line: 20, column: 5 },
      }),
      finding({
        rule: 'at-most-three-admins',
        severity: 'medium',
        user: null,
        message: '4 users hold Admin: Jane Roe, Bob Stone, Carla Diaz, Dev Patel',
        evidence: {
          holders: [
            { kind: 'employee', id: 21, name: 'Jane Roe' },
            { kind: 'technician', id: 7, name: 'Bob Stone' },
            { kind: 'employee', id: 30, name: 'Carla Diaz' },
            { kind: 'employee', id: 31, name: 'Dev Patel' },
          ],
          max: 3,
        },
        fix: {
          action: 'manual',
          steps: ['Remove Admin from one of Jane Roe, Bob Stone, Carla Diaz, Dev Patel'],
        },
        location: { line: 30, column: 5 },
      }),
      finding({
        rule: 'no-external-api-access',
        id: 'no-external-api-access:employee-40',
        user: user({
          id: 40,
          userId: 1040,
          name: 'Erin Partner',
          email: 'erin@integrator.example',
          login: 'erinp',
        }),
        message: 'Erin Partner holds generate-api-key',
        exemption: {
          reason: 'Integration partner, contract 2231',
          expires: '2026-03-20',
          approvedBy: 'security@acme.example',
          ticket: 'SEC-123',
          status: 'active',
        },
      }),
    ],
    {
      plan: [
        planStep(),
        planStep({
          user: { kind: 'employee', id: 50, userId: 1050, name: 'Owen Owner', email: 'owen@acme.example' },
          status: 'skipped',
          reason: 'Owen Owner is a protected user',
        }),
        planStep({
          action: 'deactivate',
          user: { kind: 'employee', id: 51, userId: 1051, name: 'Fay Failed', email: 'fay@acme.example' },
          status: 'failed',
          error: 'ServiceTitan refused to deactivate Fay Failed (trace 00-abc)',
        }),
      ],
      refusals: [{ code: 'apply.protected-user', message: 'The plan changes Owen Owner, a protected user' }],
      discovery: {
        permissions: [{ id: 1234, name: 'generate-api-key', values: { True: 3, False: 30 }, users: 40 }],
        roles: [{ id: 1, name: 'Admin', active: true, users: 4 }],
        changes: [
          {
            user: { kind: 'employee', id: 60, name: 'Gus Toggle' },
            permission: 1234,
            before: 'False',
            after: 'True',
          },
        ],
      },
    },
  );
}

/**
 * A successful apply: three critical findings, each fixed by a verified lock (the engine marks
 * them `remediated` and takes them out of the counts), so the run passes.
 */
export function appliedReport(): Report {
  const people = [
    user({ id: 160, userId: 1160, name: 'Kevin Tran', email: 'kevin.tran@coolit-integrations.example' }),
    user({ id: 161, userId: 1161, name: 'Jake Morrison', email: 'jake.morrison.hvac@gmail.com' }),
    user({ id: 162, userId: 1162, name: 'Sam Ortega', email: 'sam@ortega-it.example' }),
  ];
  const findings = people.map((u) =>
    finding({ id: `no-external-api-access:employee-${u.id}`, user: u, remediated: true }),
  );
  const plan = findings.map((f) =>
    planStep({
      user: {
        kind: 'employee',
        id: f.user!.id,
        userId: f.user!.userId,
        name: f.user!.name,
        email: f.user!.email,
      },
      findings: [f.id],
      status: 'verified',
    }),
  );
  return report(findings, { plan, ctx: { mode: 'apply' } });
}

/** Every name and email that appears in fullReport(). */
export const FULL_REPORT_PEOPLE = [
  'Jane Roe',
  'jane.roe@contractor.example',
  'jroe',
  'Bob Stone',
  'bob@acme.example',
  'Carla Diaz',
  'Dev Patel',
  'Erin Partner',
  'erin@integrator.example',
  'erinp',
  'security@acme.example',
  'Owen Owner',
  'owen@acme.example',
  'Fay Failed',
  'fay@acme.example',
  'Gus Toggle',
];

/** Values an attacker who can edit a ServiceTitan employee record may choose. */
export const HOSTILE = {
  markdown: '**bold** [click](https://evil.example) | cell | `code` # heading',
  html: '<img src=x onerror=alert(1)><script>alert(1)</script>',
  mention: '@github/security-team please look @octocat',
  workflowCommand: 'Mallory\n::error::forged\n::add-mask::x\n::set-output name=status::pass',
  long: 'A'.repeat(10_000),
  newlines: 'line one\r\nline two\n\n# heading',
  ansi: '\u001b[31mred\u001b[0m\u001b]8;;https://evil.example\u0007',
};

/** The policy behind fullReport(), as the loader would return it. */
export function policy(): Policy {
  const appliesTo = {
    audience: 'any' as const,
    kinds: ['employee' as const, 'technician' as const],
    exceptUsers: [],
    includeInactive: false,
  };
  return {
    version: 1,
    source: { path: '.github/servicetitan-access.yml', sha256: 'a'.repeat(64) },
    organization: { internalDomains: ['acme.example'], internalUsers: [], externalUsers: [] },
    permissions: [
      { name: 'generate-api-key', id: 1234, granted: ['true'], position: { line: 5, column: 3 } },
    ],
    rules: [
      {
        kind: 'forbid',
        id: 'no-external-api-access',
        description: 'Outsiders must not create app keys',
        severity: 'critical',
        appliesTo: { ...appliesTo, audience: 'external' },
        forbid: { permissions: ['generate-api-key'], roles: [], account: false },
        fix: { action: 'lock' },
        position: { line: 12, column: 5 },
      },
      {
        kind: 'forbid',
        id: 'no-admins',
        severity: 'high',
        appliesTo,
        forbid: { permissions: [], roles: ['Admin'], account: false },
        fix: { action: 'none' },
        position: { line: 20, column: 5 },
      },
      {
        kind: 'max-holders',
        id: 'at-most-three-admins',
        severity: 'medium',
        appliesTo,
        maxHolders: { roles: ['Admin'], permissions: [], max: 3 },
        position: { line: 30, column: 5 },
      },
      {
        kind: 'forbid',
        id: 'no-technician-admins',
        severity: 'low',
        appliesTo: { ...appliesTo, kinds: ['technician'] },
        forbid: { permissions: [], roles: ['Admin'], account: false },
        fix: { action: 'set-role', role: 'Technician' },
        position: { line: 40, column: 5 },
      },
    ],
    exemptions: [],
    safety: { protectedUsers: [], minActiveAdmins: 1, adminRoles: ['Admin', 'Owner'] },
  };
}
