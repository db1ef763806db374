import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import {
  SAMPLE_PERMISSION_IDS,
  generateTenant,
  loadTenantData,
  parseTenantData,
  sampleTenant,
  type EmployeeRecord,
  type TechnicianRecord,
} from '../../src/sandbox/index.js';

const holds = (user: EmployeeRecord | TechnicianRecord, id: number) =>
  user.permissions?.some((p) => p?.id === id && p.value === 'True') ?? false;
const internal = (user: { email?: string | null }) => /@acme-hvac\.com$/i.test(user.email ?? '');

describe('the sample tenant', () => {
  const tenant = sampleTenant();
  const employee = (id: number) => tenant.employees.find((e) => e.id === id)!;

  it('is the same every time', () => {
    expect(sampleTenant()).toEqual(tenant);
  });

  it('looks like a real company', () => {
    expect(tenant).toMatchObject({
      tenant: 1234567,
      company: { name: 'Acme HVAC', internalDomain: 'acme-hvac.com' },
    });
    expect(tenant.employees.length).toBeGreaterThanOrEqual(55);
    expect(tenant.technicians).toHaveLength(30);
    expect(tenant.userRoles.length).toBeGreaterThanOrEqual(12);
    expect(tenant.permissionCatalogue.length).toBeGreaterThanOrEqual(40);
    expect(tenant.permissionCatalogue.find((p) => p.id === SAMPLE_PERMISSION_IDS.generateApiKey)?.label).toBe(
      'Generate API Application Key',
    );
    // ServiceTitan lists every permission on every user
    for (const user of [...tenant.employees, ...tenant.technicians]) {
      expect(user.permissions?.map((p) => p?.id)).toEqual(tenant.permissionCatalogue.map((p) => p.id));
    }
    expect(new Set(tenant.employees.map((e) => e.name)).size).toBe(tenant.employees.length);
    expect(() => parseTenantData(tenant, 'sample')).not.toThrow();
  });

  it('has exactly the deliberate problems its header documents', () => {
    const { generateApiKey: key, manageApiAccess: access } = SAMPLE_PERMISSION_IDS;
    const apiHolders = tenant.employees.filter((e) => holds(e, key) || holds(e, access)).map((e) => e.id);
    expect(apiHolders).toEqual([101, 160, 161, 163]);
    expect(internal(employee(101)) && employee(101).role === 'Admin').toBe(true);
    expect(internal(employee(160)) || internal(employee(161))).toBe(false);
    expect(employee(162)).toMatchObject({ roleIds: [1], role: 'Admin', active: true });
    expect(employee(163)).toMatchObject({ active: false });
    expect(holds(employee(163), key)).toBe(true);
    expect(employee(164)).toMatchObject({ email: null, loginName: null });
    expect(employee(130)).toMatchObject({ name: 'Gary Pruitt', accountLocked: true });
    const internalAdmins = tenant.employees.filter(
      (e) => internal(e) && (e.roleIds?.includes(1) || e.roleIds?.includes(2)),
    );
    expect(internalAdmins.map((e) => [e.id, e.role])).toEqual([
      [101, 'Admin'],
      [102, 'Admin'],
      [103, 'Owner'],
    ]);
    expect(tenant.technicians.filter((t) => !internal(t)).map((t) => t.id)).toEqual([230]);
    expect(tenant.technicians.find((t) => t.id === 215)).toMatchObject({ active: false, licenseType: null });
  });
});

describe('generateTenant', () => {
  it('makes the number of users asked, deterministically per seed', () => {
    for (const users of [100, 20_000]) {
      const tenant = generateTenant({ users, seed: 7 });
      expect(tenant.employees.length + tenant.technicians.length).toBe(users);
    }
    expect(generateTenant({ users: 300, seed: 7 })).toEqual(generateTenant({ users: 300, seed: 7 }));
    expect(generateTenant({ users: 300, seed: 8 })).not.toEqual(generateTenant({ users: 300, seed: 7 }));
  });

  it('shares the sample catalogue and produces valid data with unique ids and some outsiders', () => {
    const tenant = generateTenant({ users: 600, seed: 3 });
    expect(tenant.permissionCatalogue).toEqual(sampleTenant().permissionCatalogue);
    expect(tenant.userRoles).toEqual(sampleTenant().userRoles);
    expect(() => parseTenantData(tenant, 'generated')).not.toThrow();
    const outsiders = tenant.employees.filter((e) => e.email && !internal(e));
    expect(outsiders.length).toBeGreaterThan(3);
    expect(tenant.employees.some((e) => !e.active)).toBe(true);
  });

  it('refuses a user count that is not a positive whole number', () => {
    expect(() => generateTenant({ users: 0 })).toThrow(RangeError);
  });
});

describe('loadTenantData', () => {
  async function fileWith(content: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-data-'));
    const file = join(dir, 'tenant.json');
    await writeFile(file, content);
    return file;
  }

  it('loads a tenant written as JSON', async () => {
    const file = await fileWith(JSON.stringify(generateTenant({ users: 50, seed: 2 })));
    expect((await loadTenantData(file)).employees.length).toBeGreaterThan(0);
  });

  it('names a missing file', async () => {
    const error = await loadTenantData('/nonexistent/tenant.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({
      code: 'sandbox.data-unreadable',
      message: expect.stringContaining('does not exist'),
    });
  });

  it('names a file that is not JSON', async () => {
    const error = await loadTenantData(await fileWith('{ tenant: 1')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sandbox.data-invalid-json' });
  });

  it('says which record and field are wrong', async () => {
    const data = sampleTenant() as unknown as { employees: Record<string, unknown>[] };
    delete data.employees[3]!['userId'];
    data.employees[5]!['role'] = 'Boss';
    const error = await loadTenantData(await fileWith(JSON.stringify(data))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sandbox.data-invalid' });
    expect((error as Error).message).toContain('employees[3].userId');
    expect((error as Error).message).toContain('employees[5].role');
  });

  it('refuses duplicate ids and fields the API never answers', async () => {
    const duplicate = sampleTenant();
    duplicate.technicians[1]!.id = duplicate.technicians[0]!.id;
    const error = await loadTenantData(await fileWith(JSON.stringify(duplicate))).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/technicians: id 201 appears more than once/);
    const extra = sampleTenant() as unknown as { employees: Record<string, unknown>[] };
    extra.employees[0]!['nickname'] = 'Dee';
    const extraError = await loadTenantData(await fileWith(JSON.stringify(extra))).catch((e: unknown) => e);
    expect((extraError as Error).message).toContain('employees[0]');
  });
});
