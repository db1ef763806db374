/**
 * Alerts end to end, in-process: audits of the sandbox published through the one publish path,
 * with a loopback webhook receiver, the GitHub fake for the tracking issue, and a loopback proxy.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { isOpen } from '../../src/report/build.js';
import type { Report } from '../../src/report/model.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { startProxy, startReceiver, type Receiver } from './receiver.js';
import { audit, RUN_URL, workspaceWithPolicy, type AuditRun } from './runs.js';

let sandbox: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
  sandbox = await startSandbox();
  receiver = await startReceiver();
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
});

interface JsonAlert {
  tool: string;
  version: string;
  tenant: string;
  status: string;
  counts: Record<string, number>;
  new: { id: string; rule: string; severity: string; user: { id: number; name: string } | null }[];
  resolved: string[];
  runUrl: string | null;
}

const openIds = (report: Report) => report.findings.filter(isOpen).map((f) => f.id);

/** "Front Desk Tablet" (employee 164) has no email and no login, so is external: this makes it a new violation. */
async function grantApiKeyToTheTablet(value = 'True'): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/permissions`, {
    method: 'POST',
    body: JSON.stringify({ user: 'employee:164', permission: 10421, value }),
  });
  expect(res.status).toBe(200);
}

function tabletFinding(run: AuditRun): string {
  const found = run.result.report.findings.find(
    (f) => f.rule === 'no-external-api-access' && f.user?.id === 164,
  );
  expect(found).toBeDefined();
  return found!.id;
}

/** Everything a run showed or wrote: its log, its report, what it published. */
function everythingShown(run: AuditRun): string {
  return [run.log.join('\n'), renderJson(run.result.report), JSON.stringify(run.published)].join('\n');
}

describe('alerts compared with the baseline evidence', () => {
  it('announces every finding first, stays silent on an unchanged run, then announces exactly the new one', async () => {
    const workspace = await workspaceWithPolicy();
    const hook = '/evidence-hook-TOKEN0a1b2c3d';
    const notify = `json:${receiver.url}${hook}`;

    const first = await audit({ sandbox, workspace, notify, values: { evidence: 'pack-1' } });
    expect(first.result.report.status).toBe('fail');
    const [firstAlert] = receiver.bodies(hook) as JsonAlert[];
    expect(firstAlert).toMatchObject({
      tool: 'servicetitan-access-guard',
      tenant: sandbox.tenant,
      status: 'fail',
      resolved: [],
      runUrl: RUN_URL,
    });
    expect(firstAlert!.new.map((f) => f.id).sort()).toEqual(openIds(first.result.report).sort());
    expect(firstAlert!.new[0]!.severity).toBe('critical');
    expect(first.log.join('\n')).toContain('no last run to compare with');

    const second = await audit({
      sandbox,
      workspace,
      notify,
      values: { evidence: 'pack-2', 'baseline-evidence': 'pack-1' },
    });
    expect(receiver.bodies(hook)).toHaveLength(1);
    expect(second.log).toContain(
      'info: No alert: no new findings since the last run (the baseline evidence).',
    );

    await grantApiKeyToTheTablet();
    const third = await audit({
      sandbox,
      workspace,
      notify,
      values: { evidence: 'pack-3', 'baseline-evidence': 'pack-2' },
    });
    const bodies = receiver.bodies(hook) as JsonAlert[];
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.new.map((f) => f.id)).toEqual([tabletFinding(third)]);
    expect(bodies[1]!.new[0]!.user?.name).toBe('Front Desk Tablet');
    expect(bodies[1]!.resolved).toEqual([]);

    // `change` also speaks when a finding goes away; `new` would not
    await grantApiKeyToTheTablet('False');
    const fourth = await audit({
      sandbox,
      workspace,
      notify,
      values: { evidence: 'pack-4', 'baseline-evidence': 'pack-3', 'notify-on': 'change' },
    });
    const resolvedAlert = (receiver.bodies(hook) as JsonAlert[])[2]!;
    expect(resolvedAlert.new).toEqual([]);
    expect(resolvedAlert.resolved).toEqual([tabletFinding(third)]);
    for (const run of [first, second, third, fourth]) {
      expect(everythingShown(run)).not.toContain('TOKEN0a1b2c3d');
      expect(everythingShown(run)).not.toContain(receiver.url);
    }
  });
});

describe('alerts compared with the tracking issue', () => {
  const TOKEN = 'ghs_notifyTestToken0123456789';
  let github: GitHubFake;
  const saved = {
    GITHUB_REPOSITORY: process.env.GITHUB_REPOSITORY,
    GITHUB_API_URL: process.env.GITHUB_API_URL,
    GITHUB_SERVER_URL: process.env.GITHUB_SERVER_URL,
  };
  beforeAll(async () => {
    github = await startGitHubFake();
    process.env.GITHUB_REPOSITORY = 'acme/access-policy';
    process.env.GITHUB_API_URL = github.url;
    process.env.GITHUB_SERVER_URL = 'https://github.com';
  });
  afterAll(async () => {
    await github.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('announces the findings once, then only a new one, in Slack with a link to the issue', async () => {
    const workspace = await workspaceWithPolicy();
    const hook = '/tracking-hook-TOKENzz9y8x7w';
    const run = () =>
      audit({
        sandbox,
        workspace,
        notify: `slack:${receiver.url}${hook}`,
        values: { issue: 'true', 'github-token': TOKEN },
        env: { GITHUB_TOKEN: TOKEN },
        entry: 'action',
      });
    type Slack = {
      text: string;
      blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    };
    const texts = () => (receiver.bodies(hook) as Slack[]).map((m) => JSON.stringify(m.blocks));

    const first = await run();
    expect(github.state.issues).toHaveLength(1);
    const issueUrl = 'https://github.com/acme/access-policy/issues/1';
    const [firstMessage] = receiver.bodies(hook) as Slack[];
    const open = openIds(first.result.report).length;
    expect(firstMessage!.text).toContain(
      `${open} new ServiceTitan access findings in tenant ${sandbox.tenant}`,
    );
    expect(texts()[0]).toContain(`<${issueUrl}|Tracking issue #1>`);
    expect(texts()[0]).toContain(`<${RUN_URL}|View the run>`);

    const second = await run();
    expect(receiver.bodies(hook)).toHaveLength(1);
    expect(second.log).toContain('info: No alert: no new findings since the last run (the tracking issue).');

    await grantApiKeyToTheTablet();
    const third = await run();
    const messages = receiver.bodies(hook) as Slack[];
    expect(messages).toHaveLength(2);
    expect(messages[1]!.text).toContain(`1 new ServiceTitan access finding in tenant ${sandbox.tenant}`);
    const listed = messages[1]!.blocks.find((b) => b.text?.text.startsWith('*New findings*'))!.text!.text;
    expect(listed.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(1);
    expect(listed).toContain('Front Desk Tablet (employee 164)');
    expect(third.log.join('\n')).toContain('Tracking issue #1: updated');
    for (const r of [first, second, third]) expect(everythingShown(r)).not.toContain('TOKENzz9y8x7w');
  });
});

