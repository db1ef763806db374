/**
 * Undo, checked against the sandbox's state: an apply followed by an undo from its report leaves
 * the touched users exactly as they were. The first case of the action and of the command line
 * run through the committed bundles; the others run the action (`run()`) and the command line
 * (`runCommand`) in this process.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { connect } from '../sandbox/harness.js';
import { ROOT, runAction, runCli, sandboxEnv, sandboxInputs } from './harness.js';
import { runActionInProcess, runCliInProcess } from '../helpers/in-process.js';

let sandbox: Sandbox;
const POLICY = '.github/servicetitan-access.yml';
const REPORT = 'servicetitan-access-report.json';
const UNDO_REPORT = `${REPORT}.undo.json`;

// Locks the outsiders with API access (160, 161), takes the outside admin (162) down to Read Only
// and deactivates the outside technician (230): every kind of step undo reverses.
const POLICY_TEXT = `version: 1
organization:
  internal-domains: [acme-hvac.com]
permissions:
  generate-api-key: { id: 10421, granted: ['True'] }
  manage-api-access: { id: 10422, granted: ['True'] }
rules:
  - id: no-external-api-access
    severity: critical
    applies-to: { audience: external }
    forbid: { permissions: [generate-api-key, manage-api-access] }
    fix: lock
  - id: no-external-admins
    severity: critical
    applies-to: { audience: external, kinds: [employee] }
    forbid: { roles: [Admin, Owner] }
    fix: { set-role: Read Only }
  - id: no-external-technicians
    severity: high
    applies-to: { audience: external, kinds: [technician] }
    forbid: { account: true }
    fix: deactivate
safety:
  protected-users: [robert.hallorann@acme-hvac.com]
  min-active-admins: 1
  admin-roles: [Admin, Owner]
`;
const TOUCHED = { employees: [160, 161, 162], technicians: [230] };
/** what undo gives back: every touched user but 162, whose Admin role undo never restores */
const RESTORED = { employees: [160, 161], technicians: [230] };

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
  // 230 holds a non-managed licence, the one licence undo can give back without a person's choice
  const rick = sandbox.state.technicians.find((t) => t.id === 230)!;
  rick.isManagedTech = false;
  rick.licenseType = 'NonManagedTech';
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return sandboxInputs(sandbox, { mode: 'apply', ...extra });
}

type SandboxUser = Record<string, unknown> & { id: number };
interface SandboxState {
  employees: SandboxUser[];
  technicians: SandboxUser[];
}

async function state(): Promise<SandboxState> {
  return (await fetch(`${sandbox.url}/__sandbox/state`)).json() as Promise<SandboxState>;
}

/**
 * The touched users' records. `modifiedOn` moves with every write; `licenseType` is the sandbox's
 * own bookkeeping, kept in two vocabularies (update and account-action enums), so it is checked apart.
 */
function touched(s: SandboxState, which = TOUCHED): SandboxUser[] {
  const pick = (list: SandboxUser[], ids: number[]) =>
    list
      .filter((u) => ids.includes(u.id))
      .map(({ modifiedOn: _m, licenseType: _l, ...rest }) => rest as SandboxUser);
  return [...pick(s.employees, which.employees), ...pick(s.technicians, which.technicians)];
}

function employee(s: SandboxState, id: number): SandboxUser | undefined {
  return s.employees.find((e) => e.id === id);
}

