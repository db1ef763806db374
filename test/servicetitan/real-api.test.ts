/**
 * What the real ServiceTitan API does that its documents do not say, met through the sandbox:
 * null entries in a user's permissions, the undocumented default of `GET /user-roles`, and the
 * writes it refuses (a technician with ongoing jobs, a user managed in Enterprise Hub).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../src/apply/execute.js';
import { journalKey } from '../../src/apply/seal.js';
import { resolveFixRoles } from '../../src/engine/role-directory.js';
import type { PlanStep } from '../../src/engine/types.js';
import { recordingLogger } from '../../src/logger.js';
import { parsePolicy } from '../../src/policy/load.js';
import { loadTenantData, sampleTenant, type TenantData } from '../../src/sandbox/index.js';
import { liveWriter } from '../../src/servicetitan/writer.js';
import { clientFor, withSandbox } from './sandbox-setup.js';
import { problem } from './mock-servicetitan.js';
import { rejection, setup } from './unit-setup.js';

const KEY = journalKey({ tenant: '1234567', environment: 'production', clientSecret: 'cs', appKey: 'ak' });

/** The sample tenant with `change` applied to a copy. */
function tenantWith(change: (data: TenantData) => void): TenantData {
  const data = sampleTenant();
  change(data);
  return data;
}

function step(action: PlanStep['action'], kind: 'employee' | 'technician', id: number, name = 'x'): PlanStep {
  return {
    action,
    user: { kind, id, userId: null, name, email: null },
    rules: ['r'],
    findings: ['f'],
    status: 'planned',
  };
}

describe('a null entry in a permissions array', () => {
  const withNulls = () =>
    tenantWith((data) => {
      // Kevin Tran (160) holds the API permissions; a null entry must not hide them
      data.employees.find((e) => e.id === 160)!.permissions!.splice(3, 0, null);
      data.technicians.find((t) => t.id === 230)!.permissions!.push(null, null);
    });

  it('is skipped and counted, and the audit reads every user with the rest of its permissions', async () => {
    await withSandbox({ data: withNulls(), maxPageSize: 25 }, async (sandbox) => {
      const { client } = clientFor(sandbox);
      for (const source of ['list', 'export'] as const) {
        const snapshot = await client.fetchSnapshot({ source });
        expect(snapshot.users).toHaveLength(
          sandbox.state.employees.length + sandbox.state.technicians.length,
        );
        const kevin = snapshot.users.find((u) => u.kind === 'employee' && u.id === 160)!;
        expect(kevin.permissions['10421']).toBe('True');
        expect(kevin.permissions['10422']).toBe('True');
        expect(Object.keys(kevin.permissions)).toHaveLength(sandbox.state.permissionCatalogue.length);
        expect(snapshot.warnings).toEqual([
          expect.stringMatching(/skipped 3 null entries in 2 users' permission lists/),
        ]);
      }
      // reading one user back (apply's verification) takes it too
      expect((await client.getUser('technician', 230)).permissions['10421']).toBe('False');
      await client.close();
    });
  });

  it('is accepted in a sandbox data file (`sandbox --data`)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'st-guard-nulls-'));
    const file = join(dir, 'tenant.json');
    await writeFile(file, JSON.stringify(withNulls()));
    const loaded = await loadTenantData(file);
    expect(loaded.employees.find((e) => e.id === 160)!.permissions![3]).toBeNull();
  });
});

describe('GET /user-roles', () => {
  it('asks for every employee type, so technician roles are known and `set-role: Technician` resolves', async () => {
    await withSandbox({}, async (sandbox) => {
      const { client } = clientFor(sandbox);
      const snapshot = await client.fetchSnapshot();
      expect(snapshot.roles.map((r) => r.name)).toEqual(
        expect.arrayContaining(['Admin', 'Technician', 'Technician Helper', 'Installer']),
      );
      // a role id that /user-roles did not list would show as `#10`
      const technicians = snapshot.users.filter((u) => u.kind === 'technician');
      expect(technicians.flatMap((u) => u.roles).filter((r) => r.startsWith('#'))).toEqual([]);
      const policy = parsePolicy(
        `version: 1
rules:
  - id: outsiders-as-technicians
    applies-to: { audience: external, kinds: [technician] }
    forbid: { account: true }
    fix: { set-role: Technician }
`,
        'policy.yml',
        { now: new Date('2026-03-01T12:00:00Z') },
      );
      expect(resolveFixRoles(policy, snapshot)).toEqual([]);
      const asked = sandbox.requests.filter((r) => r.path.endsWith('/user-roles'));
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((r) => r.query.employeeType === 'All')).toBe(true);
      await client.close();
    });
  });
});