describe('delivery', () => {
  it('waits as a 429 asks and delivers; a webhook that keeps failing is a warning, not a failed run', async () => {
    const workspace = await workspaceWithPolicy();
    receiver.answer('/busy-SECRETa', { status: 429, headers: { 'retry-after': '1' } }, { status: 200 });
    receiver.answer('/down-SECRETb', { status: 500, body: `error at ${receiver.url}/down-SECRETb` });
    const notify = `slack:${receiver.url}/busy-SECRETa\njson:${receiver.url}/down-SECRETb`;

    const quiet = await audit({ sandbox, workspace, notify: '' });
    const loud = await audit({ sandbox, workspace, notify, values: { 'notify-on': 'always' } });

    expect(receiver.calls.filter((c) => c.path === '/busy-SECRETa')).toHaveLength(2);
    expect(receiver.calls.filter((c) => c.path === '/down-SECRETb')).toHaveLength(4);
    const log = loud.log.join('\n');
    expect(log).toContain(
      'Slack webhook 1 of 2 answered 429 (rate limited): retrying in 1 s (attempt 2 of 4)',
    );
    expect(log).toMatch(/info: Alert sent to Slack webhook 1 of 2 \(\d+ new findings\)\./);
    expect(loud.log).toContainEqual(
      expect.stringMatching(
        /^warning: The alert was not delivered to JSON webhook 2 of 2: HTTP 500 after 4 attempts\. The audit’s result is unchanged/,
      ),
    );
    // the same outcome as the run without alerts
    expect(loud.result.report.status).toBe(quiet.result.report.status);
    expect(loud.exitCode).toBe(quiet.exitCode);
    expect(loud.published.failures).toEqual([]);
    expect(everythingShown(loud)).not.toMatch(/SECRET[ab]/);
    expect(everythingShown(loud)).not.toContain(receiver.url);
  });

  it('goes through the proxy named in the environment', async () => {
    const proxy = await startProxy();
    const saved = {
      HTTP_PROXY: process.env.HTTP_PROXY,
      HTTPS_PROXY: process.env.HTTPS_PROXY,
      NO_PROXY: process.env.NO_PROXY,
    };
    try {
      process.env.HTTP_PROXY = proxy.url;
      process.env.HTTPS_PROXY = proxy.url;
      process.env.NO_PROXY = 'servicetitan.example';
      const workspace = await workspaceWithPolicy();
      await audit({
        sandbox,
        workspace,
        notify: `teams:${receiver.url}/proxied-hook`,
        values: { 'notify-on': 'always' },
      });
      const receiverHost = new URL(receiver.url).host;
      // undici tunnels through the proxy (CONNECT) for plain http too
      expect(proxy.seen.filter((s) => s.endsWith(` ${receiverHost}`))).toEqual([`CONNECT ${receiverHost}`]);
      const [card] = receiver.bodies('/proxied-hook') as { type: string }[];
      expect(card?.type).toBe('message');
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await proxy.close();
    }
  });

  it('names people as `redact` says, in every kind of message', async () => {
    const workspace = await workspaceWithPolicy();
    const notify = ['slack', 'teams', 'json']
      .map((kind) => `${kind}:${receiver.url}/redacted-${kind}`)
      .join(',');
    const run = await audit({ sandbox, workspace, notify, values: { redact: 'true' } });
    expect(run.result.redacted).toBe(true);
    const people = run.result.snapshot!.users.filter((u) => u.id === 160 || u.id === 161);
    expect(people).toHaveLength(2);
    for (const kind of ['slack', 'teams', 'json']) {
      const [body] = receiver.calls.filter((c) => c.path === `/redacted-${kind}`);
      expect(body).toBeDefined();
      for (const person of people) {
        expect(body!.text).not.toContain(person.name);
        expect(body!.text).not.toContain(person.email!);
      }
    }
  });

  it('sends nothing for a pull request', async () => {
    const workspace = await workspaceWithPolicy();
    const run = await audit({
      sandbox,
      workspace,
      notify: `json:${receiver.url}/pr-hook`,
      entry: 'action',
      event: { name: 'pull_request', isPullRequest: true, repositoryPrivate: true, payload: {} },
    });
    expect(receiver.bodies('/pr-hook')).toEqual([]);
    expect(run.log).toContain('info: No alert: alerts follow scheduled and manual runs, not pull requests.');
  });
});
