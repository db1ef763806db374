/**
 * The built-in sample tenant: tenant 1234567, "Acme HVAC", internal domain acme-hvac.com.
 * Deterministic: the same records every time (fixed dates, no randomness).
 *
 * Shape: 61 employees (ids 101-164) and 30 technicians (ids 201-230); 13 user roles (ids 1-13,
 * role 13 "Marketing (legacy)" inactive); 6 business units (ids 1-6, unit 6 "Solar (closed)"
 * inactive); 42 permissions (ids 10400-10441) listed on every user, values "True"/"False",
 * except 10440 "Maximum Discount Percent" ("0".."100") and 10441 "Report Access Level"
 * ("All"/"Own"/"None").
 * Permission 10421 = "Generate API Application Key", 10422 = "Manage API Application Access".
 *
 * Deliberate problems (other code and tests rely on these exact records):
 * - employee 101 Dana Whitfield (dana.whitfield@acme-hvac.com): internal Admin who legitimately
 *   holds 10421 and 10422 = "True" (the one expected holder, e.g. an exemption).
 * - internal admins: exactly 101 and 102 (Marcus Bell, Admin) plus one Owner, 103 Robert
 *   Hallorann; no other internal user holds the Admin or Owner role.
 * - employee 160 Kevin Tran, kevin.tran@coolit-integrations.example: outside contractor,
 *   Office Manager, holds 10421 and 10422 = "True".
 * - employee 161 Jake Morrison, jake.morrison.hvac@gmail.com: outside contractor, Dispatcher,
 *   holds 10421 and 10422 = "True".
 * - employee 162 Sam Ortega, sam@ortega-it.example: outside admin (roleIds [1] = Admin, built-in
 *   role "Admin"); 10421/10422 "False".
 * - employee 163 Lena Fischer, lena.fischer@brightpath-software.example: INACTIVE outsider who
 *   still holds 10421 = "True" (10422 "False").
 * - employee 164 "Front Desk Tablet": no email and no login (so external), CSR.
 * - employee 130 Gary Pruitt: locked account (accountLocked true), internal, Accounting.
 * - employees 120 and 141: inactive internal staff (former employees).
 * - employee 112 Olivia Grant: email Olivia.Grant@Acme-HVAC.com (domain in mixed case; internal).
 * - technician 230 Rick Dalton, rick@dalton-mechanical.example: technician at an outside domain.
 * - technician 215: inactive internal technician (licence given back: licenseType null).
 * Every other user is internal (@acme-hvac.com), active, unlocked, without 10421/10422.
 *
 * Internal employees carry aadUserId (their Entra object id); the identity directories over these
 * people, with a leaver, guests, a dormant user and a broken SSO link, are in sample-directory.ts.
 */
import {
  BUSINESS_UNIT_IDS,
  PERMISSION_CATALOGUE,
  ROLE_IDS,
  ROLE_TEMPLATES,
  businessUnits,
  permissionsFor,
  userRoles,
  type RoleKey,
} from './catalogue.js';
import { linkSampleToEntra, sampleDirectory } from './sample-directory.js';
import type { EmployeeRecord, TechnicianRecord, TenantData } from './tenant-data.js';

export { SAMPLE_PERMISSION_IDS } from './catalogue.js';

const KEY = 10421;
const ACCESS = 10422;

const FIRST = (
  'Alicia Brandon Carmen Derek Elena Felix Gina Hector Irene Jamal Karen Luis Megan Nathan Omar ' +
  'Peter Quinn Rosa Steven Tanya Umar Vanessa Walter Ximena Yusuf Zoe Aaron Bianca Caleb Diana ' +
  'Ethan Fiona Gordon Hannah Isaac Julia Kyle Laura Mason Nora Owen Paige Ryan Sofia Trevor Uma ' +
  'Victor Wendy Xavier Yvonne Zach Amber Blake Chloe Dylan Erin Frank Grace Henry Ivy Jacob Kelsey ' +
  'Logan Maria Noah Oscar Priya Reggie Sean Tess Uriel Val Wes Yara Zane Andre Brooke Colin ' +
  'Dominic Eva Gavin Hugo Jorge'
).split(' ');
const LAST = (
  'Alvarez Brooks Castillo Dunn Ellis Foster Garcia Hughes Ingram Jenkins Kim Lopez Mitchell ' +
  'Nguyen Gallagher Owens Patel Quintero Reed Sanders Thompson Underwood Vasquez Walsh Young ' +
  'Zimmerman Adams Baker Carter Diaz Edwards Fleming Pierce Gibson Harper Irwin Jordan Keller ' +
  'Lambert Morales Norris Ortiz Parker Ramirez Stone Turner Vaughn Warren Yates Bishop Chambers ' +
  'Dawson Fowler Gutierrez Hale Jensen Kerr Lyons McCoy Nash Oliver Perry Rhodes Shaw Tucker Vega ' +
  'Wade Abbott Barton Cruz Delgado Fuller Hayes Lowe Mendez Pratt Rojas Sutton Tate Webb Yoder ' +
  'Ramsey Soto'
).split(' ');

