import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderImpactComment, upsertImpactComment } from '../../src/github/pr-comment.js';
import { recordingLogger } from '../../src/logger.js';
import type { Exemption, ForbidRule, MaxHoldersRule, Policy } from '../../src/policy/types.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { auditReport, context, finding, person, POLICY_PATH, TOKEN } from './fixtures.js';

const PR_PAYLOAD = {
  pull_request: { number: 7, base: { sha: 'b'.repeat(40) }, head: { sha: 'c'.repeat(40) } },
};

let gh: GitHubFake;
beforeEach(async () => {
  gh = await startGitHubFake();
});
afterEach(async () => {
  await gh.close();
});

function forbidRule(overrides: Partial<ForbidRule> = {}): ForbidRule {
  return {
    kind: 'forbid',
    id: 'no-external-api-access',
    severity: 'critical',
    appliesTo: {
      audience: 'external',
      kinds: ['employee', 'technician'],
      exceptUsers: [],
      includeInactive: false,
    },
    forbid: { permissions: ['generate-api-key'], roles: [], account: false },
    fix: { action: 'lock' },
    position: { line: 10, column: 5 },
    ...overrides,
  };
}

const maxAdmins: MaxHoldersRule = {
  kind: 'max-holders',
  id: 'at-most-three-admins',
  severity: 'medium',
  appliesTo: { audience: 'any', kinds: ['employee'], exceptUsers: [], includeInactive: false },
  maxHolders: { roles: ['Admin'], permissions: [], max: 3 },
  position: { line: 20, column: 5 },
};

function exemption(overrides: Partial<Exemption> = {}): Exemption {
  return {
    user: { type: 'email', value: 'partner@integrator.example', raw: 'partner@integrator.example' },
    rules: ['no-external-api-access'],
    reason: 'Integration partner, contract 2231',
    expires: '2026-06-30',
    approvedBy: 'security@acme-hvac.example',
    ticket: 'SEC-123',
    index: 0,
    position: { line: 30, column: 5 },
    ...overrides,
  };
}

function policy(rules: Policy['rules'], exemptions: Exemption[]): Policy {
  return {
    version: 1,
    source: { path: POLICY_PATH, sha256: 'a'.repeat(64) },
    organization: { internalDomains: ['acme-hvac.example'], internalUsers: [], externalUsers: [] },
    permissions: [],
    rules,
    exemptions,
    safety: { protectedUsers: [], minActiveAdmins: 1, adminRoles: ['Admin'] },
  };
}

describe('renderImpactComment', () => {
  const added = finding({ user: person({ id: 40, name: 'Carol Fox', email: 'carol@partner.example' }) });
  const resolvedBase = finding({
    rule: 'no-admins',
    severity: 'high',
    user: person({ id: 50, name: 'Dan Oak' }),
  });

  it('lists the findings the change adds and the ones it resolves', () => {
    const report = auditReport([added], {
      comparison: { added: [added.id], resolved: [resolvedBase.id], exempted: [] },
    });
    const body = renderImpactComment(report, { policyPath: POLICY_PATH, baseFindings: [resolvedBase] });
    expect(
      body.startsWith('<!-- servicetitan-access-guard:impact policy=.github%2Fservicetitan-access.yml -->'),
    ).toBe(true);
    expect(body).toContain('1 finding added, 1 resolved');
    expect(body).toMatch(
      /Findings this change adds \(1\)[\s\S]*Carol Fox[\s\S]*Findings this change resolves \(1\)[\s\S]*Dan Oak/,
    );
  });

  it('shows exemptions added or extended with approver and expiry, and rules removed or weakened', () => {
    const base = policy(
      [forbidRule(), forbidRule({ id: 'no-admins', severity: 'high' }), maxAdmins],
      [exemption({ expires: '2026-04-30' })],
    );
    const head = policy(
      [
        forbidRule({ severity: 'medium', fix: { action: 'none' } }),
        { ...maxAdmins, maxHolders: { ...maxAdmins.maxHolders, max: 5 } },
      ],
      [
        exemption({ expires: '2026-06-30' }),
        exemption({
          user: { type: 'login', value: 'jroe', raw: 'login:jroe' },
          approvedBy: 'ciso@acme-hvac.example',
          expires: '2026-05-01',
          index: 1,
        }),
      ],
    );
    const body = renderImpactComment(
      auditReport([], { comparison: { added: [], resolved: [], exempted: [] } }),
      {
        policyPath: POLICY_PATH,
        basePolicy: base,
        headPolicy: head,
      },
    );
    expect(body).toContain('Exemptions this change adds or extends (2)');
    expect(body).toContain('2026-06-30 (extended from 2026-04-30)');
    expect(body).toContain('2026-05-01 (new)');
    expect(body).toContain('ciso&commat;acme-hvac.example');
    expect(body).toContain('Rules this change removes or weakens (4)');
    expect(body).toContain('no-admins: removed \\(was high\\)');
    expect(body).toContain('severity critical → medium');
    expect(body).toContain('fix lock → none');
    expect(body).toContain('max 3 → 5');
  });

  it('says so when the change makes no difference', () => {
    const body = renderImpactComment(
      auditReport([], { comparison: { added: [], resolved: [], exempted: [] } }),
      {
        policyPath: POLICY_PATH,
      },
    );
    expect(body).toContain('neither adds nor resolves findings');
  });

  it('stays under GitHub’s comment limit with thousands of findings', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding({ id: `f${i}`, user: person({ id: i, name: 'N'.repeat(300) }), message: 'M'.repeat(500) }),
    );
    const report = auditReport(many, {
      comparison: { added: many.map((f) => f.id), resolved: [], exempted: [] },
    });
    const body = renderImpactComment(report, { policyPath: POLICY_PATH });
    expect(body.length).toBeLessThan(60_000);
    expect(body).toContain('and 2950 more');
  });
});

