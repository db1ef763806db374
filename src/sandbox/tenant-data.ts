/**
 * The sandbox's tenant data, kept in ServiceTitan's own shapes (as the Settings v2 API answers
 * them), so the server can answer records as they are and a JSON file of this format can be
 * loaded with `--data FILE`.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigurationError } from '../errors.js';

import { EMPLOYEE_USER_ROLES, type EmployeeUserRole } from '../domain/employee-roles.js';
import { duplicateDirectoryIds, sandboxDirectorySchema, type SandboxDirectory } from './directory-data.js';

export { EMPLOYEE_USER_ROLES, type EmployeeUserRole };

export const JOB_FILTERS = [
  'AllScheduledDispatchedWorking',
  'NextScheduledDispatchedWorking',
  'DispatchedWorking',
  'NextScheduledDispatchedWorkingToday',
  'AllScheduledDispatchedWorkingToday',
  'AllScheduledDispatchedWorkingFiveDays',
  'NextScheduledDispatchedWorkingTodayTomorrow',
  'AllScheduledDispatchedWorkingTodayTomorrow',
  'Next2ScheduledDispatchedWorkingToday',
] as const;

export interface PermissionValue {
  id: number;
  value: string | null;
}

export interface CustomFieldValue {
  typeId: number;
  name?: string | null;
  value?: string | null;
}

/** As `TenantSettings.V2.EmployeeResponse`. */
export interface EmployeeRecord {
  id: number;
  userId: number;
  name: string;
  role: EmployeeUserRole;
  roleIds?: number[] | null;
  businessUnitId?: number | null;
  createdOn: string;
  modifiedOn: string;
  email?: string | null;
  phoneNumber?: string | null;
  loginName?: string | null;
  customFields?: CustomFieldValue[] | null;
  active: boolean;
  aadUserId?: string | null;
  /** ServiceTitan may send a null entry (a connector notes "Array may contain Nones") */
  permissions?: (PermissionValue | null)[] | null;
  accountLocked?: boolean | null;
  /** internal: managed in Enterprise Hub, whose users' roles can be changed only there */
  managedInEnterpriseHub?: boolean;
}