/** 53 regular internal employees: how many of each role, in order. */
const EMPLOYEE_ROLE_MIX: [RoleKey, number][] = [
  ['csr', 16],
  ['dispatcher', 8],
  ['accounting', 7],
  ['salesManager', 5],
  ['fieldManager', 7],
  ['officeManager', 4],
  ['readOnly', 6],
];
/** Regular staff whose records the deliberate problems above name. */
const NAMED_STAFF: Record<number, string> = { 112: 'Olivia Grant', 130: 'Gary Pruitt' };
const OFFICE_ROLES: RoleKey[] = ['accounting', 'officeManager', 'readOnly'];
const FIELD_UNITS = [
  BUSINESS_UNIT_IDS.hvacService,
  BUSINESS_UNIT_IDS.hvacInstall,
  BUSINESS_UNIT_IDS.plumbing,
  BUSINESS_UNIT_IDS.electrical,
];

/** A fixed date `days` after 7 Jan 2019 (deterministic, never "now"). */
function dayAfterStart(days: number, hour = 15): string {
  return new Date(Date.UTC(2019, 0, 7 + days, hour, (days * 7) % 60, 0)).toISOString();
}

interface PersonOptions {
  email?: string | null;
  login?: string | null;
  active?: boolean;
  locked?: boolean | null;
  overrides?: Record<number, string | null>;
  builtIn?: EmployeeRecord['role'];
}

function employee(
  id: number,
  name: string,
  role: RoleKey,
  unit: number,
  options: PersonOptions = {},
): EmployeeRecord {
  const [first = '', last = ''] = name.toLowerCase().split(' ');
  const index = id - 100;
  return {
    id,
    userId: 3000 + id,
    name,
    role: options.builtIn ?? ROLE_TEMPLATES[role].builtIn,
    roleIds: [ROLE_IDS[role]],
    businessUnitId: unit,
    createdOn: dayAfterStart(index * 13),
    modifiedOn: dayAfterStart(index * 13 + 180 + (index % 40), 18),
    email: options.email === undefined ? `${first}.${last}@acme-hvac.com` : options.email,
    phoneNumber: `555${String(2000000 + index * 7919).slice(-7)}`,
    loginName: options.login === undefined ? `${first.charAt(0)}${last}` : options.login,
    customFields: [{ typeId: 501, name: 'Employee Number', value: `E-${String(id).padStart(4, '0')}` }],
    active: options.active ?? true,
    aadUserId: null,
    permissions: permissionsFor(role, options.overrides),
    accountLocked: options.locked === undefined ? false : options.locked,
  };
}

