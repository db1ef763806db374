/**
 * The event rule, in-process: apply and undo write to ServiceTitan only on an allowed event on the
 * default branch, in the action (its `run()`, with the step's environment) and in the CLI running
 * inside Actions (the settings `runCommand` builds from the environment: `cliEvent`). Each refused
 * run is checked against the sandbox's request log: not one write reached it.
 * test/e2e/apply-events.test.ts runs a few of these through the committed bundles.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runPipeline } from '../../src/pipeline.js';
import { parseSettings } from '../../src/settings.js';
import { recordingLogger } from '../../src/logger.js';
import { cliEvent, cliInputs } from '../../src/cli/run.js';
import { statusExitCode } from '../../src/report/build.js';
import { POLICY, REPORT, starterPolicy, writesIn } from '../e2e/guard.support.js';
import { sandboxEnv, sandboxInputs, type ActionRun } from '../e2e/harness.js';
import { runActionInProcess } from '../helpers/in-process.js';
import {
  OTHER_REFUSED_EVENTS,
  PULL_REQUEST_EVENTS,
  REPOSITORY,
  type EventCase,
} from '../helpers/github-events.js';

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
  return runActionInProcess({
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
  beforeEach(() => sandbox.reset());

  it.each(Object.entries(PULL_REQUEST_EVENTS))(
    'never applies on %s: it audits, shows the plan, refuses and fails',
    async (_, event) => {
      const before = sandbox.requests.length;
      const run = await action('apply', event, { [POLICY]: policy });
      expect(writesSince(before)).toEqual([]);
      expect(run.code).toBe(1);
      expect(run.outputs.status).toBe('fail');
      expect(run.outputs['applied-changes']).toBe('0');
      const report = await reportOf(run);
      expect((report.refusals as { code: string }[]).map((r) => r.code)).toContain('apply.pull-request');
      expect((report.plan as unknown[]).length).toBe(3);
    },
  );

  it.each(Object.entries(OTHER_REFUSED_EVENTS))('never applies on %s, and says why', async (_, event) => {
    const before = sandbox.requests.length;
    const run = await action('apply', event, { [POLICY]: policy });
    expect(writesSince(before)).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.outputs['applied-changes']).toBe('0');
    expect(JSON.stringify(await reportOf(run))).toContain('apply.event');
  });

  it('applies on a push to the default branch', async () => {
    const before = sandbox.requests.length;
    const run = await action(
      'apply',
      { name: 'push', payload: { repository: REPOSITORY, ref: 'refs/heads/main' }, ref: '' },
      { [POLICY]: policy },
    );
    expect(run.outputs['applied-changes']).toBe('3');
    expect(writesSince(before).length).toBeGreaterThan(0);
  });
});

describe('the action in undo mode', () => {
  let journal: string;
  beforeAll(async () => {
    sandbox.reset();
    journal = await applyOnDefaultBranch();
  });

  const refused = {
    pull_request_target: PULL_REQUEST_EVENTS.pull_request_target!,
    pull_request_review: PULL_REQUEST_EVENTS.pull_request_review!,
    merge_group: PULL_REQUEST_EVENTS.merge_group!,
    'push to a branch': OTHER_REFUSED_EVENTS['push to a branch']!,
  };

  it.each(Object.entries(refused))('never undoes on %s', async (_, event) => {
    const before = sandbox.requests.length;
    const run = await action('undo', event, { [POLICY]: policy, [REPORT]: journal });
    expect(writesSince(before)).toEqual([]);
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
  beforeEach(() => sandbox.reset());

  /** The run `st-access-guard MODE --policy policy.yml` makes with this environment. */
  async function cli(mode: 'apply' | 'undo', env: NodeJS.ProcessEnv, values: Record<string, string> = {}) {
    const settings = parseSettings(
      cliInputs(mode, { policy: 'policy.yml', 'retry-budget': '5', ...values }, env),
      cliEvent(env),
      workspace,
    );
    const { report } = await runPipeline(settings, { logger: recordingLogger(), now: () => new Date() });
    return { report, code: statusExitCode(report), said: JSON.stringify(report) };
  }

  async function eventEnv(event: EventCase): Promise<NodeJS.ProcessEnv> {
    const eventPath = path.join(workspace, `${event.name}.json`);
    await writeFile(eventPath, JSON.stringify(event.payload));
    return {
      ...sandboxEnv(sandbox),
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: event.ref,
      GITHUB_REPOSITORY: 'acme/access-policy',
    };
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
    const before = sandbox.requests.length;
    const run = await cli('apply', await eventEnv(event));
    expect(writesSince(before)).toEqual([]);
    expect(run.code).not.toBe(0);
    expect(run.said).toContain(PULL_REQUEST_EVENTS[event.name] ? 'apply.pull-request' : 'apply.event');
  });

  it('never applies when GITHUB_ACTIONS is set but the event cannot be read', async () => {
    const before = sandbox.requests.length;
    const run = await cli('apply', { ...sandboxEnv(sandbox), GITHUB_ACTIONS: 'true' }).catch(
      (error: unknown) => ({ code: 2, said: String(error) }),
    );
    expect(writesSince(before)).toEqual([]);
    expect(run.code).not.toBe(0);
  });

  it('applies on a push to the default branch', async () => {
    const before = sandbox.requests.length;
    const run = await cli(
      'apply',
      await eventEnv({
        name: 'push',
        payload: { repository: REPOSITORY, ref: 'refs/heads/main' },
        ref: 'refs/heads/main',
      }),
    );
    expect(run.code).toBe(0);
    expect(writesSince(before).length).toBeGreaterThan(0);
  });

  it('never undoes on pull_request_target', async () => {
    const journal = await applyOnDefaultBranch();
    await writeFile(path.join(workspace, 'apply.json'), journal);
    const before = sandbox.requests.length;
    const run = await cli('undo', await eventEnv(PULL_REQUEST_EVENTS.pull_request_target!), {
      report: 'apply.json',
    });
    expect(writesSince(before)).toEqual([]);
    expect(run.code).not.toBe(0);
    expect(run.said).toContain('apply.pull-request');
  });
});
