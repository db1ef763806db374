import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncTrackingIssue } from '../../src/github/tracking-issue.js';
import { trackedFindings } from '../../src/github/tracking-body.js';
import { recordingLogger } from '../../src/logger.js';
import type { Report } from '../../src/report/model.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { auditReport, context, finding, person, POLICY_PATH, TOKEN } from './fixtures.js';

let gh: GitHubFake;
beforeEach(async () => {
  gh = await startGitHubFake();
});
afterEach(async () => {
  await gh.close();
});

const jane = finding();
const bob = finding({
  rule: 'no-admins',
  severity: 'high',
  user: person({
    kind: 'technician',
    id: 7,
    name: 'Bob Stone',
    email: 'bob@acme.example',
    audience: 'internal',
  }),
  evidence: { roles: ['Admin'] },
  fix: { action: 'manual', steps: ['Remove the Admin role in ServiceTitan'] },
});

async function sync(report: Report, runId = '1001', labels?: string[]) {
  const logger = recordingLogger();
  const result = await syncTrackingIssue(context(gh.url, { runId }), report, {
    policyPath: POLICY_PATH,
    logger,
    ...(labels ? { labels } : {}),
  });
  return { result, logger };
}

const issueComments = (n: number) => gh.state.comments.filter((c) => c.issue_number === n);

