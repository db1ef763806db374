/**
 * The real API's surprises: a null entry in a user's permissions, technician roles that
 * `GET /user-roles` leaves out by default, writes ServiceTitan refuses, and the manual steps that
 * come with locking a holder of the API permissions. The audit of null entries runs through the
 * committed CLI bundle; the action's cases run its `run()` in this process.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadTenantData,
  sampleTenant,
  startSandbox,
  type Sandbox,
  type TenantData,
} from '../../src/sandbox/index.js';
import { ROOT, runCli, sandboxEnv, sandboxInputs } from './harness.js';
import { runActionInProcess } from '../helpers/in-process.js';

const STARTER = path.join(ROOT, 'examples/policies/starter.yml');
const POLICY = '.github/servicetitan-access.yml';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function sandboxWith(change: (data: TenantData) => void): Promise<Sandbox> {
  const data = sampleTenant();
  change(data);
  sandbox = await startSandbox({ data });
  return sandbox;
}

interface JournalStep {
  action: string;
  user: { kind: string; id: number };
  status: string;
  error?: string;
  role?: string;
}

async function reportOf(workspace: string): Promise<{
  plan: JournalStep[];
  refusals: { code: string }[];
  findings: { rule: string; user: { id: number } | null; fix: { action: string; steps?: string[] } }[];
}> {
  return JSON.parse(await readFile(path.join(workspace, 'servicetitan-access-report.json'), 'utf8'));
}

const OUTSIDE_TECHNICIANS = (fix: string) => `version: 1
organization:
  internal-domains: [acme-hvac.com]
permissions:
  generate-api-key: { id: 10421, label: Generate API Application Key, granted: ['True'] }
  manage-api-access: { id: 10422, label: Manage API Application Access, granted: ['True'] }
rules:
  - id: no-outside-technicians
    applies-to: { audience: external, kinds: [technician] }
    forbid: { account: true }
    fix: ${fix}
  - id: no-external-api-access
    severity: critical
    applies-to: { audience: external }
    forbid: { permissions: [generate-api-key, manage-api-access] }
    fix: lock
`;

describe('the real API, through the bundles', () => {
  it('audits a tenant whose data file has null permission entries, and says how many it skipped', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-nulls-'));
    const file = path.join(dir, 'tenant.json');
    const data = sampleTenant();
    data.employees.find((e) => e.id === 160)!.permissions!.unshift(null);
    await writeFile(file, JSON.stringify(data));
    // the file as `st-access-guard sandbox --data FILE` reads it
    sandbox = await startSandbox({ data: await loadTenantData(file) });
    const res = await runCli(['audit', '--policy', STARTER, '--json'], { env: sandboxEnv(sandbox) });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/skipped 1 null entry in 1 user's permission lists/);
    const report = JSON.parse(res.stdout);
    expect(report.errors).toEqual([]);
    const kevin = report.findings.find(
      (f: { rule: string; user: { id: number } | null }) =>
        f.rule === 'no-external-api-access' && f.user?.id === 160,
    );
    expect(kevin.evidence.permissions).toEqual(['generate-api-key', 'manage-api-access']);
  });

  it('gives an outside technician a technician role: the role is known, so the plan is not refused', async () => {
    const s = await sandboxWith(() => {});
    const run = await runActionInProcess({
      inputs: sandboxInputs(s, { mode: 'apply' }),
      files: { [POLICY]: OUTSIDE_TECHNICIANS('{ set-role: Technician Helper }') },
    });
    const report = await reportOf(run.workspace);
    expect(report.refusals).toEqual([]);
    expect(report.plan.find((step) => step.user.id === 230)).toMatchObject({
      action: 'set-role',
      role: 'Technician Helper',
      status: 'verified',
    });
    expect(s.state.technicians.find((t) => t.id === 230)!.roleIds).toEqual([11]);
  });

  it("journals a refused deactivation with ServiceTitan's reason and what to do, and applies the rest", async () => {
    const s = await sandboxWith((data) => {
      data.technicians.find((t) => t.id === 230)!.ongoingJobs = 1;
    });
    const run = await runActionInProcess({
      inputs: sandboxInputs(s, { mode: 'apply' }),
      files: { [POLICY]: OUTSIDE_TECHNICIANS('deactivate') },
    });
    expect(run.outputs.status).toBe('error');
    const report = await reportOf(run.workspace);
    const refused = report.plan.find((step) => step.user.id === 230)!;
    expect(refused).toMatchObject({ action: 'deactivate', status: 'failed' });
    expect(refused.error).toContain('The technician has 1 ongoing job.');
    expect(refused.error).toMatch(/finish or reassign those jobs.*lock the account instead/);
    expect(run.summary).toContain('finish or reassign those jobs');
    const others = report.plan.filter((step) => step.user.id !== 230);
    expect(others.map((step) => [step.user.id, step.status])).toEqual([
      [160, 'verified'],
      [161, 'verified'],
    ]);
  });

  it('journals a refused role change of an Enterprise Hub user, naming Enterprise Hub', async () => {
    const s = await sandboxWith((data) => {
      data.technicians.find((t) => t.id === 230)!.managedInEnterpriseHub = true;
    });
    const run = await runActionInProcess({
      inputs: sandboxInputs(s, { mode: 'apply' }),
      files: { [POLICY]: OUTSIDE_TECHNICIANS('{ set-role: Technician Helper }') },
    });
    const refused = (await reportOf(run.workspace)).plan.find((step) => step.user.id === 230)!;
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/managed in Enterprise Hub.*change the role in Enterprise Hub/);
  });

  it('adds to the lock of an API permission holder the steps that revoke what they made', async () => {
    const s = await sandboxWith(() => {});
    const run = await runActionInProcess({
      inputs: sandboxInputs(s, { mode: 'audit', 'fail-on': 'never' }),
      files: { [POLICY]: await readFile(STARTER, 'utf8') },
    });
    const report = await reportOf(run.workspace);
    const kevin = report.findings.find((f) => f.rule === 'no-external-api-access' && f.user?.id === 160)!;
    expect(kevin.fix.action).toBe('lock');
    expect(kevin.fix.steps).toEqual([
      expect.stringMatching(
        /API Application Access and rotate the client secret .*Kevin Tran created or saw/,
      ),
      expect.stringMatching(/disconnect the apps Kevin Tran created or connected/),
    ]);
    // the admin without API permissions gets the lock alone
    const sam = report.findings.find((f) => f.rule === 'no-external-admins' && f.user?.id === 162)!;
    expect(sam.fix).toEqual({ action: 'lock' });
    expect(run.summary).toMatch(
      /### Manual steps[\s\S]*besides _lock the account_ \(apply\): In ServiceTitan/,
    );
  });
});
