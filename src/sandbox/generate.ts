/**
 * Large synthetic tenants for benchmarks and paging tests: same roles, business units and
 * permission catalogue as the sample tenant, deterministic per seed.
 */
import {
  BUSINESS_UNIT_IDS,
  PERMISSION_CATALOGUE,
  ROLE_IDS,
  ROLE_TEMPLATES,
  SAMPLE_PERMISSION_IDS,
  businessUnits,
  permissionsFor,
  userRoles,
  type RoleKey,
} from './catalogue.js';
import type { EntraUserRecord, GoogleUserRecord, SandboxDirectory } from './directory-data.js';
import { entraObjectId, SAMPLE_ENTRA_TENANT_ID, SAMPLE_GOOGLE_CUSTOMER_ID } from './sample-directory.js';
import type { EmployeeRecord, TechnicianRecord, TenantData } from './tenant-data.js';

/** mulberry32: a tiny seeded generator, so a seed always gives the same tenant. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST =
  'Ana Ben Cara Dev Eli Faye Gus Hana Ian Jo Kai Lea Max Nia Oli Pia Raj Sue Tom Vic Wyn Yan Zed Amy Bo Cy Di Ed'.split(
    ' ',
  );
const LAST =
  'Avery Blake Cole Drake Eaton Frost Gale Hart Ives Judd Knox Lane Moss Nash Orr Pike Quill Rowe Snow Tate Vale Wolfe York Zell'.split(
    ' ',
  );
const OUTSIDE_DOMAINS = ['contractor.example', 'gmail.com', 'integrator.example', 'outlook.com'];
const EMPLOYEE_ROLES: RoleKey[] = [
  'csr',
  'csr',
  'csr',
  'dispatcher',
  'dispatcher',
  'accounting',
  'salesManager',
  'fieldManager',
  'officeManager',
  'readOnly',
];
const TECHNICIAN_ROLES: RoleKey[] = ['technician', 'technician', 'technicianHelper', 'installer'];
const UNITS = Object.values(BUSINESS_UNIT_IDS).filter((id) => id !== BUSINESS_UNIT_IDS.solar);
const EPOCH = Date.UTC(2018, 0, 1);
const DAY = 86_400_000;

export interface GenerateTenantOptions {
  /** total users (employees and technicians), e.g. 100 … 20,000 */
  users: number;
  seed?: number;
  /**
   * Also identity directories over the users (every user with an email in Entra, the staff in
   * Google; some disabled, some dormant), and internal employees linked by aadUserId. Default
   * false: the users are then exactly those of the same seed without it.
   */
  directory?: boolean;
}