describe('syncTrackingIssue', () => {
  it('creates one labelled issue with a findings table when there are open findings', async () => {
    const { result } = await sync(auditReport([jane, bob]));
    expect(result).toEqual({ number: 1, action: 'created' });
    const issue = gh.state.issues[0]!;
    expect(issue.labels).toEqual(['servicetitan-access']);
    expect(issue.body).toContain(
      '<!-- servicetitan-access-guard:tracking tenant=1234 policy=.github%2Fservicetitan-access.yml -->',
    );
    expect(issue.body).toContain('| Severity | Rule | User | Holds | Fix |');
    expect(issue.body).toMatch(/\| critical \| no-external-api-access \|/);
    expect(issue.body).toContain('https://github.com/acme/access-policies/actions/runs/1001');
    expect(trackedFindings(issue.body)?.map((t) => t.id)).toEqual([jane.id, bob.id]);
    // the label is created before the issue, and the listing uses label and state=all, not search
    const routes = gh.calls.map((c) => c.route);
    expect(routes).toContain('POST /repos/{owner}/{repo}/labels');
    expect(routes.some((r) => r.includes('search'))).toBe(false);
    const list = gh.calls.find((c) => c.route === 'GET /repos/{owner}/{repo}/issues')!;
    expect(list.path).toContain('labels=servicetitan-access');
    expect(list.path).toContain('state=all');
    expect(issueComments(1)).toHaveLength(0);
  });

  it('creates nothing when the tenant is clean and no issue exists', async () => {
    const { result } = await sync(auditReport([]));
    expect(result).toEqual({ number: null, action: 'none' });
    expect(gh.writes()).toHaveLength(0);
  });

  it('replaces the body in place and writes no comment when the findings are the same', async () => {
    await sync(auditReport([jane, bob]), '1001');
    const before = gh.calls.length;
    const { result } = await sync(auditReport([jane, bob], { finishedAt: '2026-03-02T08:00:05Z' }), '1002');
    expect(result).toEqual({ number: 1, action: 'updated' });
    expect(gh.state.issues).toHaveLength(1);
    expect(gh.state.issues[0]!.body).toContain('/actions/runs/1002');
    const writes = gh.calls.slice(before).filter((c) => c.method !== 'GET');
    expect(writes.map((c) => c.route)).toEqual(['PATCH /repos/{owner}/{repo}/issues/{number}']);
    expect(issueComments(1)).toHaveLength(0);
  });

  it('writes nothing at all when the body would not change', async () => {
    await sync(auditReport([jane]));
    const before = gh.writes().length;
    const { result } = await sync(auditReport([jane]));
    expect(result).toEqual({ number: 1, action: 'unchanged' });
    expect(gh.writes()).toHaveLength(before);
  });

  it('comments once, listing new and resolved findings, when the set changes', async () => {
    await sync(auditReport([jane]), '1001');
    const carol = finding({ user: person({ id: 33, name: 'Carol Fox', email: 'carol@partner.example' }) });
    const { result } = await sync(auditReport([carol]), '1002');
    expect(result).toEqual({ number: 1, action: 'updated' });
    const comments = issueComments(1);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body).toContain('1 new, 1 resolved');
    expect(body).toMatch(/\*\*New\*\*[\s\S]*Carol Fox[\s\S]*\*\*Resolved\*\*[\s\S]*employee 21/);
    expect(body).toContain(jane.id);
    // the next unchanged run adds no comment
    await sync(auditReport([carol]), '1003');
    expect(issueComments(1)).toHaveLength(1);
  });

  it('closes the issue with a short comment when the tenant is clean', async () => {
    await sync(auditReport([jane]), '1001');
    const { result } = await sync(auditReport([]), '1002');
    expect(result).toEqual({ number: 1, action: 'closed' });
    const issue = gh.state.issues[0]!;
    expect(issue.state).toBe('closed');
    expect(issue.state_reason).toBe('completed');
    expect(issue.body).toContain('No open findings');
    expect(issueComments(1)).toHaveLength(1);
    expect(issueComments(1)[0]!.body).toContain('closing');
    // staying clean touches nothing
    const writes = gh.writes().length;
    expect((await sync(auditReport([]), '1003')).result).toEqual({ number: 1, action: 'unchanged' });
    expect(gh.writes()).toHaveLength(writes);
  });

  it('closes the issue when an apply fixed every open finding', async () => {
    await sync(auditReport([jane, bob]), '1001');
    const applied = auditReport([
      { ...jane, remediated: true },
      { ...bob, remediated: true },
    ]);
    const { result } = await sync(applied, '1002');
    expect(result).toEqual({ number: 1, action: 'closed' });
    expect(gh.state.issues[0]!.body).toContain('No open findings');
  });

  it('reopens the same issue, with a comment listing what came back, when findings return', async () => {
    await sync(auditReport([jane]), '1001');
    await sync(auditReport([]), '1002');
    const { result } = await sync(auditReport([jane]), '1003');
    expect(result).toEqual({ number: 1, action: 'reopened' });
    expect(gh.state.issues).toHaveLength(1);
    expect(gh.state.issues[0]!.state).toBe('open');
    const last = issueComments(1).at(-1)!.body;
    expect(last).toContain('reopening');
    expect(last).toContain('Jane Roe');
  });

  it('still tells an unchanged run from a changed one with thousands of findings, and stays under the size limit', async () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding({ id: `f${String(i).padStart(15, '0')}`, user: person({ id: i }) }),
    );
    await sync(auditReport(many), '1001');
    const body = gh.state.issues[0]!.body;
    expect(body.length).toBeLessThan(60_000);
    expect(body).toContain('findings-digest count=3000');
    await sync(auditReport(many), '1002');
    expect(issueComments(1)).toHaveLength(0);
    await sync(auditReport(many.slice(1)), '1003');
    expect(issueComments(1)).toHaveLength(1);
    expect(issueComments(1)[0]!.body).toContain('2999 open, 3000 before');
  });

  it('adds no comment when the body it finds was edited by hand and remembers nothing', async () => {
    gh.addIssue({
      body: '<!-- servicetitan-access-guard:tracking tenant=1234 policy=.github%2Fservicetitan-access.yml -->\nnotes',
    });
    const { result } = await sync(auditReport([jane]));
    expect(result).toEqual({ number: 1, action: 'updated' });
    expect(issueComments(1)).toHaveLength(0);
    expect(gh.state.issues[0]!.body).toContain('servicetitan-access-guard:findings ');
  });

  it('keeps one issue per tenant and policy file', async () => {
    await sync(auditReport([jane], { tenant: '1234' }));
    await sync(auditReport([jane], { tenant: '5678' }));
    await sync(auditReport([jane], { tenant: '1234' }));
    expect(gh.state.issues.map((i) => i.number)).toEqual([1, 2]);
  });

  it('finds its issue on a later page of the listing', async () => {
    gh.state.maxPageSize = 2;
    for (let i = 0; i < 5; i++) gh.addIssue({ body: `someone else's issue ${i}` });
    const first = await sync(auditReport([jane]), '1001');
    for (let i = 0; i < 5; i++) gh.addIssue({ body: `later issue ${i}` });
    const second = await sync(auditReport([jane, bob]), '1002');
    expect(second.result).toEqual({ number: first.result.number, action: 'updated' });
    expect(gh.state.issues.filter((i) => i.body.includes('servicetitan-access-guard:tracking'))).toHaveLength(
      1,
    );
  });

  it('uses the configured labels and accepts labels that already exist', async () => {
    gh.state.labels.add('security');
    const { result } = await sync(auditReport([jane]), '1001', ['security', 'access-review']);
    expect(result.action).toBe('created');
    expect(gh.state.issues[0]!.labels).toEqual(['security', 'access-review']);
    expect(gh.state.labels.has('access-review')).toBe(true);
  });

  it('lists by the token user as creator when the token can say who it is', async () => {
    gh.state.viewer = 'audit-bot';
    await sync(auditReport([jane]));
    const list = gh.calls.find((c) => c.route === 'GET /repos/{owner}/{repo}/issues')!;
    expect(list.path).toContain('creator=audit-bot');
  });

  it('warns to add issues: write and goes on when the token may not write issues', async () => {
    gh.forbid('POST /repos/{owner}/{repo}/labels');
    gh.forbid('POST /repos/{owner}/{repo}/issues');
    const { result, logger } = await sync(auditReport([jane]));
    expect(result).toEqual({ number: null, action: 'none' });
    const warning = logger.lines.find((l) => l.startsWith('warning:'))!;
    expect(warning).toContain('permissions: issues: write');
    expect(warning).toContain('403');
    expect(logger.lines.join('\n')).not.toContain(TOKEN);
  });

  it('warns and goes on when GitHub fails', async () => {
    gh.forbid('GET /repos/{owner}/{repo}/issues', 502);
    const { result, logger } = await sync(auditReport([jane]));
    expect(result).toEqual({ number: null, action: 'none' });
    expect(logger.lines.find((l) => l.startsWith('warning:'))).toContain('HTTP 502');
  });

  it('authenticates every call with the token', async () => {
    await sync(auditReport([jane]));
    expect(gh.calls.length).toBeGreaterThan(0);
    for (const call of gh.calls) expect(call.authorization).toBe(`token ${TOKEN}`);
  });

  it('leaves the issue alone when the audit did not complete', async () => {
    await sync(auditReport([jane]));
    const failed: Report = {
      ...auditReport([]),
      status: 'error',
      errors: [{ code: 'fetch.failed', message: 'x' }],
    };
    const before = gh.calls.length;
    const { result } = await sync(failed);
    expect(result).toEqual({ number: null, action: 'none' });
    expect(gh.calls).toHaveLength(before);
    expect(gh.state.issues[0]!.state).toBe('open');
  });
});