describe('a write ServiceTitan refuses', () => {
  it("deactivating a technician with ongoing jobs: ServiceTitan's reason, what to do, and the other steps go on", async () => {
    const data = tenantWith((d) => {
      d.technicians.find((t) => t.id === 230)!.ongoingJobs = 2;
    });
    await withSandbox({ data }, async (sandbox) => {
      const { client } = clientFor(sandbox);
      const error = await rejection(liveWriter(client).deactivate('technician', 230));
      expect(error.code).toBe('servicetitan.request-rejected');
      expect(error.message).toContain('failed with 400: The technician cannot be deactivated.');
      expect(error.message).toContain('The technician has 2 ongoing jobs');
      expect(error.message).toMatch(
        /finish or reassign those jobs.*lock the account instead \(`fix: lock`\)/,
      );

      const logger = recordingLogger();
      const journal = await executePlan(
        [step('deactivate', 'technician', 230), step('lock', 'employee', 160)],
        liveWriter(client),
        client,
        { logger, key: KEY },
      );
      expect(journal[0]).toMatchObject({ status: 'failed' });
      expect(journal[0]!.error).toContain('The technician has 2 ongoing jobs');
      expect(journal[0]!.error).toMatch(/finish or reassign those jobs/);
      expect(journal[1]).toMatchObject({ status: 'verified' });
      expect(sandbox.state.technicians.find((t) => t.id === 230)!.active).toBe(true);
      await client.close();
    });
  });

  it('a role change for a user managed in Enterprise Hub: names Enterprise Hub and what to do', async () => {
    const data = tenantWith((d) => {
      d.employees.find((e) => e.id === 161)!.managedInEnterpriseHub = true;
    });
    await withSandbox({ data }, async (sandbox) => {
      const { client } = clientFor(sandbox);
      const journal = await executePlan(
        [{ ...step('set-role', 'employee', 161), role: 'CSR', roleId: 5 }, step('lock', 'employee', 160)],
        liveWriter(client),
        client,
        { logger: recordingLogger(), key: KEY },
      );
      expect(journal[0]).toMatchObject({ status: 'failed' });
      expect(journal[0]!.error).toContain('cannot be changed here');
      expect(journal[0]!.error).toMatch(
        /likely cause: the user is managed in Enterprise Hub.*change the role in Enterprise Hub, or lock the account instead/,
      );
      expect(journal[1]).toMatchObject({ status: 'verified' });
      // locking such a user is allowed
      await liveWriter(client).lock('employee', 161);
      expect(sandbox.state.employees.find((e) => e.id === 161)!.accountLocked).toBe(true);
      await client.close();
    });
  });

  it('says so plainly when ServiceTitan names Enterprise Hub, even in a 403', async () => {
    for (const statusCode of [400, 403]) {
      const { client } = setup({
        respond: (r) =>
          r.method === 'PATCH' && r.path.endsWith('/technicians/2')
            ? {
                statusCode,
                data: problem(statusCode, 'This user is managed in Enterprise Hub', {
                  roleId: ['Roles are managed in Enterprise Hub.'],
                }),
              }
            : undefined,
      });
      const error = await rejection(liveWriter(client).setRole('technician', 2, 9));
      expect(error.code).toBe('servicetitan.request-rejected');
      expect(error.message).toMatch(
        /ServiceTitan says the user is managed in Enterprise Hub.*change the role in Enterprise Hub/,
      );
    }
  });

  it('keeps other refusals as they were: a lock refused, a role that does not exist', async () => {
    const { client } = setup({
      respond: (r) =>
        r.method === 'PATCH'
          ? {
              statusCode: 400,
              data: problem(400, 'Validation failed', { roleId: ['Role 9 does not exist'] }),
            }
          : undefined,
    });
    const refusedRole = await rejection(liveWriter(client).setRole('technician', 2, 9));
    expect(refusedRole.message).not.toMatch(/Enterprise Hub/);
    const refusedLock = await rejection(liveWriter(client).lock('employee', 1));
    expect(refusedLock.message).not.toMatch(/Enterprise Hub|ongoing jobs/);
    expect(refusedLock.hint).toMatch(/its message above says why/);
  });
});