function sampleEmployees(): EmployeeRecord[] {
  const list: EmployeeRecord[] = [
    employee(101, 'Dana Whitfield', 'admin', BUSINESS_UNIT_IDS.corporate, {
      overrides: { [KEY]: 'True', [ACCESS]: 'True' },
    }),
    employee(102, 'Marcus Bell', 'admin', BUSINESS_UNIT_IDS.corporate),
    employee(103, 'Robert Hallorann', 'owner', BUSINESS_UNIT_IDS.corporate),
  ];
  let person = 0;
  for (const [role, count] of EMPLOYEE_ROLE_MIX) {
    for (let n = 0; n < count; n++, person++) {
      const id = 104 + person;
      const name = NAMED_STAFF[id] ?? `${FIRST[person]} ${LAST[person]}`;
      const unit = OFFICE_ROLES.includes(role) ? BUSINESS_UNIT_IDS.corporate : (FIELD_UNITS[person % 4] ?? 1);
      const options: PersonOptions = {};
      if (id === 112) options.email = 'Olivia.Grant@Acme-HVAC.com';
      if (id === 120 || id === 141) options.active = false;
      if (id === 130) options.locked = true;
      // ServiceTitan sends accountLocked: null for accounts never locked or unlocked
      if (id % 9 === 0 && id !== 130) options.locked = null;
      list.push(employee(id, name, role, unit, options));
    }
  }
  list.push(
    employee(160, 'Kevin Tran', 'officeManager', BUSINESS_UNIT_IDS.corporate, {
      email: 'kevin.tran@coolit-integrations.example',
      login: 'kevin.coolit',
      overrides: { [KEY]: 'True', [ACCESS]: 'True' },
    }),
    employee(161, 'Jake Morrison', 'dispatcher', BUSINESS_UNIT_IDS.hvacService, {
      email: 'jake.morrison.hvac@gmail.com',
      login: 'jmorrison',
      overrides: { [KEY]: 'True', [ACCESS]: 'True' },
    }),
    employee(162, 'Sam Ortega', 'admin', BUSINESS_UNIT_IDS.corporate, {
      email: 'sam@ortega-it.example',
      login: 'sam.ortega',
    }),
    employee(163, 'Lena Fischer', 'readOnly', BUSINESS_UNIT_IDS.corporate, {
      email: 'lena.fischer@brightpath-software.example',
      login: 'lfischer.brightpath',
      active: false,
      overrides: { [KEY]: 'True' },
    }),
    employee(164, 'Front Desk Tablet', 'csr', BUSINESS_UNIT_IDS.corporate, { email: null, login: null }),
  );
  return list;
}

const TECHNICIAN_ROLE_CYCLE: RoleKey[] = ['technician', 'technician', 'technicianHelper', 'installer'];
const TEAMS = ['Service Team A', 'Service Team B', 'Install Crew', 'Plumbing Crew', 'Electrical Crew'];

function technician(index: number): TechnicianRecord {
  const id = 201 + index;
  const person = 53 + index;
  const outsider = id === 230;
  const name = outsider ? 'Rick Dalton' : `${FIRST[person]} ${LAST[person]}`;
  const [first = '', last = ''] = name.toLowerCase().split(' ');
  const role = TECHNICIAN_ROLE_CYCLE[index % 4] ?? 'technician';
  const active = id !== 215;
  return {
    id,
    userId: 4000 + id,
    name,
    roleIds: [ROLE_IDS[role]],
    businessUnitId: FIELD_UNITS[index % 4] ?? 1,
    mainZoneId: index % 3 === 0 ? 70 + (index % 4) : null,
    zoneIds: index % 3 === 0 ? [70 + (index % 4)] : [],
    createdOn: dayAfterStart(index * 23 + 5, 13),
    modifiedOn: dayAfterStart(index * 23 + 400, 16),
    email: outsider ? 'rick@dalton-mechanical.example' : `${first}.${last}@acme-hvac.com`,
    phoneNumber: `555${String(3000000 + index * 6151).slice(-7)}`,
    loginName: outsider ? 'rdalton.mech' : `${first.charAt(0)}${last}`,
    home:
      index % 2 === 0
        ? {
            street: `${100 + index * 17} Maple Ave`,
            unit: null,
            country: 'USA',
            city: 'Springfield',
            state: 'IL',
            zip: '62704',
            streetAddress: null,
            latitude: null,
            longitude: null,
          }
        : null,
    dailyGoal: 1200 + (index % 5) * 150,
    isManagedTech: role !== 'technicianHelper',
    customFields: [{ typeId: 601, name: 'Truck', value: `T-${String(index + 1).padStart(2, '0')}` }],
    active,
    aadUserId: null,
    burdenRate: 18.5 + (index % 4),
    team: TEAMS[index % TEAMS.length] ?? null,
    jobFilter: 'AllScheduledDispatchedWorking',
    permissions: permissionsFor(role),
    accountLocked: false,
    licenseType: active ? (role === 'technicianHelper' ? 'NonManagedTech' : 'ManagedTech') : null,
  };
}

export function sampleTenant(): TenantData {
  const employees = sampleEmployees();
  const technicians = Array.from({ length: 30 }, (_, i) => technician(i));
  linkSampleToEntra(employees);
  return {
    tenant: 1234567,
    company: { name: 'Acme HVAC', internalDomain: 'acme-hvac.com' },
    employees,
    technicians,
    userRoles: userRoles(),
    businessUnits: businessUnits(),
    permissionCatalogue: PERMISSION_CATALOGUE.map((entry) => ({ ...entry })),
    directory: sampleDirectory(employees, technicians),
  };
}