export function generateTenant(opts: GenerateTenantOptions): TenantData {
  if (!Number.isInteger(opts.users) || opts.users < 1) {
    throw new RangeError(`generateTenant needs a positive whole number of users, got ${opts.users}`);
  }
  const random = seededRandom(opts.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const technicianCount = Math.floor(opts.users / 3);
  const employeeCount = opts.users - technicianCount;

  const person = (n: number) => {
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const outsider = random() < 0.03;
    const [first = '', last = ''] = name.toLowerCase().split(' ');
    const local = `${first}.${last}.${n}`;
    const created = EPOCH + Math.floor(random() * 2000) * DAY;
    return {
      name,
      outsider,
      email: random() < 0.01 ? null : `${local}@${outsider ? pick(OUTSIDE_DOMAINS) : 'acme-hvac.com'}`,
      loginName: `${first.charAt(0)}${last}${n}`,
      createdOn: new Date(created).toISOString(),
      modifiedOn: new Date(created + Math.floor(random() * 400) * DAY).toISOString(),
      active: random() > 0.08,
      accountLocked: random() < 0.02,
    };
  };
  // outsiders sometimes hold the API permissions, as in real tenants that invited an integrator
  const apiOverrides = (outsider: boolean): Record<number, string> =>
    outsider && random() < 0.4
      ? { [SAMPLE_PERMISSION_IDS.generateApiKey]: 'True', [SAMPLE_PERMISSION_IDS.manageApiAccess]: 'True' }
      : {};

  const employees: EmployeeRecord[] = [];
  for (let i = 0; i < employeeCount; i++) {
    const p = person(i);
    const role: RoleKey = i < 2 ? 'admin' : i === 2 ? 'owner' : pick(EMPLOYEE_ROLES);
    employees.push({
      id: 100_000 + i,
      userId: 500_000 + i,
      name: p.name,
      role: ROLE_TEMPLATES[role].builtIn,
      roleIds: [ROLE_IDS[role]],
      businessUnitId: pick(UNITS),
      createdOn: p.createdOn,
      modifiedOn: p.modifiedOn,
      email: p.email,
      phoneNumber: null,
      loginName: p.email === null ? null : p.loginName,
      customFields: [],
      active: i < 3 ? true : p.active,
      aadUserId: null,
      permissions: permissionsFor(role, apiOverrides(p.outsider)),
      accountLocked: p.accountLocked,
    });
  }
  const technicians: TechnicianRecord[] = [];
  for (let i = 0; i < technicianCount; i++) {
    const p = person(employeeCount + i);
    const role = pick(TECHNICIAN_ROLES);
    technicians.push({
      id: 200_000 + i,
      userId: 700_000 + i,
      name: p.name,
      roleIds: [ROLE_IDS[role]],
      businessUnitId: pick(UNITS),
      mainZoneId: null,
      zoneIds: [],
      createdOn: p.createdOn,
      modifiedOn: p.modifiedOn,
      email: p.email,
      phoneNumber: null,
      loginName: p.email === null ? null : p.loginName,
      home: null,
      dailyGoal: 1000 + Math.floor(random() * 10) * 100,
      isManagedTech: role !== 'technicianHelper',
      customFields: [],
      active: p.active,
      aadUserId: null,
      burdenRate: 15 + Math.floor(random() * 10),
      team: null,
      jobFilter: null,
      permissions: permissionsFor(role),
      accountLocked: p.accountLocked,
      licenseType: p.active ? 'ManagedTech' : null,
    });
  }
  return {
    tenant: 1234567,
    company: { name: 'Acme HVAC', internalDomain: 'acme-hvac.com' },
    employees,
    technicians,
    userRoles: userRoles(),
    businessUnits: businessUnits(),
    permissionCatalogue: PERMISSION_CATALOGUE.map((entry) => ({ ...entry })),
    ...(opts.directory ? { directory: generateDirectory(employees, technicians, opts.seed ?? 1) } : {}),
  };
}

/**
 * The people of a generated tenant. Its own random stream, so the users do not change with it:
 * 4% of people are disabled (suspended in Google), 3% last signed in 100-400 days ago, the rest
 * within 30 days; about 1% of the users are in no directory.
 */
function generateDirectory(
  employees: EmployeeRecord[],
  technicians: TechnicianRecord[],
  seed: number,
): SandboxDirectory {
  const random = seededRandom(seed ^ 0x5eed1d);
  const entra: EntraUserRecord[] = [];
  const google: GoogleUserRecord[] = [];
  const users = [...employees, ...technicians];
  for (const [i, user] of users.entries()) {
    const email = user.email?.toLowerCase();
    if (!email || random() < 0.01) continue;
    const internal = email.endsWith('@acme-hvac.com');
    const id = entraObjectId(`generated:${seed}:${user.id}`);
    if (internal && i < employees.length) user.aadUserId = id;
    const roll = random();
    const disabled = roll < 0.04;
    const lastSignIn =
      roll < 0.07 && !disabled ? 100 + Math.floor(random() * 300) : Math.floor(random() * 30);
    entra.push({
      id,
      displayName: user.name,
      userPrincipalName: internal ? email : `${email.replace('@', '_')}#EXT#@acmehvac.onmicrosoft.com`,
      mail: email,
      otherMails: internal ? [] : [email],
      proxyAddresses: [`SMTP:${email}`],
      accountEnabled: !disabled,
      userType: internal ? 'Member' : 'Guest',
      employeeId: null,
      createdDateTime: user.createdOn,
      lastSignInDaysAgo: lastSignIn,
    });
    if (!internal) continue;
    const [givenName = '', familyName = ''] = user.name.split(' ');
    google.push({
      id: String(100_000_000_000_000_000_000n + BigInt(user.id)),
      primaryEmail: email,
      name: { givenName, familyName, fullName: user.name },
      isAdmin: i < 3,
      suspended: disabled,
      archived: false,
      creationTime: user.createdOn,
      emails: [{ address: email, primary: true }],
      lastLoginDaysAgo: lastSignIn,
    });
  }
  return {
    entra: { tenantId: SAMPLE_ENTRA_TENANT_ID, premium: true, users: entra },
    google: { customerId: SAMPLE_GOOGLE_CUSTOMER_ID, users: google },
  };
}
