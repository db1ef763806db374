/** The benchmark's policy: 20 rules of every shape SPEC §4 allows, over the sandbox's catalogue. */

/** The audit's "today" (time is a parameter); exemptions below expire within a year of it. */
export const BENCH_NOW = new Date('2025-06-02T12:00:00Z');

const PERMISSIONS: Record<string, number> = {
  'generate-api-key': 10421,
  'manage-api-access': 10422,
  'manage-users': 10423,
  'manage-roles': 10424,
  'edit-settings': 10425,
  'process-refunds': 10413,
  'void-invoices': 10412,
  'edit-payroll': 10431,
};

const forbid = (id: string, severity: string, appliesTo: string, what: string, fix = 'none') =>
  `  - id: ${id}\n    severity: ${severity}\n    applies-to: ${appliesTo}\n    forbid: ${what}\n    fix: ${fix}\n`;
const maxHolders = (id: string, what: string) =>
  `  - id: ${id}\n    severity: medium\n    max-holders: ${what}\n`;
const API = 'permissions: [generate-api-key, manage-api-access]';

const RULES = [
  forbid(
    'api-keys-allow-list',
    'critical',
    '{ except-users: [ana.avery.1@acme-hvac.com, login:integration-admin] }',
    `{ ${API} }`,
    'lock',
  ),
  forbid('no-external-api', 'critical', '{ audience: external }', `{ ${API} }`, 'lock'),
  forbid('no-outsider-accounts', 'high', '{ audience: external }', '{ account: true }', 'deactivate'),
  maxHolders('at-most-three-admins', '{ roles: [Admin, Owner], max: 3 }'),
  maxHolders('few-key-holders', '{ permissions: [generate-api-key], max: 2 }'),
  forbid(
    'technicians-not-admins',
    'high',
    '{ kinds: [technician] }',
    '{ roles: [Admin, Owner] }',
    '{ set-role: Technician }',
  ),
  forbid(
    'plumbing-office-no-api',
    'high',
    '{ business-units: [Plumbing], roles: [Office Manager, CSR, Accounting], kinds: [employee] }',
    `{ ${API} }`,
  ),
  forbid('csr-no-refunds', 'medium', '{ roles: [CSR] }', '{ permissions: [process-refunds] }'),
  forbid('csr-no-voids', 'medium', '{ roles: [CSR] }', '{ permissions: [void-invoices] }'),
  forbid('dispatch-no-payroll', 'medium', '{ roles: [Dispatcher] }', '{ permissions: [edit-payroll] }'),
  forbid(
    'read-only-no-admin',
    'high',
    '{ roles: [Read Only] }',
    '{ permissions: [manage-users, manage-roles] }',
  ),
  maxHolders('few-user-managers', '{ permissions: [manage-users], max: 10 }'),
  maxHolders('few-role-managers', '{ permissions: [manage-roles], max: 5 }'),
  maxHolders('few-settings-editors', '{ permissions: [edit-settings], max: 5 }'),
  forbid(
    'hvac-techs-not-office',
    'medium',
    '{ business-units: [HVAC Service, HVAC Install], kinds: [technician] }',
    '{ roles: [Office Manager, Accounting] }',
  ),
  forbid('installers-no-refunds', 'low', '{ roles: [Installer] }', '{ permissions: [process-refunds] }'),
  forbid('external-no-payroll', 'high', '{ audience: external }', '{ permissions: [edit-payroll] }'),
  forbid('helpers-no-voids', 'low', '{ roles: [Technician Helper] }', '{ permissions: [void-invoices] }'),
  forbid(
    'sales-no-settings',
    'low',
    '{ roles: [Sales Manager], business-units: [1, 2, Corporate] }',
    '{ permissions: [edit-settings] }',
  ),
  forbid(
    'inactive-outsiders-no-keys',
    'high',
    '{ audience: external, include-inactive: true }',
    '{ permissions: [generate-api-key] }',
  ),
];

export function benchPolicy(): string {
  const permissions = Object.entries(PERMISSIONS)
    .map(([name, id]) => `  ${name}: { id: ${id}, granted: ['True'] }\n`)
    .join('');
  return `version: 1
organization:
  name: Acme HVAC
  internal-domains: [acme-hvac.com]
  external-users: [contractor@acme-hvac.com]
permissions:
${permissions}rules:
${RULES.join('')}exemptions:
  - user: ana.avery.1@acme-hvac.com
    rules: [csr-no-refunds]
    reason: Handles refunds during the audit season
    expires: 2025-12-31
    approved-by: security@acme-hvac.com
  - rules: [at-most-three-admins]
    reason: Admin headcount under review
    expires: 2025-09-30
    approved-by: security@acme-hvac.com
safety:
  protected-users: [owner@acme-hvac.com]
  min-active-admins: 2
  admin-roles: [Admin, Owner]
`;
}
