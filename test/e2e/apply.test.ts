/**
 * Guarded remediation, checked against the sandbox's state: the first apply and its rerun through
 * the committed bundle, the other cases through the action's `run()` in this process.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ROOT, runAction, sandboxInputs } from './harness.js';
import { runActionInProcess } from '../helpers/in-process.js';

let sandbox: Sandbox;
let starter: string;
const POLICY = '.github/servicetitan-access.yml';

beforeAll(async () => {
  sandbox = await startSandbox();
  starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return sandboxInputs(sandbox, { mode: 'apply', ...extra });
}

async function state(): Promise<{
  employees: { id: number; accountLocked: boolean | null; active: boolean }[];
}> {
  return (await fetch(`${sandbox.url}/__sandbox/state`)).json() as never;
}

async function writes(): Promise<{ method: string; path: string }[]> {
  const log = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as {
    method: string;
    path: string;
  }[];
  return log.filter((r) => r.method !== 'GET' && !r.path.endsWith('/connect/token'));
}

function lockedIds(s: Awaited<ReturnType<typeof state>>): number[] {
  return s.employees.filter((e) => e.accountLocked).map((e) => e.id);
}

describe('mode: apply', () => {
  it('locks exactly the planned users, verifies each, and a second run has nothing to do (the bundle)', async () => {
    const before = lockedIds(await state());
    const run = await runAction({ inputs: inputs(), files: { [POLICY]: starter } });
    const report = JSON.parse(
      await readFile(path.join(run.workspace, 'servicetitan-access-report.json'), 'utf8'),
    );
    const planned = report.plan.map((s: { user: { id: number } }) => s.user.id).sort();
    expect(planned).toEqual([160, 161, 162]);
    expect(report.plan.every((s: { status: string }) => s.status === 'verified')).toBe(true);
    expect(run.outputs['applied-changes']).toBe('3');
    expect(lockedIds(await state()).sort()).toEqual([...before, 160, 161, 162].sort());
    expect(report.plan[0].before).toEqual(expect.objectContaining({ locked: false, active: true }));

    const again = await runAction({ inputs: inputs(), files: { [POLICY]: starter } });
    const second = JSON.parse(
      await readFile(path.join(again.workspace, 'servicetitan-access-report.json'), 'utf8'),
    );
    expect(second.plan).toEqual([]);
    expect(again.outputs['planned-changes']).toBe('0');
    expect(again.outputs.status).toBe('pass');
  });

  it('never writes on a pull request, whatever the inputs, and fails the step', async () => {
    const run = await runActionInProcess({
      inputs: inputs(),
      event: {
        name: 'pull_request',
        payload: { repository: { private: true }, pull_request: { number: 3 } },
      },
      files: { [POLICY]: starter },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('fail');
    expect(await writes()).toEqual([]);
    expect(run.summary).toMatch(/pull request/i);
  });

  it('refuses a plan larger than max-changes and changes nothing', async () => {
    const run = await runActionInProcess({
      inputs: inputs({ 'max-changes': '2' }),
      files: { [POLICY]: starter },
    });
    expect(run.outputs.status).toBe('fail');
    expect(run.outputs['applied-changes']).toBe('0');
    expect(await writes()).toEqual([]);
    expect(run.stdout).toMatch(/max-changes/);
  });

  it('refuses a plan touching a protected user and changes nothing', async () => {
    const policy = starter.replace(
      /protected-users:.*\n/,
      'protected-users: [kevin.tran@coolit-integrations.example]\n',
    );
    expect(policy).toContain('kevin.tran@coolit-integrations.example');
    const run = await runActionInProcess({ inputs: inputs(), files: { [POLICY]: policy } });
    expect(run.outputs.status).toBe('fail');
    expect(await writes()).toEqual([]);
    const report = JSON.parse(
      await readFile(path.join(run.workspace, 'servicetitan-access-report.json'), 'utf8'),
    );
    const step = report.plan.find((s: { user: { id: number } }) => s.user.id === 160);
    expect(step.status).toBe('skipped');
    expect(step.reason).toMatch(/protected/);
  });

  it('records a write that answers 200 but changes nothing as failed, applies the others, and a rerun converges', async () => {
    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: [{ kind: 'write-noop', match: { method: 'PATCH', path: '/employees/161' } }],
      }),
    });
    const run = await runActionInProcess({ inputs: inputs(), files: { [POLICY]: starter } });
    expect(run.outputs.status).toBe('error');
    expect(run.code).toBe(1);
    const report = JSON.parse(
      await readFile(path.join(run.workspace, 'servicetitan-access-report.json'), 'utf8'),
    );
    const byId = Object.fromEntries(report.plan.map((s: { user: { id: number } }) => [s.user.id, s]));
    expect(byId[161].status).toBe('failed');
    expect(byId[161].error).toMatch(/did not take effect/);
    expect(byId[160].status).toBe('verified');
    expect(byId[162].status).toBe('verified');

    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    const rerun = await runActionInProcess({ inputs: inputs(), files: { [POLICY]: starter } });
    const second = JSON.parse(
      await readFile(path.join(rerun.workspace, 'servicetitan-access-report.json'), 'utf8'),
    );
    expect(second.plan.map((s: { user: { id: number } }) => s.user.id)).toEqual([161]);
    expect(second.plan[0].status).toBe('verified');
    expect(rerun.outputs.status).toBe('pass');
  });
});

describe('modes other than apply never write', () => {
  for (const mode of ['validate', 'audit', 'discover']) {
    it(`mode ${mode} sends no request other than GET to ServiceTitan's API`, async () => {
      await runActionInProcess({ inputs: inputs({ mode }), files: { [POLICY]: starter } });
      expect(await writes()).toEqual([]);
    });
  }
});