describe('upsertImpactComment', () => {
  const run = (body: string) =>
    upsertImpactComment(context(gh.url, { payload: PR_PAYLOAD, event: 'pull_request' }), body, {
      policyPath: POLICY_PATH,
      logger: recordingLogger(),
    });
  const report = auditReport([finding()], {
    comparison: { added: [finding().id], resolved: [], exempted: [] },
  });

  it('creates one comment, then edits it in place, and leaves it alone when unchanged', async () => {
    gh.addIssue({ number: 7, body: 'the pull request', labels: [], pull_request: { url: 'x' } });
    gh.addComment(7, 'a reviewer’s comment', { login: 'octocat', type: 'User' });
    const first = renderImpactComment(report, { policyPath: POLICY_PATH, runUrl: 'https://github.com/r/1' });
    expect(await run(first)).toMatchObject({ action: 'created' });
    const second = renderImpactComment(report, { policyPath: POLICY_PATH, runUrl: 'https://github.com/r/2' });
    const updated = await run(second);
    expect(updated.action).toBe('updated');
    const writes = gh.writes().length;
    expect(await run(second)).toEqual({ id: updated.id, action: 'unchanged' });
    expect(gh.writes()).toHaveLength(writes);
    const ours = gh.state.comments.filter((c) => c.body.includes('servicetitan-access-guard:impact'));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toContain('https://github.com/r/2');
  });

  it('keeps separate comments for separate policy files', async () => {
    gh.addIssue({ number: 7, body: 'pr', labels: [] });
    await run(renderImpactComment(report, { policyPath: POLICY_PATH }));
    await upsertImpactComment(context(gh.url, { payload: PR_PAYLOAD }), 'other', {
      policyPath: 'policies/other.yml',
      logger: recordingLogger(),
    });
    expect(gh.state.comments).toHaveLength(2);
  });

  it('does nothing outside a pull request', async () => {
    const result = await upsertImpactComment(context(gh.url), 'x', {
      policyPath: POLICY_PATH,
      logger: recordingLogger(),
    });
    expect(result).toEqual({ id: null, action: 'none' });
    expect(gh.calls).toHaveLength(0);
  });

  it('warns and goes on when the token may not comment (403, as on a fork)', async () => {
    gh.addIssue({ number: 7, body: 'pr', labels: [] });
    gh.forbid('POST /repos/{owner}/{repo}/issues/{number}/comments');
    const logger = recordingLogger();
    const result = await upsertImpactComment(context(gh.url, { payload: PR_PAYLOAD }), 'x', {
      policyPath: POLICY_PATH,
      logger,
    });
    expect(result).toEqual({ id: null, action: 'none' });
    const warning = logger.lines.find((l) => l.startsWith('warning:'))!;
    expect(warning).toContain('pull-requests: write');
    expect(logger.lines.join('\n')).not.toContain(TOKEN);
  });
});
