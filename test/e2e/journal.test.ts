/**
 * The journal: undo acts only on what the tool itself wrote and verified; every change that
 * happened is in the journal, whatever goes wrong around it. The action runs in-process (its
 * `run()`; test/e2e/undo.test.ts runs an apply and its undo through the bundle); a stopped apply
 * is the CLI bundle, stopped by a signal.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { NODE, ROOT, sandboxEnv, sandboxInputs } from './harness.js';
import { runActionInProcess, runCliInProcess } from '../helpers/in-process.js';

let sandbox: Sandbox;
const POLICY = '.github/servicetitan-access.yml';
const REPORT = 'servicetitan-access-report.json';
let starter: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return sandboxInputs(sandbox, { mode: 'apply', ...extra });
}

function writes(): { method: string; path: string }[] {
  return sandbox.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/connect/token'));
}

function employee(id: number) {
  const found = sandbox.state.employees.find((e) => e.id === id);
  if (!found) throw new Error(`no employee ${id}`);
  return found;
}

async function readJson(dir: string, file: string) {
  return JSON.parse(await readFile(path.join(dir, file), 'utf8'));
}

/** A report that looks like an apply's journal, written by hand: the red team's forgery. */
function forgedJournal(steps: object[]) {
  return JSON.stringify({
    version: 1,
    tool: { name: 'servicetitan-access-guard', version: '1.1.0' },
    mode: 'apply',
    tenant: sandbox.tenant,
    environment: 'production',
    finishedAt: '2026-11-30T10:00:00.000Z',
    plan: steps,
  });
}

