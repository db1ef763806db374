/** Small builders for engine tests: plain policy and snapshot objects, defaults filled in. */
import type { Snapshot, TenantUser, UserRole } from '../../src/engine/snapshot.js';
import type {
  AppliesTo,
  Exemption,
  ForbidRule,
  MaxHoldersRule,
  PermissionMapping,
  Policy,
  Rule,
  UserRef,
} from '../../src/policy/types.js';

export function ref(raw: string): UserRef {
  const match = /^(login|user|employee|technician):(.+)$/.exec(raw);
  if (!match) return { type: 'email', value: raw.toLowerCase(), raw };
  const [, type, value] = match as unknown as [string, string, string];
  if (type === 'login') return { type: 'login', value: value.toLowerCase(), raw };
  return { type: type as 'user' | 'employee' | 'technician', value: Number(value), raw };
}

let nextId = 1000;

export function user(p: Partial<TenantUser> = {}): TenantUser {
  const id = p.id ?? nextId++;
  return {
    kind: 'employee',
    id,
    userId: id,
    name: `User ${id}`,
    email: `user${id}@acme.com`,
    login: `user${id}`,
    active: true,
    locked: false,
    role: null,
    roleIds: [],
    roles: [],
    businessUnitId: null,
    businessUnit: null,
    permissions: {},
    customFields: [],
    aadUserId: null,
    ...p,
  };
}

export const ROLES: UserRole[] = [
  { id: 1, name: 'Admin', active: true, employeeType: 'Employee' },
  { id: 2, name: 'Office', active: true, employeeType: 'Employee' },
  { id: 3, name: 'Technician', active: true, employeeType: 'Technician' },
  { id: 4, name: 'Office', active: true, employeeType: 'Technician' },
  { id: 5, name: 'Retired', active: false, employeeType: 'Employee' },
];

export function snapshot(users: TenantUser[], roles: UserRole[] = ROLES): Snapshot {
  return {
    tenant: '1234',
    environment: 'integration',
    fetchedAt: '2026-01-15T12:00:00.000Z',
    users,
    roles,
    businessUnits: [],
    warnings: [],
  };
}

export type AppliesToInit = Omit<Partial<AppliesTo>, 'users' | 'exceptUsers'> & {
  users?: string[];
  exceptUsers?: string[];
};

export function appliesTo(p: AppliesToInit = {}): AppliesTo {
  const { users, exceptUsers, ...rest } = p;
  const result: AppliesTo = {
    audience: 'any',
    kinds: ['employee', 'technician'],
    exceptUsers: (exceptUsers ?? []).map(ref),
    includeInactive: false,
    ...rest,
  };
  if (users) result.users = users.map(ref);
  return result;
}

export function forbid(
  id: string,
  p: {
    permissions?: string[];
    roles?: string[];
    account?: boolean;
    appliesTo?: AppliesToInit;
    fix?: ForbidRule['fix'];
    severity?: ForbidRule['severity'];
    description?: string;
  } = {},
): ForbidRule {
  const rule: ForbidRule = {
    kind: 'forbid',
    id,
    severity: p.severity ?? 'high',
    appliesTo: appliesTo(p.appliesTo),
    forbid: { permissions: p.permissions ?? [], roles: p.roles ?? [], account: p.account ?? false },
    fix: p.fix ?? { action: 'none' },
    position: { line: 0, column: 5 },
  };
  if (p.description) rule.description = p.description;
  return rule;
}

export function maxHolders(
  id: string,
  p: {
    roles?: string[];
    permissions?: string[];
    max: number;
    appliesTo?: AppliesToInit;
    severity?: MaxHoldersRule['severity'];
  },
): MaxHoldersRule {
  return {
    kind: 'max-holders',
    id,
    severity: p.severity ?? 'medium',
    appliesTo: appliesTo(p.appliesTo),
    maxHolders: { roles: p.roles ?? [], permissions: p.permissions ?? [], max: p.max },
    position: { line: 0, column: 5 },
  };
}

export function exemption(p: {
  user?: string;
  rules: string[];
  expires: string;
  reason?: string;
}): Exemption {
  const e: Exemption = {
    rules: p.rules,
    reason: p.reason ?? 'Integration partner, contract 2231',
    expires: p.expires,
    approvedBy: 'security@acme.com',
    ticket: 'SEC-123',
    index: 0,
    position: { line: 0, column: 5 },
  };
  if (p.user) e.user = ref(p.user);
  return e;
}

/** The two API-key permissions of SPEC §2, as most policies map them. */
export const API_KEY_PERMISSIONS: Omit<PermissionMapping, 'position'>[] = [
  { name: 'generate-api-key', id: 1234, label: 'Generate API Application Key', granted: ['true'] },
  { name: 'manage-api-access', id: 1235, label: 'Manage API Application Access', granted: ['true'] },
];

export interface PolicyInit {
  internalDomains?: string[];
  internalUsers?: string[];
  externalUsers?: string[];
  permissions?: Omit<PermissionMapping, 'position'>[];
  rules?: Rule[];
  exemptions?: Exemption[];
  protectedUsers?: string[];
  minActiveAdmins?: number;
  adminRoles?: string[];
}

/** Positions are given by place in the file, so findings can be checked to point at their node. */
export function policy(p: PolicyInit = {}): Policy {
  const permissions = (p.permissions ?? API_KEY_PERMISSIONS).map((m, i) => ({
    ...m,
    position: { line: 5 + i, column: 3 },
  }));
  const rules = (p.rules ?? []).map((r, i) => ({ ...r, position: { line: 20 + i * 10, column: 5 } }));
  const exemptions = (p.exemptions ?? []).map((e, i) => ({
    ...e,
    index: i,
    position: { line: 100 + i * 8, column: 5 },
  }));
  return {
    version: 1,
    source: { path: '.github/servicetitan-access.yml', sha256: '0'.repeat(64) },
    organization: {
      internalDomains: p.internalDomains ?? ['acme.com'],
      internalUsers: (p.internalUsers ?? []).map(ref),
      externalUsers: (p.externalUsers ?? []).map(ref),
    },
    permissions,
    rules,
    exemptions,
    safety: {
      protectedUsers: (p.protectedUsers ?? []).map(ref),
      minActiveAdmins: p.minActiveAdmins ?? 0,
      adminRoles: p.adminRoles ?? ['Admin', 'Owner'],
    },
  };
}

export const NOW = new Date('2026-01-15T12:00:00.000Z');