export interface TechnicianAddress {
  street?: string | null;
  unit?: string | null;
  country?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  streetAddress?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/** As `TenantSettings.V2.TechnicianResponse`, plus `licenseType`, which the sandbox never answers. */
export interface TechnicianRecord {
  id: number;
  userId: number;
  name: string;
  roleIds?: number[] | null;
  businessUnitId?: number | null;
  mainZoneId?: number | null;
  zoneIds?: number[] | null;
  createdOn: string;
  modifiedOn: string;
  email?: string | null;
  phoneNumber?: string | null;
  loginName?: string | null;
  home?: TechnicianAddress | null;
  dailyGoal: number;
  isManagedTech: boolean;
  customFields?: CustomFieldValue[] | null;
  active: boolean;
  aadUserId?: string | null;
  burdenRate: number;
  team?: string | null;
  jobFilter?: (typeof JOB_FILTERS)[number] | null;
  /** ServiceTitan may send a null entry (a connector notes "Array may contain Nones") */
  permissions?: (PermissionValue | null)[] | null;
  accountLocked?: boolean | null;
  /** internal: the licence a deactivated technician gives back; Activate must name one again */
  licenseType?: string | null;
  /** internal: managed in Enterprise Hub, whose users' roles can be changed only there */
  managedInEnterpriseHub?: boolean;
  /** internal: jobs in progress (dispatched, working); ServiceTitan refuses Deactivate while any */
  ongoingJobs?: number;
}

/** As `TenantSettings.V2.UserRoleResponse`. */
export interface UserRoleRecord {
  id: number;
  name: string;
  active: boolean;
  createdOn: string;
  employeeType: 'Employee' | 'Technician';
}

/** As `TenantSettings.V2.BusinessUnitResponse` (the required fields and a few optional ones). */
export interface BusinessUnitRecord {
  id: number;
  name: string;
  active: boolean;
  createdOn: string;
  modifiedOn: string;
  officialName?: string | null;
  email?: string | null;
  currency?: string | null;
  phoneNumber?: string | null;
}

export interface PermissionCatalogueEntry {
  id: number;
  label: string;
}

export interface TenantData {
  tenant: number;
  company: { name: string; internalDomain: string };
  employees: EmployeeRecord[];
  technicians: TechnicianRecord[];
  userRoles: UserRoleRecord[];
  businessUnits: BusinessUnitRecord[];
  /** what the sandbox's permission ids mean (ServiceTitan itself never names them) */
  permissionCatalogue: PermissionCatalogueEntry[];
  /** the company's identity directories (Entra ID, Google Workspace); absent: none is served */
  directory?: SandboxDirectory;
}

const isoDateTime = z.iso.datetime({ offset: true });
const nullableString = z.string().nullable().optional();
const permission = z.strictObject({ id: z.number().int(), value: z.string().nullable() });
const customField = z.strictObject({ typeId: z.number().int(), name: nullableString, value: nullableString });
const userFields = {
  id: z.number().int().positive(),
  userId: z.number().int().positive(),
  name: z.string(),
  roleIds: z.array(z.number().int()).nullable().optional(),
  businessUnitId: z.number().int().nullable().optional(),
  createdOn: isoDateTime,
  modifiedOn: isoDateTime,
  email: nullableString,
  phoneNumber: nullableString,
  loginName: nullableString,
  customFields: z.array(customField).nullable().optional(),
  active: z.boolean(),
  aadUserId: nullableString,
  permissions: z.array(permission.nullable()).nullable().optional(),
  accountLocked: z.boolean().nullable().optional(),
  managedInEnterpriseHub: z.boolean().optional(),
};

const tenantDataSchema = z.strictObject({
  tenant: z.number().int().positive(),
  company: z.strictObject({ name: z.string(), internalDomain: z.string() }),
  employees: z.array(z.strictObject({ ...userFields, role: z.enum(EMPLOYEE_USER_ROLES) })),
  technicians: z.array(
    z.strictObject({
      ...userFields,
      mainZoneId: z.number().int().nullable().optional(),
      zoneIds: z.array(z.number().int()).nullable().optional(),
      home: z
        .strictObject({
          street: nullableString,
          unit: nullableString,
          country: nullableString,
          city: nullableString,
          state: nullableString,
          zip: nullableString,
          streetAddress: nullableString,
          latitude: z.number().nullable().optional(),
          longitude: z.number().nullable().optional(),
        })
        .nullable()
        .optional(),
      dailyGoal: z.number(),
      isManagedTech: z.boolean(),
      burdenRate: z.number(),
      team: nullableString,
      jobFilter: z.enum(JOB_FILTERS).nullable().optional(),
      licenseType: nullableString,
      ongoingJobs: z.number().int().nonnegative().optional(),
    }),
  ),
  userRoles: z.array(
    z.strictObject({
      id: z.number().int().positive(),
      name: z.string(),
      active: z.boolean(),
      createdOn: isoDateTime,
      employeeType: z.enum(['Employee', 'Technician']),
    }),
  ),
  businessUnits: z.array(
    z.strictObject({
      id: z.number().int().positive(),
      name: z.string(),
      active: z.boolean(),
      createdOn: isoDateTime,
      modifiedOn: isoDateTime,
      officialName: nullableString,
      email: nullableString,
      currency: nullableString,
      phoneNumber: nullableString,
    }),
  ),
  permissionCatalogue: z.array(z.strictObject({ id: z.number().int(), label: z.string() })),
  directory: sandboxDirectorySchema.optional(),
});

/** Checks that ids are unique within each collection (the API addresses records by id). */
function duplicateIds(data: TenantData): string[] {
  const problems: string[] = [];
  const collections = ['employees', 'technicians', 'userRoles', 'businessUnits'] as const;
  for (const name of collections) {
    const seen = new Set<number>();
    for (const record of data[name]) {
      if (seen.has(record.id)) problems.push(`${name}: id ${record.id} appears more than once`);
      seen.add(record.id);
    }
  }
  if (data.directory) problems.push(...duplicateDirectoryIds(data.directory));
  return problems;
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Validates already-parsed tenant data; `source` names it in messages. */
export function parseTenantData(value: unknown, source: string): TenantData {
  const result = tenantDataSchema.safeParse(value);
  if (!result.success) {
    const lines = result.error.issues
      .slice(0, 20)
      .map((issue) => `  ${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
    throw new ConfigurationError(
      'sandbox.data-invalid',
      `The sandbox tenant data in ${source} is invalid (${result.error.issues.length} problem(s)):\n${lines.join('\n')}`,
      'The file holds ServiceTitan records as the Settings v2 API answers them; compare it with the built-in sample (`sampleTenant()`).',
    );
  }
  const data = result.data as TenantData;
  const duplicates = duplicateIds(data);
  if (duplicates.length > 0) {
    throw new ConfigurationError(
      'sandbox.data-invalid',
      `The sandbox tenant data in ${source} is invalid:\n${duplicates.map((d) => `  ${d}`).join('\n')}`,
      'Give every record a unique id within its collection.',
    );
  }
  return data;
}

/** Reads and validates a tenant data file (JSON). */
export async function loadTenantData(file: string): Promise<TenantData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String(error);
    throw new ConfigurationError(
      'sandbox.data-unreadable',
      `Cannot read the sandbox tenant data ${file}: ${reason}.`,
      'Check the path given to --data.',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      'sandbox.data-invalid-json',
      `The sandbox tenant data ${file} is not valid JSON: ${(error as Error).message}.`,
      'The file must be one JSON object with tenant, company, employees, technicians, userRoles, businessUnits and permissionCatalogue.',
    );
  }
  return parseTenantData(parsed, file);
}