async function requests(): Promise<{ method: string; path: string }[]> {
  return (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as {
    method: string;
    path: string;
  }[];
}

function isWrite(r: { method: string; path: string }): boolean {
  return r.method !== 'GET' && !r.path.endsWith('/connect/token');
}

async function readJson(dir: string, file: string) {
  return JSON.parse(await readFile(path.join(dir, file), 'utf8'));
}

async function applyOnce(action: typeof runAction = runActionInProcess) {
  const run = await action({ inputs: inputs(), files: { [POLICY]: POLICY_TEXT } });
  const report = await readJson(run.workspace, REPORT);
  expect(
    report.plan.map((s: { action: string; status: string }) => `${s.action}:${s.status}`).sort(),
  ).toEqual(['deactivate:verified', 'lock:verified', 'lock:verified', 'set-role:verified']);
  return { run, report };
}

describe('mode: undo', () => {
  it('restores every user the apply changed exactly, but never an admin role, and writes its journal beside the apply report (the bundles)', async () => {
    const original = await state();
    const before = touched(original, RESTORED);
    const { run } = await applyOnce(runAction);
    expect(touched(await state(), RESTORED)).not.toEqual(before);
    const demoted = employee(await state(), 162);

    const undo = await runAction({
      inputs: inputs({ mode: 'undo' }),
      files: { [POLICY]: POLICY_TEXT, [REPORT]: await readFile(path.join(run.workspace, REPORT), 'utf8') },
    });
    expect(undo.stderr).toBe('');
    expect(undo.outputs.status).toBe('pass');
    expect(undo.code).toBe(0);
    expect(undo.outputs.report).toBe(UNDO_REPORT);
    expect(undo.outputs['applied-changes']).toBe('3');

    const journal = await readJson(undo.workspace, UNDO_REPORT);
    expect(journal.mode).toBe('undo');
    const schema = JSON.parse(await readFile(path.join(ROOT, 'schema/report.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.validate(schema, journal);
    expect(ajv.errors ?? []).toEqual([]);
    const byUser = Object.fromEntries(
      journal.plan.map((s: { user: { id: number } }) => [s.user.id, s]),
    ) as Record<number, { action: string; status: string; role?: string; reason?: string }>;
    expect(byUser[160]).toMatchObject({ action: 'unlock', status: 'verified' });
    expect(byUser[161]).toMatchObject({ action: 'unlock', status: 'verified' });
    expect(byUser[162]).toMatchObject({ action: 'restore-role', role: 'Admin', status: 'skipped' });
    expect(byUser[162]?.reason).toMatch(/counts as admin .* never grants admin access/);
    expect(byUser[230]).toMatchObject({ action: 'activate', status: 'verified' });
    // the apply report it read is left as it was
    expect((await readJson(undo.workspace, REPORT)).mode).toBe('apply');

    const after = await state();
    expect(touched(after, RESTORED)).toEqual(before);
    expect(employee(after, 162)).toEqual(demoted);
    // Activate took the licence read from the record: the same licence, in the account-action enum
    expect(original.technicians.find((t) => t.id === 230)).toMatchObject({ licenseType: 'NonManagedTech' });
    expect(after.technicians.find((t) => t.id === 230)).toMatchObject({
      licenseType: 'NonManagedTechnician',
    });
  });

  it('leaves a managed technician for a person to reactivate, since its licence cannot be read', async () => {
    const rick = sandbox.state.technicians.find((t) => t.id === 230)!;
    rick.isManagedTech = true;
    rick.licenseType = 'ManagedTech';
    const { run } = await applyOnce();
    const undo = await runActionInProcess({
      inputs: inputs({ mode: 'undo' }),
      files: { [POLICY]: POLICY_TEXT, [REPORT]: await readFile(path.join(run.workspace, REPORT), 'utf8') },
    });
    const journal = await readJson(undo.workspace, UNDO_REPORT);
    const step = journal.plan.find((s: { user: { id: number } }) => s.user.id === 230);
    expect(step).toMatchObject({ action: 'activate', status: 'skipped' });
    expect(step.reason).toMatch(/Managed Technician or Managed Installer: reactivate it by hand/);
    expect(undo.outputs['applied-changes']).toBe('2');
    expect((await state()).technicians.find((t) => t.id === 230)).toMatchObject({ active: false });
  });

  it('skips a user changed since the apply, and leaves that user as it is', async () => {
    const { run } = await applyOnce();
    const caller = await connect(sandbox);
    // someone gives 161 another role by hand after the apply
    expect((await caller.patch('employees/161', { roleId: 6 })).status).toBe(200);
    const changedByHand = (await state()).employees.find((e) => e.id === 161);
    const writesBefore = (await requests()).length;

    const undo = await runActionInProcess({
      inputs: inputs({ mode: 'undo' }),
      files: { [POLICY]: POLICY_TEXT, [REPORT]: await readFile(path.join(run.workspace, REPORT), 'utf8') },
    });
    expect(undo.outputs.status).toBe('pass');
    const journal = await readJson(undo.workspace, UNDO_REPORT);
    const step = journal.plan.find((s: { user: { id: number } }) => s.user.id === 161);
    expect(step.status).toBe('skipped');
    expect(step.reason).toMatch(/^changed since the apply: role ids are 6 \(the apply left \d+\)$/);
    expect(undo.outputs['applied-changes']).toBe('2');

    const newWrites = (await requests()).slice(writesBefore).filter(isWrite);
    expect(newWrites.some((r) => r.path.includes('/employees/161'))).toBe(false);
    expect((await state()).employees.find((e) => e.id === 161)).toEqual(changedByHand);
  });

  it('never writes on a pull request, and fails the step', async () => {
    const { run } = await applyOnce();
    const writesBefore = (await requests()).length;
    const afterApply = touched(await state());
    const undo = await runActionInProcess({
      inputs: inputs({ mode: 'undo' }),
      event: {
        name: 'pull_request',
        payload: { repository: { private: true }, pull_request: { number: 4 } },
      },
      files: { [POLICY]: POLICY_TEXT, [REPORT]: await readFile(path.join(run.workspace, REPORT), 'utf8') },
    });
    expect(undo.code).toBe(1);
    expect(undo.outputs.status).toBe('fail');
    expect((await requests()).slice(writesBefore).filter(isWrite)).toEqual([]);
    expect(touched(await state())).toEqual(afterApply);
    const journal = await readJson(undo.workspace, UNDO_REPORT);
    expect(journal.refusals.map((r: { code: string }) => r.code)).toEqual(['apply.pull-request']);
  });

  it('refuses an undo larger than max-changes and changes nothing', async () => {
    const { run } = await applyOnce();
    const writesBefore = (await requests()).length;
    const undo = await runActionInProcess({
      inputs: inputs({ mode: 'undo', 'max-changes': '2' }),
      files: { [POLICY]: POLICY_TEXT, [REPORT]: await readFile(path.join(run.workspace, REPORT), 'utf8') },
    });
    expect(undo.outputs.status).toBe('fail');
    expect((await requests()).slice(writesBefore).filter(isWrite)).toEqual([]);
  });
});

describe('st-access-guard undo REPORT', () => {
  const env = () => sandboxEnv(sandbox);

  it('reverses the apply from the report named on the command line; a second undo does nothing twice (the bundle)', async () => {
    const before = touched(await state(), RESTORED);
    const { run } = await applyOnce();
    const policy = path.join(run.workspace, POLICY);
    const report = path.join(run.workspace, REPORT);
    const flags = ['--policy', policy, '--retry-budget', '5', '--json', '--quiet'];

    const undo = await runCli(['undo', report, ...flags], { env: env(), cwd: run.workspace });
    // the only thing said: the admin role left to a person
    expect(undo.stderr.trim()).toMatch(/^warning: 1 step of the undo was skipped; [^\n]*$/);
    expect(undo.code).toBe(0);
    expect(JSON.parse(undo.stdout).mode).toBe('undo');
    expect(touched(await state(), RESTORED)).toEqual(before);
    const journal = await readJson(run.workspace, UNDO_REPORT);
    expect(journal.plan.map((s: { status: string }) => s.status).sort()).toEqual([
      'skipped',
      'verified',
      'verified',
      'verified',
    ]);

    const writesBefore = (await requests()).length;
    // the first undo's journal is never replaced by accident
    const refused = await runCliInProcess(['undo', '--report', report, ...flags], {
      env: env(),
      cwd: run.workspace,
    });
    expect(refused.code).toBe(2);
    expect(refused.stdout + refused.stderr).toContain('input.journal-exists');
    const again = await runCliInProcess(['undo', '--report', report, '--force', ...flags], {
      env: env(),
      cwd: run.workspace,
    });
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(
      second.plan
        .filter((s: { user: { id: number } }) => s.user.id !== 162)
        .map((s: { reason: string }) => s.reason),
    ).toEqual(Array(3).fill('already as before the apply'));
    expect((await requests()).slice(writesBefore).filter(isWrite)).toEqual([]);
  });

  it('rejects a report that is not an apply journal with a configuration error (exit 2)', async () => {
    const audit = await runActionInProcess({
      inputs: inputs({ mode: 'audit' }),
      files: { [POLICY]: POLICY_TEXT },
    });
    const report = path.join(audit.workspace, REPORT);
    const undo = await runCliInProcess(
      ['undo', report, '--policy', path.join(audit.workspace, POLICY), '--quiet'],
      {
        env: env(),
        cwd: audit.workspace,
      },
    );
    expect(undo.code).toBe(2);
    expect(undo.stdout + undo.stderr).toContain('undo.not-an-apply-report');
  });

  it("rejects another tenant's report with undo.wrong-tenant", async () => {
    const { run } = await applyOnce();
    const report = path.join(run.workspace, REPORT);
    const other = { ...(await readJson(run.workspace, REPORT)), tenant: '42' };
    await writeFile(report, JSON.stringify(other));
    const undo = await runCliInProcess(
      ['undo', report, '--policy', path.join(run.workspace, POLICY), '--quiet'],
      {
        env: env(),
        cwd: run.workspace,
      },
    );
    expect(undo.code).toBe(2);
    expect(undo.stdout + undo.stderr).toContain('undo.wrong-tenant');
  });
});
