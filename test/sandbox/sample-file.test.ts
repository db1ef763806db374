import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTenantData, sampleTenant } from '../../src/sandbox/index.js';
import { ROOT } from '../e2e/harness.js';

const FILE = path.join(ROOT, 'examples/sandbox/tenant.json');
const STALE =
  'examples/sandbox/tenant.json differs from the sample tenant: run `node scripts/sandbox-sample.mjs`';

describe('examples/sandbox/tenant.json, the sample for `sandbox --data FILE`', () => {
  it('is valid tenant data, and small', async () => {
    const data = await loadTenantData(FILE);
    expect(data.employees.length + data.technicians.length).toBeLessThanOrEqual(20);
  });

  it('is cut from the built-in sample tenant, records unchanged', async () => {
    const data = await loadTenantData(FILE);
    const sample = sampleTenant();
    expect(data.tenant, STALE).toBe(sample.tenant);
    expect(data.company, STALE).toEqual(sample.company);
    expect(data.userRoles, STALE).toEqual(sample.userRoles);
    expect(data.businessUnits, STALE).toEqual(sample.businessUnits);
    expect(data.permissionCatalogue, STALE).toEqual(sample.permissionCatalogue);
    for (const u of data.employees) expect(u, STALE).toEqual(sample.employees.find((s) => s.id === u.id));
    for (const u of data.technicians) expect(u, STALE).toEqual(sample.technicians.find((s) => s.id === u.id));
    expect(data.directory?.entra.tenantId, STALE).toBe(sample.directory?.entra.tenantId);
    for (const p of data.directory?.entra.users ?? [])
      expect(p, STALE).toEqual(sample.directory?.entra.users.find((s) => s.id === p.id));
    for (const p of data.directory?.google.users ?? [])
      expect(p, STALE).toEqual(sample.directory?.google.users.find((s) => s.id === p.id));
  });

  it("keeps the users the sample tenant's deliberate problems and the permission recipe are about", async () => {
    const data = await loadTenantData(FILE);
    expect(data.employees.map((u) => u.id)).toEqual([
      101, 102, 103, 112, 130, 145, 150, 160, 161, 162, 163, 164,
    ]);
    expect(data.technicians.map((u) => u.id)).toEqual([201, 208, 215, 230]);
  });

  it('keeps the directory people of those users: everyone but the shared login, and no one else', async () => {
    const data = await loadTenantData(FILE);
    const names = (list: { displayName?: string | null; name?: unknown }[]) =>
      list.map((p) => p.displayName ?? (p.name as { fullName: string }).fullName).sort();
    const withEmail = [...data.employees, ...data.technicians].filter((u) => u.email).map((u) => u.name);
    expect(names(data.directory!.entra.users)).toEqual([...withEmail].sort());
    // Google Workspace has the staff, not the outside guests
    const staff = [...data.employees, ...data.technicians]
      .filter((u) => /@acme-hvac\.com$/i.test(u.email ?? ''))
      .map((u) => u.name);
    expect(names(data.directory!.google.users)).toEqual([...staff].sort());
  });
});
