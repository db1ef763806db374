import { describe, expect, it } from 'vitest';
import { liveWriter, recordingWriter } from '../../src/servicetitan/writer.js';
import { setup } from './unit-setup.js';

describe('the live writer', () => {
  it('sends each change as the ServiceTitan call that makes it', async () => {
    const { client, requests } = setup();
    const writer = liveWriter(client);
    expect(writer.live).toBe(true);
    await writer.lock('employee', 1);
    await writer.unlock('technician', 2);
    await writer.setRole('employee', 1, 7);
    await writer.deactivate('technician', 2);
    await writer.activate('technician', 2, 'ManagedTechnician');
    await writer.activate('employee', 1);
    expect(
      requests.map((r) => [r.method, r.path.replace('/settings/v2/tenant/4321', ''), JSON.parse(r.body)]),
    ).toEqual([
      ['PATCH', '/employees/1', { accountLocked: true }],
      ['PATCH', '/technicians/2', { accountLocked: false }],
      ['PATCH', '/employees/1', { roleId: 7 }],
      ['POST', '/technicians/2/account-actions', { action: 'Deactivate' }],
      ['POST', '/technicians/2/account-actions', { action: 'Activate', licenseType: 'ManagedTechnician' }],
      ['POST', '/employees/1/account-actions', { action: 'Activate' }],
    ]);
    for (const r of requests) expect(r.headers['content-type']).toBe('application/json');
  });
});

describe('the recording writer', () => {
  it('records what it was asked and cannot write', async () => {
    const writer = recordingWriter();
    expect(writer.live).toBe(false);
    await writer.lock('employee', 1);
    await writer.setRole('technician', 4, 9);
    await writer.activate('technician', 4, 'ManagedTechnician');
    expect(writer.calls).toEqual([
      { op: 'lock', kind: 'employee', id: 1 },
      { op: 'setRole', kind: 'technician', id: 4, arg: 9 },
      { op: 'activate', kind: 'technician', id: 4, arg: 'ManagedTechnician' },
    ]);
  });
});
