/**
 * The fixed parts of the sandbox's tenants: the permission catalogue, the user roles and the
 * business units. The sample tenant and the generated tenants share them, so a policy written for
 * one works on the others.
 */
import type {
  BusinessUnitRecord,
  EmployeeUserRole,
  PermissionCatalogueEntry,
  PermissionValue,
  UserRoleRecord,
} from './tenant-data.js';

export const SAMPLE_PERMISSION_IDS = { generateApiKey: 10421, manageApiAccess: 10422 } as const;

/** Permissions whose value is not True/False in ServiceTitan: a level or a limit. */
const DISCOUNT_LIMIT = 10440;
const REPORT_SCOPE = 10441;

export const PERMISSION_CATALOGUE: PermissionCatalogueEntry[] = [
  { id: 10400, label: 'Access Dispatch Board' },
  { id: 10401, label: 'Book Jobs' },
  { id: 10402, label: 'Cancel Jobs' },
  { id: 10403, label: 'Edit Completed Jobs' },
  { id: 10404, label: 'View Customer Records' },
  { id: 10405, label: 'Edit Customer Records' },
  { id: 10406, label: 'Merge Customers' },
  { id: 10407, label: 'Delete Customers' },
  { id: 10408, label: 'Create Estimates' },
  { id: 10409, label: 'Approve Estimate Discounts' },
  { id: 10410, label: 'Edit Invoices' },
  { id: 10411, label: 'Post Invoices' },
  { id: 10412, label: 'Void Invoices' },
  { id: 10413, label: 'Process Refunds' },
  { id: 10414, label: 'Take Payments' },
  { id: 10415, label: 'Export Accounting Data' },
  { id: 10416, label: 'Edit Pricebook' },
  { id: 10417, label: 'View Pricebook Costs' },
  { id: 10418, label: 'Manage Memberships' },
  { id: 10419, label: 'Manage Inventory' },
  { id: 10420, label: 'Create Purchase Orders' },
  { id: 10421, label: 'Generate API Application Key' },
  { id: 10422, label: 'Manage API Application Access' },
  { id: 10423, label: 'Manage Users' },
  { id: 10424, label: 'Manage Roles and Permissions' },
  { id: 10425, label: 'Edit Company Settings' },
  { id: 10426, label: 'Manage Integrations' },
  { id: 10427, label: 'View Reports' },
  { id: 10428, label: 'Create Custom Reports' },
  { id: 10429, label: 'Export Reports' },
  { id: 10430, label: 'View Payroll' },
  { id: 10431, label: 'Edit Payroll' },
  { id: 10432, label: 'Edit Timesheets' },
  { id: 10433, label: 'Approve Timesheets' },
  { id: 10434, label: 'Manage Marketing Campaigns' },
  { id: 10435, label: 'Listen to Call Recordings' },
  { id: 10436, label: 'Mobile: Complete Jobs' },
  { id: 10437, label: 'Mobile: Collect Payments' },
  { id: 10438, label: 'Mobile: View Job History' },
  { id: 10439, label: 'Mobile: Edit Equipment' },
  { id: DISCOUNT_LIMIT, label: 'Maximum Discount Percent' },
  { id: REPORT_SCOPE, label: 'Report Access Level' },
];

export const ROLE_IDS = {
  admin: 1,
  owner: 2,
  officeManager: 3,
  dispatcher: 4,
  csr: 5,
  accounting: 6,
  salesManager: 7,
  fieldManager: 8,
  readOnly: 9,
  technician: 10,
  technicianHelper: 11,
  installer: 12,
  legacyMarketing: 13,
} as const;
export type RoleKey = keyof typeof ROLE_IDS;

