import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleTenant, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { connect, type TenantCaller } from './harness.js';

const NOW = Date.UTC(2025, 6, 4, 10, 30);
let sandbox: Sandbox;
let caller: TenantCaller;
beforeEach(async () => {
  sandbox = await startSandbox({ now: () => new Date(NOW) });
  caller = await connect(sandbox);
});
afterEach(() => sandbox.close());

describe('sandbox writes', () => {
  it('locks an account and a later read shows it, with modifiedOn from the clock', async () => {
    const answer = await caller.patch('employees/160', { accountLocked: true });
    expect(answer).toMatchObject({ status: 200, body: { id: 160 } });
    const { body } = await caller.get('employees/160');
    expect(body).toMatchObject({ accountLocked: true, modifiedOn: new Date(NOW).toISOString() });
  });

  it('replaces the roles with roleId and moves the built-in role only when the names match', async () => {
    await caller.patch('employees/162', { roleId: 5 }); // Admin -> CSR
    expect((await caller.get('employees/162')).body).toMatchObject({ roleIds: [5], role: 'CSR' });
    await caller.patch('employees/162', { roleId: 4 }); // "Dispatcher" is not the enum's "Dispatch": the old value lags
    expect((await caller.get('employees/162')).body).toMatchObject({ roleIds: [4], role: 'CSR' });
    await caller.patch('technicians/230', { roleId: 11 });
    expect((await caller.get('technicians/230')).body).toMatchObject({ roleIds: [11] });
  });

  it('refuses unknown, inactive and wrong-kind roles with 400 RFC 7807 and changes nothing', async () => {
    for (const [path, roleId] of [
      ['employees/162', 999],
      ['employees/162', 13],
      ['employees/162', 10],
      ['technicians/230', 1],
    ] as const) {
      const { status, body } = await caller.patch(path, { roleId });
      expect(status, `${path} ${roleId}`).toBe(400);
      expect(body).toMatchObject({ status: 400, errors: { roleId: [expect.any(String)] } });
    }
    expect(sandbox.state.employees.find((e) => e.id === 162)?.roleIds).toEqual([1]);
  });

  it('refuses fields the update request does not have and values of the wrong type', async () => {
    expect((await caller.patch('employees/101', { active: false })).status).toBe(400);
    expect((await caller.patch('employees/101', { accountLocked: 'yes' })).status).toBe(400);
    expect((await caller.patch('employees/101', [1])).status).toBe(400);
    expect((await caller.patch('employees/424242', { accountLocked: true })).status).toBe(404);
  });

  it('deactivates and activates an employee through account-actions', async () => {
    const deactivated = await caller.post('employees/161/account-actions', { action: 'Deactivate' });
    expect(deactivated).toMatchObject({ status: 200, body: { status: 'Success' } });
    expect((await caller.get('employees/161')).body).toMatchObject({ active: false });
    expect(((await caller.get('employees?ids=161')).body as { data: unknown[] }).data).toHaveLength(0);
    await caller.post('employees/161/account-actions', { action: 'Activate' });
    expect((await caller.get('employees/161')).body).toMatchObject({ active: true });
  });

  it('needs a licence type to activate a technician again', async () => {
    await caller.post('technicians/230/account-actions', { action: 'Deactivate' });
    const refused = await caller.post('technicians/230/account-actions', { action: 'Activate' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errors: { licenseType: [expect.any(String)] } });
    const activated = await caller.post('technicians/230/account-actions', {
      action: 'Activate',
      licenseType: 'NonManagedTechnician',
    });
    expect(activated.status).toBe(200);
    expect((await caller.get('technicians/230')).body).toMatchObject({ active: true, isManagedTech: false });
  });

  it('refuses an unknown account action and a body that is not JSON', async () => {
    expect((await caller.post('employees/161/account-actions', { action: 'Delete' })).status).toBe(400);
    expect((await caller.post('employees/161/account-actions', {})).status).toBe(400);
    const notJson = await caller.raw(caller.url('employees/161/account-actions'), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${caller.token}`,
        'st-app-key': sandbox.credentials.appKey,
        'content-type': 'application/json',
      },
      body: '{"action":',
    });
    expect(notJson.status).toBe(400);
  });

  it('never writes to the data it was given', async () => {
    const data = sampleTenant();
    const own = await startSandbox({ data });
    try {
      const ownCaller = await connect(own);
      await ownCaller.patch('employees/160', { accountLocked: true });
      expect(own.state.employees.find((e) => e.id === 160)?.accountLocked).toBe(true);
      expect(data.employees.find((e) => e.id === 160)?.accountLocked).toBe(false);
    } finally {
      await own.close();
    }
  });
});
