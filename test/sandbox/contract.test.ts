/**
 * Every answer of the sandbox validates against ServiceTitan's own OpenAPI document (read from
 * ../shared/servicetitan-specs/, compiled with ajv). Fails, never skips, when the document is missing.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTenant, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { SPEC_PATH, loadSpec, matchPath, validateRequest, validateResponse } from '../helpers/openapi.js';
import { connect, type ExportBody, type Reply, type TenantCaller } from './harness.js';

let sandbox: Sandbox;
let caller: TenantCaller;
beforeAll(async () => {
  loadSpec();
  sandbox = await startSandbox({ maxPageSize: 25, exportPageSize: 30 });
  caller = await connect(sandbox);
});
afterAll(() => sandbox?.close());

/** Validates an answer against the spec for the request's path; returns it for further checks. */
function conforms(method: string, path: string, reply: Reply): Reply {
  const template = matchPath(`/settings/v2/tenant/${sandbox.tenant}/${path.split('?')[0]}`);
  expect(template, path).not.toBeNull();
  expect(
    validateResponse(method, template!, reply.status, reply.body),
    `${method} ${path} ${reply.status}`,
  ).toEqual([]);
  return reply;
}
const get = async (path: string) => conforms('GET', path, await caller.get(path));
const patch = async (path: string, body: unknown) => conforms('PATCH', path, await caller.patch(path, body));
const post = async (path: string, body: unknown) => conforms('POST', path, await caller.post(path, body));

describe('the OpenAPI document', () => {
  it('is present beside the project', () => {
    expect(existsSync(SPEC_PATH), SPEC_PATH).toBe(true);
  });

  it('rejects answers the spec does not allow (the check is real)', () => {
    const template = '/tenant/{tenant}/employees/{id}';
    const valid = {
      id: 1,
      userId: 2,
      name: 'A',
      role: 'Admin',
      createdOn: '2024-01-01T00:00:00Z',
      modifiedOn: '2024-01-01T00:00:00Z',
      active: true,
    };
    expect(validateResponse('GET', template, 200, valid)).toEqual([]);
    expect(validateResponse('GET', template, 200, { ...valid, licenseType: 'ManagedTech' })).not.toEqual([]);
    expect(validateResponse('GET', template, 200, { ...valid, role: null })).not.toEqual([]);
    expect(validateResponse('GET', template, 200, { ...valid, email: null, accountLocked: null })).toEqual(
      [],
    );
    expect(validateResponse('GET', template, 401, { error: 'nope' })).not.toEqual([]);
    expect(validateResponse('GET', template, 201, valid)).not.toEqual([]);
    const list = { page: 1, pageSize: 50, hasMore: false, totalCount: null, data: [valid] };
    expect(validateResponse('GET', '/tenant/{tenant}/employees', 200, list)).toEqual([]);
    const badPermission = { ...list, data: [{ ...valid, permissions: [{ id: 10421, value: true }] }] };
    const permissionErrors = validateResponse('GET', '/tenant/{tenant}/employees', 200, badPermission);
    expect(permissionErrors).toEqual([
      expect.stringContaining('/data/0/permissions/0/value must be string,null'),
    ]);
    expect(validateResponse('GET', template, 200, { ...valid, createdOn: 'yesterday' })).not.toEqual([]);
  });

  it('checks requests: parameters, enum values, headers and bodies', () => {
    const headers = { 'ST-App-Key': 'k', Authorization: 'Bearer t' };
    const list = '/settings/v2/tenant/1234567/employees';
    expect(
      validateRequest(
        'GET',
        list,
        { active: 'Any', page: '2', pageSize: '500', includeTotal: 'true' },
        headers,
      ),
    ).toEqual([]);
    expect(validateRequest('GET', list, { active: 'any' }, headers)).not.toEqual([]);
    expect(validateRequest('GET', list, { pageSize: 'lots' }, headers)).not.toEqual([]);
    expect(validateRequest('GET', list, { sort: 'name' }, headers)).not.toEqual([]);
    expect(validateRequest('GET', list, {}, { Authorization: 'Bearer t' })).toEqual([
      expect.stringContaining('ST-App-Key'),
    ]);
    expect(validateRequest('GET', '/settings/v2/tenant/acme/employees', {}, headers)).not.toEqual([]);
    const one = '/settings/v2/tenant/1234567/technicians/12';
    expect(validateRequest('PATCH', one, {}, headers, { accountLocked: true, roleId: 3 })).toEqual([]);
    expect(validateRequest('PATCH', one, {}, headers, { locked: true })).not.toEqual([]);
    expect(validateRequest('POST', `${one}/account-actions`, {}, headers, { action: 'Deactivate' })).toEqual(
      [],
    );
    expect(validateRequest('DELETE', one, {}, headers)).not.toEqual([]);
    expect(matchPath('/settings/v2/tenant/1/export/employees')).toBe('/tenant/{tenant}/export/employees');
  });
});

