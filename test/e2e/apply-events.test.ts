/**
 * The event rule through the committed bundles: apply and undo write to ServiceTitan only on an
 * allowed event on the default branch, in the action and in the CLI running inside Actions. Each
 * refused run is checked against the sandbox's request log: not one write reached it.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { POLICY, REPORT, sandboxRequests, starterPolicy, writesIn } from './guard.support.js';
import { runAction, runCli, sandboxEnv, sandboxInputs, type ActionRun } from './harness.js';

let sandbox: Sandbox;
let policy: string;

beforeAll(async () => {
  [sandbox, policy] = await Promise.all([startSandbox(), starterPolicy()]);
});
afterAll(() => sandbox.close());

const REPOSITORY = { private: true, default_branch: 'main', full_name: 'acme/access-policy' };

interface EventCase {
  name: string;
  payload: Record<string, unknown>;
  /** GITHUB_REF, for the CLI (the action reads the ref from the payload) */
  ref: string;
}

/** Events that carry a pull request's code: refused with `apply.pull-request`. */
const PULL_REQUEST_EVENTS: Record<string, EventCase> = {
  pull_request_target: {
    name: 'pull_request_target',
    payload: { repository: REPOSITORY, pull_request: { number: 3 } },
    ref: 'refs/heads/main',
  },
  pull_request_review: {
    name: 'pull_request_review',
    payload: { repository: REPOSITORY, pull_request: { number: 3 } },
    ref: 'refs/pull/3/merge',
  },
  pull_request_review_comment: {
    name: 'pull_request_review_comment',
    payload: { repository: REPOSITORY, pull_request: { number: 3 } },
    ref: 'refs/pull/3/merge',
  },
  merge_group: {
    name: 'merge_group',
    payload: { repository: REPOSITORY, merge_group: { head_ref: 'refs/heads/gh-readonly-queue/main/pr-3' } },
    ref: 'refs/heads/gh-readonly-queue/main/pr-3',
  },
  'issue_comment on a pull request': {
    name: 'issue_comment',
    payload: { repository: REPOSITORY, issue: { number: 3, pull_request: { url: 'pulls/3' } } },
    ref: 'refs/heads/main',
  },
  'workflow_run of a pull request': {
    name: 'workflow_run',
    payload: {
      repository: REPOSITORY,
      workflow_run: { event: 'pull_request', head_branch: 'feature', pull_requests: [{ number: 3 }] },
    },
    ref: 'refs/heads/main',
  },
};

/** Events that are not pull requests and still run code not on the default branch: `apply.event`. */
const OTHER_REFUSED_EVENTS: Record<string, EventCase> = {
  'push to a branch': {
    name: 'push',
    payload: { repository: REPOSITORY, ref: 'refs/heads/feature' },
    ref: 'refs/heads/feature',
  },
  'workflow_dispatch on a branch': {
    name: 'workflow_dispatch',
    payload: { repository: REPOSITORY, ref: 'refs/heads/feature' },
    ref: 'refs/heads/feature',
  },
  issues: { name: 'issues', payload: { repository: REPOSITORY }, ref: 'refs/heads/main' },
};

async function writesSince(count: number) {
  return writesIn((await sandboxRequests(sandbox)).slice(count));
}

async function requestCount(): Promise<number> {
  return (await sandboxRequests(sandbox)).length;
}

async function reportOf(run: ActionRun, file = REPORT): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(run.workspace, file), 'utf8')) as Record<string, unknown>;
}

async function resetSandbox(): Promise<void> {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
}

function action(mode: 'apply' | 'undo', event: EventCase, files: Record<string, string>) {
  return runAction({
    inputs: sandboxInputs(sandbox, { mode }),
    event: { name: event.name, payload: event.payload },
    files,
  });
}

/** A real apply on workflow_dispatch of the default branch, for undo to reverse. */
async function applyOnDefaultBranch(): Promise<string> {
  const run = await action(
    'apply',
    { name: 'workflow_dispatch', payload: { repository: REPOSITORY, ref: 'refs/heads/main' }, ref: '' },
    { [POLICY]: policy },
  );
  expect(run.outputs['applied-changes']).toBe('3');
  return readFile(path.join(run.workspace, REPORT), 'utf8');
}