describe('undo trusts only what the tool wrote and verified', () => {
  it('refuses a hand-written journal that would grant Admin, unlock and reactivate, and changes nothing', async () => {
    // a CSR (Office), a locked account and an inactive one, as the sample tenant has them
    const csr = sandbox.state.employees.find(
      (e) => e.active && !e.accountLocked && e.roleIds?.length === 1 && e.roleIds[0] !== 1,
    )!;
    const locked = sandbox.state.employees.find((e) => e.accountLocked)!;
    const inactive = sandbox.state.employees.find((e) => !e.active)!;
    const user = (e: { id: number; userId?: number | null }) => ({
      kind: 'employee',
      id: e.id,
      userId: e.userId ?? null,
      name: 'x',
      email: null,
    });
    const forged = forgedJournal([
      {
        action: 'set-role',
        role: 'Office',
        roleId: csr.roleIds![0],
        user: user(csr),
        rules: [],
        findings: [],
        status: 'verified',
        before: { active: true, locked: false, roleIds: [1] },
      },
      {
        action: 'lock',
        user: user(locked),
        rules: [],
        findings: [],
        status: 'verified',
        before: { active: true, locked: false, roleIds: [] },
        after: { active: true, locked: true, roleIds: [] },
        seal: 'v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      },
      {
        action: 'deactivate',
        user: user(inactive),
        rules: [],
        findings: [],
        status: 'verified',
        before: { active: true, locked: false, roleIds: [] },
      },
    ]);
    const before = JSON.stringify(sandbox.state);
    const run = await runActionInProcess({
      inputs: inputs({ mode: 'undo' }),
      files: { [POLICY]: starter, [REPORT]: forged },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('error');
    expect(run.stdout).toContain('undo.untrusted-journal');
    expect(run.summary).toMatch(
      /cannot trust: 2 steps without the read-back and seal[^;]*; 1 step whose seal does not match/,
    );
    expect(writes()).toEqual([]);
    expect(JSON.stringify(sandbox.state)).toBe(before);
  });

  it('refuses a genuine journal whose recorded states were edited', async () => {
    const apply = await runActionInProcess({ inputs: inputs(), files: { [POLICY]: starter } });
    const journal = await readJson(apply.workspace, REPORT);
    expect(journal.plan.length).toBe(3);
    for (const step of journal.plan) expect(step.seal).toMatch(/^v1\./);
    // pretend 160 had the Admin role before, so undo would "restore" it
    journal.plan[0].before.roleIds = [1];
    const applied = writes().length;
    const undo = await runActionInProcess({
      inputs: inputs({ mode: 'undo' }),
      files: { [POLICY]: starter, [REPORT]: JSON.stringify(journal) },
    });
    expect(undo.outputs.status).toBe('error');
    expect(undo.stdout).toContain('undo.untrusted-journal');
    expect(writes().length).toBe(applied);
  });

  it('undoes a genuine journal from a fresh runner with only the usual inputs', async () => {
    const apply = await runActionInProcess({ inputs: inputs(), files: { [POLICY]: starter } });
    const text = await readFile(path.join(apply.workspace, REPORT), 'utf8');
    const undo = await runActionInProcess({
      inputs: inputs({ mode: 'undo' }),
      files: { [POLICY]: starter, [REPORT]: text },
    });
    expect(undo.outputs.status).toBe('pass');
    expect(undo.outputs['applied-changes']).toBe('3');
    for (const id of [160, 161, 162]) expect(employee(id).accountLocked).toBe(false);
    // the undo's own journal is sealed too
    const own = await readJson(undo.workspace, `${REPORT}.undo.json`);
    for (const step of own.plan) expect(step.seal).toMatch(/^v1\./);
  });

  it('refuses a journal sealed with other credentials', async () => {
    const apply = await runActionInProcess({ inputs: inputs(), files: { [POLICY]: starter } });
    const text = await readFile(path.join(apply.workspace, REPORT), 'utf8');
    const other = await startSandbox({
      credentials: { ...sandbox.credentials, clientSecret: 'another-secret-for-the-same-tenant' },
    });
    try {
      const undo = await runActionInProcess({
        inputs: sandboxInputs(other, { mode: 'undo' }),
        files: { [POLICY]: starter, [REPORT]: text },
      });
      expect(undo.outputs.status).toBe('error');
      expect(undo.stdout).toContain('3 steps whose seal does not match');
      expect(other.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/connect/token'))).toEqual(
        [],
      );
    } finally {
      await other.close();
    }
  });
});

describe('every change that happened is in the journal', () => {
  it('a write whose answer is lost is read back, journaled as verified, and undo reverses it', async () => {
    sandbox.setFaults({
      rules: [{ kind: 'reset-after-write', match: { method: 'PATCH', path: '/employees/161' }, times: 1 }],
    });
    const apply = await runActionInProcess({ inputs: inputs(), files: { [POLICY]: starter } });
    const journal = await readJson(apply.workspace, REPORT);
    const step = journal.plan.find((s: { user: { id: number } }) => s.user.id === 161);
    expect(step).toMatchObject({ status: 'verified', after: { locked: true } });
    expect(employee(161).accountLocked).toBe(true);
    expect(apply.stdout).toMatch(/answer was lost.*took effect/);
    expect(apply.outputs['applied-changes']).toBe('3');

    sandbox.setFaults({});
    const undo = await runActionInProcess({
      inputs: inputs({ mode: 'undo' }),
      files: { [POLICY]: starter, [REPORT]: JSON.stringify(journal) },
    });
    expect(undo.outputs['applied-changes']).toBe('3');
    expect(employee(161).accountLocked).toBe(false);
  });

  it('refuses to start when the report cannot be written, before any write', async () => {
    const run = await runActionInProcess({
      // a file stands where the report's folder should be
      inputs: inputs({ report: 'blocked/report.json' }),
      files: { [POLICY]: starter, blocked: 'not a folder' },
    });
    expect(run.outputs.status).toBe('error');
    expect(run.stdout).toContain('input.report-not-writable');
    expect(writes()).toEqual([]);
    expect(run.stdout).not.toMatch(/This is a bug/);
  });

  it('an evidence folder that fails after the apply keeps the outcome: outputs, summary and journal', async () => {
    const run = await runActionInProcess({
      inputs: inputs({ evidence: 'evidence-is-a-file' }),
      files: { [POLICY]: starter, 'evidence-is-a-file': 'x' },
    });
    expect(run.outputs['applied-changes']).toBe('3');
    expect(run.outputs.status).toBe('pass');
    expect(run.code).toBe(1);
    expect(run.summary).toMatch(/evidence pack evidence-is-a-file was not written/);
    expect(run.summary).toMatch(/3 verified|verified/i);
    const journal = await readJson(run.workspace, REPORT);
    expect(journal.plan.map((s: { status: string }) => s.status)).toEqual([
      'verified',
      'verified',
      'verified',
    ]);
  });
});

describe('a stopped apply leaves its journal', () => {
  async function startApply(workspace: string) {
    const child = spawn(
      NODE,
      [path.join(ROOT, 'dist', 'cli.js'), 'apply', '--policy', POLICY, '--report', REPORT, '--quiet'],
      { cwd: workspace, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...sandboxEnv(sandbox) } },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, exited, stderr: () => stderr };
  }

  async function workspaceWithPolicy(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-journal-'));
    await mkdir(path.join(dir, '.github'), { recursive: true });
    await writeFile(path.join(dir, POLICY), starter);
    return dir;
  }

  async function firstWriteAnswered(): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!writes().some((w) => w.method === 'PATCH')) {
      if (Date.now() > deadline) throw new Error('no write reached the sandbox');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** a write still in flight when its client died lands later: wait for it, so the next test starts clean */
  async function inFlightWritesLanded(count: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (writes().filter((w) => (w as { status?: number }).status).length < count) {
      if (Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('SIGTERM finishes the change in progress, starts no other, and writes the journal', async () => {
    // every write takes 1.5 s, so the signal lands while the first one is in flight
    sandbox.setFaults({ rules: [{ kind: 'slow', match: { method: 'PATCH' }, delayMs: 1500 }] });
    const workspace = await workspaceWithPolicy();
    const run = await startApply(workspace);
    await firstWriteAnswered();
    run.child.kill('SIGTERM');
    const code = await run.exited;
    expect(code).toBe(3);
    expect(run.stderr()).toMatch(/SIGTERM: finishing the change in progress/);
    const journal = await readJson(workspace, REPORT);
    expect(journal.errors.map((e: { code: string }) => e.code)).toContain('apply.interrupted');
    const statuses = journal.plan.map((s: { status: string }) => s.status);
    expect(statuses[0]).toBe('verified');
    expect(statuses.slice(1)).toEqual(['skipped', 'skipped']);
    expect(journal.plan[1].reason).toMatch(/stopped .* before this step; nothing was changed/);
    expect(writes().filter((w) => w.method === 'PATCH').length).toBe(1);
  });

  it('a run killed outright still leaves the journal of the changes it finished, and undo can use it', async () => {
    sandbox.setFaults({
      rules: [{ kind: 'slow', match: { method: 'PATCH' }, delayMs: 2000, after: 1 }],
    });
    const workspace = await workspaceWithPolicy();
    const run = await startApply(workspace);
    // the first write is quick; the second hangs: kill while it is in flight
    const deadline = Date.now() + 20_000;
    while (writes().filter((w) => w.method === 'PATCH').length < 2) {
      if (Date.now() > deadline) throw new Error('the second write never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    run.child.kill('SIGKILL');
    await run.exited;
    const journal = await readJson(workspace, REPORT);
    expect(journal.mode).toBe('apply');
    expect(journal.errors.map((e: { code: string }) => e.code)).toEqual(['apply.incomplete']);
    expect(journal.plan[0]).toMatchObject({ status: 'verified', user: { id: 160 } });

    sandbox.setFaults({});
    const undo = await runCliInProcess(['undo', REPORT, '--policy', POLICY, '--json', '--quiet'], {
      env: sandboxEnv(sandbox),
      cwd: workspace,
    });
    const undone = JSON.parse(undo.stdout);
    expect(undone.plan.find((s: { user: { id: number } }) => s.user.id === 160)).toMatchObject({
      action: 'unlock',
      status: 'verified',
    });
    expect(employee(160).accountLocked).toBe(false);
    await inFlightWritesLanded(3);
  });
});
