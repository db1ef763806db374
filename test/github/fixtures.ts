/**
 * Reports built the way the engine and report builder would, and a GitHub context pointed at
 * the loopback fake.
 */
import type { Finding, FindingUser } from '../../src/engine/types.js';
import { gitHubContext, type GitHubContext } from '../../src/github/context.js';
import { buildReport, isExempt } from '../../src/report/build.js';
import type { Report } from '../../src/report/model.js';

export const POLICY_PATH = '.github/servicetitan-access.yml';
export const TOKEN = 'ghs_faketoken_0123456789abcdef';

export function person(overrides: Partial<FindingUser> = {}): FindingUser {
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
  const u = overrides.user === undefined ? person() : overrides.user;
  const rule = overrides.rule ?? 'no-external-api-access';
  return {
    id: `${rule}-${u ? `${u.kind}-${u.id}` : 'tenant'}`.slice(0, 40),
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

export function auditReport(
  findings: Finding[],
  options: { finishedAt?: string; comparison?: Report['comparison']; tenant?: string } = {},
): Report {
  const open = findings.filter((f) => !isExempt(f));
  const count = (s: Finding['severity']) => open.filter((f) => f.severity === s).length;
  return buildReport(
    {
      mode: 'audit',
      tenant: options.tenant ?? '1234',
      environment: 'production',
      policy: { path: POLICY_PATH, sha256: 'a'.repeat(64) },
      startedAt: new Date('2026-03-01T08:00:00Z'),
      finishedAt: new Date(options.finishedAt ?? '2026-03-01T08:00:05Z'),
      failOn: 'high',
      toolVersion: '1.0.0',
    },
    {
      evaluation: {
        findings,
        plan: [],
        refusals: [],
        counts: {
          users: 42,
          activeUsers: 40,
          externalUsers: 5,
          findings: open.length,
          exempted: findings.length - open.length,
          critical: count('critical'),
          high: count('high'),
          medium: count('medium'),
          low: count('low'),
        },
      },
      ...(options.comparison ? { comparison: options.comparison } : {}),
    },
  );
}

export function context(
  apiUrl: string,
  options: { runId?: string; payload?: Record<string, unknown>; event?: string } = {},
): GitHubContext {
  const ctx = gitHubContext(
    {
      GITHUB_REPOSITORY: 'acme/access-policies',
      GITHUB_API_URL: apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: options.runId ?? '1001',
      GITHUB_EVENT_NAME: options.event ?? 'schedule',
    },
    TOKEN,
    options.payload ?? {},
  );
  if (!ctx) throw new Error('context expected');
  return ctx;
}
