/**
 * The event rule through the committed bundles: apply and undo write to ServiceTitan only on an
 * allowed event on the default branch, in the action and in the CLI running inside Actions. Each
 * refused run is checked against the sandbox's request log: not one write reached it. Every event
 * is checked in-process in test/integration/apply-events.test.ts; these runs (a pull request's
 * apply and undo refused, an apply on a push to the default branch) prove the bundles read the
 * event the same way.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { POLICY, REPORT, starterPolicy, writesIn } from './guard.support.js';
import { runAction, runCli, sandboxEnv, sandboxInputs, type ActionRun } from './harness.js';
import { PULL_REQUEST_EVENTS, REPOSITORY, type EventCase } from '../helpers/github-events.js';

let sandbox: Sandbox;
let policy: string;

beforeAll(async () => {
  [sandbox, policy] = await Promise.all([startSandbox(), starterPolicy()]);
});
afterAll(() => sandbox.close());

const writesSince = (count: number) => writesIn(sandbox.requests.slice(count));

async function reportOf(run: ActionRun, file = REPORT): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(run.workspace, file), 'utf8')) as Record<string, unknown>;
}

function action(mode: 'apply' | 'undo', event: EventCase, files: Record<string, string>) {
  return runAction({
    inputs: sandboxInputs(sandbox, { mode }),
    event: { name: event.name, payload: event.payload },
    files,
  });
}

const PUSH_TO_MAIN: EventCase = {
  name: 'push',
  payload: { repository: REPOSITORY, ref: 'refs/heads/main' },
  ref: 'refs/heads/main',
};

describe('the action', () => {
  it('never applies on pull_request_target: it audits, shows the plan, refuses and fails', async () => {
    sandbox.reset();
    const run = await action('apply', PULL_REQUEST_EVENTS.pull_request_target!, { [POLICY]: policy });
    expect(writesIn(sandbox.requests)).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('fail');
    expect(run.outputs['applied-changes']).toBe('0');
    const report = await reportOf(run);
    expect((report.refusals as { code: string }[]).map((r) => r.code)).toContain('apply.pull-request');
    expect((report.plan as unknown[]).length).toBe(3);
  });

  it('applies on a push to the default branch, and never undoes it on pull_request_target', async () => {
    sandbox.reset();
    const applied = await action('apply', PUSH_TO_MAIN, { [POLICY]: policy });
    expect(applied.outputs['applied-changes']).toBe('3');
    expect(writesIn(sandbox.requests).length).toBeGreaterThan(0);

    const journal = await readFile(path.join(applied.workspace, REPORT), 'utf8');
    const before = sandbox.requests.length;
    const run = await action('undo', PULL_REQUEST_EVENTS.pull_request_target!, {
      [POLICY]: policy,
      [REPORT]: journal,
    });
    expect(writesSince(before)).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.outputs['applied-changes']).toBe('0');
    expect(JSON.stringify(await reportOf(run, `${REPORT}.undo.json`))).toContain('apply.pull-request');
  });
});

describe('the CLI inside GitHub Actions', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(os.tmpdir(), 'st-guard-cli-event-'));
    await writeFile(path.join(workspace, 'policy.yml'), policy);
  });

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

  it('never applies on pull_request_target', async () => {
    sandbox.reset();
    const run = await cli(['apply'], PULL_REQUEST_EVENTS.pull_request_target!);
    expect(writesIn(sandbox.requests)).toEqual([]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('apply.pull-request');
  });
});