describe('sandbox answers validate against the spec', () => {
  it('list endpoints, every page and every record', async () => {
    for (const collection of ['employees', 'technicians', 'user-roles', 'business-units']) {
      for (let page = 1; page < 10; page++) {
        const { body } = await get(`${collection}?active=Any&includeTotal=true&pageSize=100&page=${page}`);
        if (!(body as { hasMore: boolean }).hasMore) break;
      }
      await get(`${collection}`);
      await get(`${collection}?page=99`);
      await get(`${collection}?active=Nope`);
    }
  });

  it('records by id, and absent ones', async () => {
    await get('employees/101');
    await get('employees/164');
    await get('technicians/230');
    await get('business-units/6');
    for (const path of ['employees/999', 'technicians/999', 'business-units/999', 'employees/abc']) {
      expect((await get(path)).status).toBeGreaterThanOrEqual(400);
    }
  });

  it('export feeds to the end, and a bad token', async () => {
    for (const feed of ['export/employees', 'export/technicians', 'export/business-units']) {
      let from = '';
      for (let i = 0; i < 20; i++) {
        const page = (await get(`${feed}${from}`)).body as ExportBody;
        if (!page.hasMore) break;
        from = `?from=${encodeURIComponent(page.continueFrom)}&includeRecentChanges=false`;
      }
      expect((await get(`${feed}?from=garbage`)).status).toBe(400);
    }
  });

  it('writes and their refusals', async () => {
    await patch('employees/160', { accountLocked: true });
    await patch('employees/162', { roleId: 5 });
    await patch('technicians/230', { accountLocked: true, roleId: 11 });
    expect((await patch('employees/162', { roleId: 13 })).status).toBe(400);
    expect((await patch('technicians/999', { accountLocked: true })).status).toBe(404);
    await post('employees/161/account-actions', { action: 'Deactivate' });
    await post('technicians/230/account-actions', { action: 'Deactivate' });
    expect((await post('technicians/230/account-actions', { action: 'Activate' })).status).toBe(400);
    await post('technicians/230/account-actions', { action: 'Activate', licenseType: 'ManagedTechnician' });
    expect((await post('employees/999/account-actions', { action: 'Deactivate' })).status).toBe(404);
    // records changed by writes still fit the schemas
    await get('employees?ids=160,161,162&active=Any');
    await get('technicians/230');
  });

  it('gateway and injected errors', async () => {
    const noToken = await caller.raw(caller.url('employees'), {
      headers: { 'st-app-key': sandbox.credentials.appKey },
    });
    conforms('GET', 'employees', noToken);
    const otherTenant = await caller.raw(`${sandbox.url}/settings/v2/tenant/999/employees`, {
      headers: { authorization: `Bearer ${caller.token}`, 'st-app-key': sandbox.credentials.appKey },
    });
    expect(otherTenant.status).toBe(404);
    conforms('GET', 'employees', otherTenant);
    for (const kind of [
      'status-429',
      'status-429-no-retry-after',
      'status-500',
      'status-502',
      'status-503',
      'status-401',
      'status-403',
      'status-404',
    ] as const) {
      sandbox.setFaults({ rules: [{ kind, times: 1 }] });
      expect((await get('technicians')).status, kind).toBeGreaterThanOrEqual(400);
    }
    sandbox.setFaults({ rateLimitPerSecond: 1 });
    await get('user-roles');
    expect((await get('user-roles')).status).toBe(429);
    sandbox.setFaults({});
  });

  it('paging faults keep the shapes', async () => {
    for (const kind of ['has-more-forever', 'duplicate-records', 'empty-page'] as const) {
      sandbox.setFaults({ rules: [{ kind, times: 2 }] });
      await get('employees?page=2');
      await get('export/employees');
    }
    sandbox.setFaults({});
  });

  it('a large generated tenant', async () => {
    const big = await startSandbox({ data: generateTenant({ users: 1_500, seed: 11 }) });
    try {
      const bigCaller = await connect(big);
      for (const path of [
        'employees?active=Any&pageSize=500',
        'technicians?active=Any&pageSize=500',
        'export/employees',
      ]) {
        const reply = await bigCaller.get(path);
        const template = matchPath(`/settings/v2/tenant/${big.tenant}/${path.split('?')[0]}`)!;
        expect(validateResponse('GET', template, reply.status, reply.body)).toEqual([]);
      }
    } finally {
      await big.close();
    }
  });
});
