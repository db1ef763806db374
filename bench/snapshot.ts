/**
 * A generated tenant of N users read into a Snapshot the way the client reads one: through the
 * wire format and the client's own record reader.
 */
import type { Snapshot } from '../src/engine/snapshot.js';
import { project } from '../src/sandbox/answers.js';
import { generateTenant, type TenantData } from '../src/sandbox/index.js';
import { schemaReader, userRecordReader } from '../src/servicetitan/record-reader.js';
import {
  BusinessUnitRecord,
  PermissionSets,
  RoleRecord,
  toBusinessUnit,
  toTenantUser,
  toUserRole,
} from '../src/servicetitan/records.js';
import { BENCH_NOW } from './policy.js';

// generated in slices, so that the generator's own garbage (every record twice: the tenant
// and its wire form) never piles up to more than a slice and the peak memory is the audit's
const SLICE = 2_000;

/**
 * A generated tenant's users, roles and units through the wire format and the client's own record
 * reader, as a fetched snapshot is built. `idOffset` moves the user ids (slices of one tenant).
 */
export function readGenerated(
  data: TenantData,
  sets: PermissionSets,
  idOffset = 0,
): Pick<Snapshot, 'users' | 'roles' | 'businessUnits'> {
  const roles = data.userRoles.map((r) => toUserRole(schemaReader(RoleRecord).read(project.userRole(r))!));
  const businessUnits = data.businessUnits.map((u) =>
    toBusinessUnit(schemaReader(BusinessUnitRecord).read(project.businessUnit(u))!),
  );
  const roleNames = new Map(roles.map((r) => [r.id, r.name]));
  const unitNames = new Map(businessUnits.map((u) => [u.id, u.name]));
  const read = (kind: 'employee' | 'technician', wire: Record<string, unknown>) => {
    const record = userRecordReader.read(
      idOffset === 0 ? wire : { ...wire, id: Number(wire.id) + idOffset },
    )!;
    return toTenantUser(kind, record, roleNames, unitNames, sets);
  };
  const users: Snapshot['users'] = [];
  for (const r of data.employees) users.push(read('employee', project.employee(r)));
  for (const r of data.technicians) users.push(read('technician', project.technician(r)));
  return { users, roles, businessUnits };
}

export function snapshotOf(users: number): Snapshot {
  const sets = new PermissionSets();
  const tenantUsers: Snapshot['users'] = [];
  let roles: Snapshot['roles'] = [];
  let units: Snapshot['businessUnits'] = [];
  for (let offset = 0; offset < users; offset += SLICE) {
    const data = generateTenant({ users: Math.min(SLICE, users - offset), seed: 11 + offset });
    // ids moved past the earlier slices' so that every user is distinct
    const slice = readGenerated(data, sets, offset * 10);
    roles = slice.roles;
    units = slice.businessUnits;
    for (const user of slice.users) tenantUsers.push(user);
    globalThis.gc?.();
  }
  return {
    tenant: '1234567',
    environment: 'production',
    fetchedAt: BENCH_NOW.toISOString(),
    users: tenantUsers,
    roles,
    businessUnits: units,
    warnings: [],
  };
}