interface RoleTemplate {
  name: string;
  employeeType: 'Employee' | 'Technician';
  active: boolean;
  /** the deprecated built-in role that goes with it on employees */
  builtIn: EmployeeUserRole;
  /** permission ids this role holds ("True"); every other one is "False" */
  grants: number[];
  discountLimit: string;
  reportScope: string;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ALL_BUT_API = range(10400, 10439).filter(
  (id) => id !== SAMPLE_PERMISSION_IDS.generateApiKey && id !== SAMPLE_PERMISSION_IDS.manageApiAccess,
);
const FIELD = [10404, 10408, 10414, 10436, 10437, 10438, 10439];

export const ROLE_TEMPLATES: Record<RoleKey, RoleTemplate> = {
  admin: {
    name: 'Admin',
    employeeType: 'Employee',
    active: true,
    builtIn: 'Admin',
    grants: ALL_BUT_API,
    discountLimit: '100',
    reportScope: 'All',
  },
  owner: {
    name: 'Owner',
    employeeType: 'Employee',
    active: true,
    builtIn: 'Owner',
    grants: ALL_BUT_API,
    discountLimit: '100',
    reportScope: 'All',
  },
  officeManager: {
    name: 'Office Manager',
    employeeType: 'Employee',
    active: true,
    builtIn: 'GeneralOffice',
    grants: [
      10400, 10401, 10402, 10403, 10404, 10405, 10406, 10408, 10409, 10410, 10411, 10414, 10418, 10423, 10427,
      10428, 10429, 10432, 10433, 10435,
    ],
    discountLimit: '25',
    reportScope: 'All',
  },
  dispatcher: {
    name: 'Dispatcher',
    employeeType: 'Employee',
    active: true,
    builtIn: 'Dispatch',
    grants: [10400, 10401, 10402, 10404, 10405, 10427, 10435],
    discountLimit: '0',
    reportScope: 'Own',
  },
  csr: {
    name: 'CSR',
    employeeType: 'Employee',
    active: true,
    builtIn: 'CSR',
    grants: [10401, 10404, 10405, 10408, 10414, 10418, 10435],
    discountLimit: '10',
    reportScope: 'Own',
  },
  accounting: {
    name: 'Accounting',
    employeeType: 'Employee',
    active: true,
    builtIn: 'Accounting',
    grants: [
      10404, 10410, 10411, 10412, 10413, 10414, 10415, 10417, 10420, 10427, 10429, 10430, 10431, 10432, 10433,
    ],
    discountLimit: '0',
    reportScope: 'All',
  },
  salesManager: {
    name: 'Sales Manager',
    employeeType: 'Employee',
    active: true,
    builtIn: 'SalesManager',
    grants: [10404, 10405, 10408, 10409, 10416, 10417, 10427, 10428, 10434],
    discountLimit: '20',
    reportScope: 'All',
  },
  fieldManager: {
    name: 'Field Manager',
    employeeType: 'Employee',
    active: true,
    builtIn: 'FieldManager',
    grants: [10400, 10402, 10403, 10404, 10408, 10409, 10419, 10427, 10432, 10433, ...FIELD],
    discountLimit: '15',
    reportScope: 'All',
  },
  readOnly: {
    name: 'Read Only',
    employeeType: 'Employee',
    active: true,
    builtIn: 'DisplayUser',
    grants: [10404, 10427],
    discountLimit: '0',
    reportScope: 'None',
  },
  technician: {
    name: 'Technician',
    employeeType: 'Technician',
    active: true,
    builtIn: 'Technician',
    grants: FIELD,
    discountLimit: '10',
    reportScope: 'Own',
  },
  technicianHelper: {
    name: 'Technician Helper',
    employeeType: 'Technician',
    active: true,
    builtIn: 'TechnicianHelper',
    grants: [10404, 10436, 10438],
    discountLimit: '0',
    reportScope: 'None',
  },
  installer: {
    name: 'Installer',
    employeeType: 'Technician',
    active: true,
    builtIn: 'TechnicianInstaller',
    grants: [...FIELD, 10419],
    discountLimit: '5',
    reportScope: 'Own',
  },
  legacyMarketing: {
    name: 'Marketing (legacy)',
    employeeType: 'Employee',
    active: false,
    builtIn: 'GeneralOffice',
    grants: [10404, 10434],
    discountLimit: '0',
    reportScope: 'None',
  },
};

export function userRoles(): UserRoleRecord[] {
  return (Object.keys(ROLE_IDS) as RoleKey[]).map((key) => ({
    id: ROLE_IDS[key],
    name: ROLE_TEMPLATES[key].name,
    active: ROLE_TEMPLATES[key].active,
    createdOn: `2018-05-${String(ROLE_IDS[key] + 1).padStart(2, '0')}T14:00:00Z`,
    employeeType: ROLE_TEMPLATES[key].employeeType,
  }));
}

export const BUSINESS_UNIT_IDS = {
  hvacService: 1,
  hvacInstall: 2,
  plumbing: 3,
  electrical: 4,
  corporate: 5,
  solar: 6,
} as const;

export function businessUnits(): BusinessUnitRecord[] {
  const unit = (id: number, name: string, active = true): BusinessUnitRecord => ({
    id,
    name,
    active,
    createdOn: `2018-04-0${id}T12:00:00Z`,
    modifiedOn: active ? `2024-01-1${id}T09:30:00Z` : '2022-08-31T17:00:00Z',
    officialName: `Acme HVAC - ${name}`,
    email: `${name
      .toLowerCase()
      .replace(/[^a-z]+/g, '-')
      .replace(/^-|-$/g, '')}@acme-hvac.com`,
    currency: 'USD',
    phoneNumber: `555010${id}`,
  });
  return [
    unit(BUSINESS_UNIT_IDS.hvacService, 'HVAC Service'),
    unit(BUSINESS_UNIT_IDS.hvacInstall, 'HVAC Install'),
    unit(BUSINESS_UNIT_IDS.plumbing, 'Plumbing'),
    unit(BUSINESS_UNIT_IDS.electrical, 'Electrical'),
    unit(BUSINESS_UNIT_IDS.corporate, 'Corporate'),
    unit(BUSINESS_UNIT_IDS.solar, 'Solar (closed)', false),
  ];
}

/**
 * Every permission of the catalogue with its value for a role, as ServiceTitan lists them on a
 * user: every id, "True" or "False", a few with a level or a limit instead.
 */
export function permissionsFor(
  role: RoleKey,
  overrides: Record<number, string | null> = {},
): PermissionValue[] {
  const template = ROLE_TEMPLATES[role];
  return PERMISSION_CATALOGUE.map(({ id }) => {
    let value: string | null = template.grants.includes(id) ? 'True' : 'False';
    if (id === DISCOUNT_LIMIT) value = template.discountLimit;
    if (id === REPORT_SCOPE) value = template.reportScope;
    if (id in overrides) value = overrides[id] ?? null;
    return { id, value };
  });
}