describe('the action', () => {
  beforeEach(resetSandbox);

  it.each(Object.entries(PULL_REQUEST_EVENTS))(
    'never applies on %s: it audits, shows the plan, refuses and fails',
    async (_, event) => {
      const before = await requestCount();
      const run = await action('apply', event, { [POLICY]: policy });
      expect(await writesSince(before)).toEqual([]);
      expect(run.code).toBe(1);
      expect(run.outputs.status).toBe('fail');
      expect(run.outputs['applied-changes']).toBe('0');
      const report = await reportOf(run);
      expect((report.refusals as { code: string }[]).map((r) => r.code)).toContain('apply.pull-request');
      expect((report.plan as unknown[]).length).toBe(3);
    },
  );

  it.each(Object.entries(OTHER_REFUSED_EVENTS))('never applies on %s, and says why', async (_, event) => {
    const before = await requestCount();
    const run = await action('apply', event, { [POLICY]: policy });
    expect(await writesSince(before)).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.outputs['applied-changes']).toBe('0');
    expect(JSON.stringify(await reportOf(run))).toContain('apply.event');
  });

  it('applies on a push to the default branch', async () => {
    const before = await requestCount();
    const run = await action(
      'apply',
      { name: 'push', payload: { repository: REPOSITORY, ref: 'refs/heads/main' }, ref: '' },
      { [POLICY]: policy },
    );
    expect(run.outputs['applied-changes']).toBe('3');
    expect((await writesSince(before)).length).toBeGreaterThan(0);
  });
});

describe('the action in undo mode', () => {
  let journal: string;
  beforeAll(async () => {
    await resetSandbox();
    journal = await applyOnDefaultBranch();
  });

  const refused = {
    pull_request_target: PULL_REQUEST_EVENTS.pull_request_target!,
    pull_request_review: PULL_REQUEST_EVENTS.pull_request_review!,
    merge_group: PULL_REQUEST_EVENTS.merge_group!,
    'push to a branch': OTHER_REFUSED_EVENTS['push to a branch']!,
  };

  it.each(Object.entries(refused))('never undoes on %s', async (_, event) => {
    const before = await requestCount();
    const run = await action('undo', event, { [POLICY]: policy, [REPORT]: journal });
    expect(await writesSince(before)).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.outputs['applied-changes']).toBe('0');
    const undo = JSON.stringify(await reportOf(run, `${REPORT}.undo.json`));
    expect(undo).toContain(event.name === 'push' ? 'apply.event' : 'apply.pull-request');
  });
});

describe('the CLI inside GitHub Actions', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(os.tmpdir(), 'st-guard-cli-event-'));
    await writeFile(path.join(workspace, 'policy.yml'), policy);
  });
  beforeEach(resetSandbox);

  async function cli(args: string[], event: EventCase) {
    const eventPath = path.join(workspace, `${event.name}.json`);
    await writeFile(eventPath, JSON.stringify(event.payload));
    return runCli([...args, '--policy', 'policy.yml', '--retry-budget', '5', '--json', '--quiet'], {
      cwd: workspace,
      env: {
        ...sandboxEnv(sandbox),
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: event.name,
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REF: event.ref,
        GITHUB_REPOSITORY: 'acme/access-policy',
      },
    });
  }

  const refused: Record<string, EventCase> = {
    pull_request_target: PULL_REQUEST_EVENTS.pull_request_target!,
    pull_request_review: PULL_REQUEST_EVENTS.pull_request_review!,
    pull_request_review_comment: PULL_REQUEST_EVENTS.pull_request_review_comment!,
    merge_group: PULL_REQUEST_EVENTS.merge_group!,
    'push to a branch (by GITHUB_REF)': {
      name: 'push',
      payload: { repository: REPOSITORY, ref: 'refs/heads/main' },
      ref: 'refs/heads/feature',
    },
  };

  it.each(Object.entries(refused))('never applies on %s', async (_, event) => {
    const before = await requestCount();
    const run = await cli(['apply'], event);
    expect(await writesSince(before)).toEqual([]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(PULL_REQUEST_EVENTS[event.name] ? 'apply.pull-request' : 'apply.event');
  });

  it('never applies when GITHUB_ACTIONS is set but the event cannot be read', async () => {
    const before = await requestCount();
    const run = await runCli(
      ['apply', '--policy', 'policy.yml', '--retry-budget', '5', '--json', '--quiet'],
      {
        cwd: workspace,
        env: { ...sandboxEnv(sandbox), GITHUB_ACTIONS: 'true' },
      },
    );
    expect(await writesSince(before)).toEqual([]);
    expect(run.code).not.toBe(0);
  });

  it('applies on a push to the default branch', async () => {
    const before = await requestCount();
    const run = await cli(['apply'], {
      name: 'push',
      payload: { repository: REPOSITORY, ref: 'refs/heads/main' },
      ref: 'refs/heads/main',
    });
    expect(run.code).toBe(0);
    expect((await writesSince(before)).length).toBeGreaterThan(0);
  });

  it('never undoes on pull_request_target', async () => {
    const journal = await applyOnDefaultBranch();
    await writeFile(path.join(workspace, 'apply.json'), journal);
    const before = await requestCount();
    const run = await cli(['undo', 'apply.json'], PULL_REQUEST_EVENTS.pull_request_target!);
    expect(await writesSince(before)).toEqual([]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('apply.pull-request');
  });
});
