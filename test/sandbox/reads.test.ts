import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { connect, readAllPages, type ExportBody, type ListBody, type TenantCaller } from './harness.js';

let sandbox: Sandbox;
let caller: TenantCaller;
beforeAll(async () => {
  sandbox = await startSandbox({ maxPageSize: 20, exportPageSize: 25 });
  caller = await connect(sandbox);
});
afterAll(() => sandbox.close());

const activeEmployees = () => sandbox.state.employees.filter((e) => e.active).length;

describe('sandbox list endpoints', () => {
  it('grants fewer items than asked but echoes the requested pageSize', async () => {
    const { status, body } = await caller.get('employees?pageSize=50');
    const page = body as ListBody;
    expect(status).toBe(200);
    expect(page.pageSize).toBe(50);
    expect(page.data).toHaveLength(20);
    expect(page.hasMore).toBe(true);
    expect(page.totalCount).toBeNull();
  });

  it('gives totalCount only with includeTotal=true', async () => {
    const page = (await caller.get('employees?includeTotal=true')).body as ListBody;
    expect(page.totalCount).toBe(activeEmployees());
  });

  it('returns active users only unless active=Any (ServiceTitan default)', async () => {
    const active = await readAllPages(caller, 'employees', 50);
    expect(active.ids).toHaveLength(activeEmployees());
    expect(active.ids).not.toContain(163); // the inactive outsider
    const all = await readAllPages(caller, 'employees?active=Any', 50);
    expect(all.ids).toHaveLength(sandbox.state.employees.length);
    expect(all.ids).toContain(163);
    expect(new Set(all.ids).size).toBe(all.ids.length);
    expect(all.pages).toBe(Math.ceil(sandbox.state.employees.length / 20));
    const inactive = (await caller.get('employees?active=False&pageSize=100')).body as ListBody;
    expect(inactive.data.map((e) => e.id).sort()).toEqual([120, 141, 163]);
  });

  it('reads enum and boolean values case-insensitively but refuses unknown ones with RFC 7807', async () => {
    expect((await caller.get('employees?active=any')).status).toBe(200);
    for (const bad of ['active=Yes', 'includeTotal=maybe', 'page=0', 'pageSize=abc', 'ids=1,x']) {
      const { status, body } = await caller.get(`employees?${bad}`);
      expect(status, bad).toBe(400);
      const problem = body as { title: string; errors: Record<string, string[]>; status: number };
      expect(problem.status).toBe(400);
      expect(Object.keys(problem.errors)).toEqual([bad.split('=')[0]]);
    }
  });

  it('filters by ids, names and emails', async () => {
    const byIds = (await caller.get('employees?ids=101,162,163&active=Any')).body as ListBody;
    expect(byIds.data.map((e) => e.id)).toEqual([101, 162, 163]);
    const byName = (await caller.get('technicians?name=dalton')).body as ListBody;
    expect(byName.data.map((t) => t.id)).toEqual([230]);
    const byEmail = (await caller.get('employees?email=KEVIN.TRAN@coolit-integrations.example'))
      .body as ListBody;
    expect(byEmail.data.map((e) => e.id)).toEqual([160]);
  });

  it('serves user roles (with employeeType) and business units', async () => {
    const roles = (await caller.get('user-roles?active=Any&pageSize=50')).body as ListBody;
    expect(roles.data.map((r) => r.name)).toContain('Admin');
    expect(roles.data.find((r) => r.id === 13)?.active).toBe(false);
    const technicianRoles = (await caller.get('user-roles?employeeType=Technician')).body as ListBody;
    expect(technicianRoles.data.map((r) => r.name)).toEqual(['Technician', 'Technician Helper', 'Installer']);
    const everyRole = (await caller.get('user-roles?employeeType=All&active=Any&pageSize=50'))
      .body as ListBody;
    expect(everyRole.data).toHaveLength(13);
    // ServiceTitan does not document the default; the sandbox leaves technician roles out
    const byDefault = (await caller.get('user-roles?active=Any&pageSize=50')).body as ListBody;
    expect(byDefault.data.map((r) => r.name)).not.toContain('Technician');
    const units = (await caller.get('business-units')).body as ListBody;
    expect(units.data.map((u) => u.name)).toEqual([
      'HVAC Service',
      'HVAC Install',
      'Plumbing',
      'Electrical',
      'Corporate',
    ]);
  });

  it('answers records without internal fields', async () => {
    const { body } = await caller.get('technicians/201');
    expect(body).toMatchObject({ id: 201, isManagedTech: true, burdenRate: expect.any(Number) });
    expect(body).not.toHaveProperty('licenseType');
  });

  it('answers 404 RFC 7807 for an absent record and 400 for a malformed id', async () => {
    const missing = await caller.get('employees/999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, title: expect.stringContaining('999999') });
    expect((await caller.get('technicians/abc')).status).toBe(400);
    expect((await caller.get('no-such-thing')).status).toBe(404);
  });
});

describe('sandbox export feeds', () => {
  async function readFeed(path: string) {
    const ids: number[] = [];
    const tokens: string[] = [];
    let from: string | undefined;
    for (let i = 0; i < 100; i++) {
      const query = from === undefined ? '' : `?from=${encodeURIComponent(from)}`;
      const { status, body } = await caller.get(`${path}${query}`);
      expect(status).toBe(200);
      const page = body as ExportBody;
      ids.push(...page.data.map((r) => r.id));
      tokens.push(page.continueFrom);
      from = page.continueFrom;
      if (!page.hasMore) break;
    }
    return { ids, tokens };
  }

  it('pages with opaque continuation tokens and includes inactive users', async () => {
    const { ids, tokens } = await readFeed('export/employees');
    expect(ids).toHaveLength(sandbox.state.employees.length);
    expect(ids).toContain(163);
    expect(tokens).toHaveLength(Math.ceil(sandbox.state.employees.length / 25));
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).not.toMatch(/^\d+$/);
    const technicians = await readFeed('export/technicians');
    expect(technicians.ids).toContain(215);
    expect((await readFeed('export/business-units')).ids).toHaveLength(6);
  });

  it('refuses an unknown continuation token with 400', async () => {
    const { status, body } = await caller.get('export/employees?from=not-a-token');
    expect(status).toBe(400);
    expect(body).toMatchObject({ errors: { from: [expect.any(String)] } });
  });

  it('starts from a point in time when given a date', async () => {
    const { body } = await caller.get('export/technicians?from=2021-01-01&includeRecentChanges=true');
    const page = body as ExportBody & { data: { modifiedOn: string }[] };
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.length).toBeLessThan(sandbox.state.technicians.length);
    for (const t of page.data)
      expect(Date.parse(t.modifiedOn)).toBeGreaterThanOrEqual(Date.parse('2021-01-01'));
  });
});
