/**
 * The writes ServiceTitan offers on users: PATCH employees|technicians/{id} and
 * POST …/{id}/account-actions. They change the sandbox's state, so a later read shows them.
 */
import { badRequest, problem, type Answer } from './answers.js';
import type { ApiContext } from './api-context.js';
import { AnswerError } from './query.js';
import {
  EMPLOYEE_USER_ROLES,
  JOB_FILTERS,
  type EmployeeRecord,
  type TechnicianRecord,
} from './tenant-data.js';

type Kind = 'employees' | 'technicians';
type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isInteger: Check = (v) => Number.isSafeInteger(v);
const isNumberOrNull: Check = (v) => v === null || typeof v === 'number';
const isBoolean: Check = (v) => typeof v === 'boolean';
const oneOf =
  (values: readonly string[], nullable = false): Check =>
  (v) =>
    (nullable && v === null) || (typeof v === 'string' && values.includes(v));
const arrayOf =
  (item: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(item);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCustomField: Check = (v) =>
  isObject(v) &&
  Object.keys(v).every((k) => k === 'typeId' || k === 'value') &&
  isInteger(v['typeId']) &&
  (v['value'] === undefined || v['value'] === null || typeof v['value'] === 'string');

const EMPLOYEE_POSITIONS = (
  'CSR Dispatcher CsrManager DispatchManager InstallProductionManager ServiceManager SalesManager ' +
  'MarketingManager Administrator PayrollManager Bookkeeper PurchasingManager WarehouseManager OfficeManager ' +
  'GeneralManager BusinessOwner AnsweringService InsideSales GeneralOfficeNonManagement'
).split(' ');
const TECHNICIAN_POSITIONS =
  'Installer Service Sales Maintenance Helper InstallProductionManager ServiceManager SalesManager PartRunner DummyTech'.split(
    ' ',
  );
const LICENSE_TYPES = ['NonManagedTech', 'ManagedTech', 'ManagedInstaller'];
const ACCOUNT_LICENSE_TYPES = ['NonManagedTechnician', 'ManagedTechnician', 'ManagedInstaller'];
const ACCOUNT_ACTIONS = ['Activate', 'Deactivate', 'SendInvite', 'SendPasswordResetLink'];

/** The fields of EmployeeUpdateRequest / TechnicianUpdateRequest and their types. */
const COMMON_FIELDS: Record<string, Check> = {
  name: isString,
  phoneNumber: isString,
  email: isString,
  login: isString,
  businessUnitId: (v) => v === null || isInteger(v),
  roleId: isInteger,
  aadUserId: isString,
  customFields: arrayOf(isCustomField),
  accountLocked: isBoolean,
};
const UPDATE_FIELDS: Record<Kind, Record<string, Check>> = {
  employees: { ...COMMON_FIELDS, mobilePhoneNumber: isString, positions: arrayOf(oneOf(EMPLOYEE_POSITIONS)) },
  technicians: {
    ...COMMON_FIELDS,
    positions: arrayOf(oneOf(TECHNICIAN_POSITIONS)),
    licenseType: oneOf(LICENSE_TYPES),
    team: isString,
    dailyGoal: isNumberOrNull,
    burdenRate: isNumberOrNull,
    bio: isString,
    memo: isString,
    jobFilter: oneOf(JOB_FILTERS, true),
    jobHistoryDateFilter: oneOf(['AllJobs', 'LastThreeDays', 'LastSevenDays', 'LastMonth'], true),
    home: (v) => isObject(v) && isString(v['street']) && isString(v['city']),
  },
};

function checkBody(body: unknown, fields: Record<string, Check>): Record<string, unknown> {
  if (!isObject(body)) throw new AnswerError(badRequest('body', 'A JSON object request body is required.'));
  for (const [key, value] of Object.entries(body)) {
    const check = fields[key];
    if (!check) throw new AnswerError(badRequest(key, `'${key}' is not a field of this request.`));
    if (!check(value)) throw new AnswerError(badRequest(key, `The value of '${key}' is not valid.`));
  }
  return body;
}

function findUser(ctx: ApiContext, kind: Kind, id: number): EmployeeRecord | TechnicianRecord {
  const list: (EmployeeRecord | TechnicianRecord)[] =
    kind === 'employees' ? ctx.state.employees : ctx.state.technicians;
  const user = list.find((u) => u.id === id);
  if (!user)
    throw new AnswerError(
      problem(404, `${kind === 'employees' ? 'Employee' : 'Technician'} with id ${id} not found`),
    );
  return user;
}

/** The deprecated built-in role follows a new role only when the names match outright. */
function builtInRoleFor(roleName: string): EmployeeRecord['role'] | undefined {
  const key = roleName.replace(/[^a-z0-9]/gi, '').toLowerCase();
  return EMPLOYEE_USER_ROLES.find((r) => r.toLowerCase() === key);
}

export function updateUser(ctx: ApiContext, kind: Kind, id: number, rawBody: unknown): Answer {
  const body = checkBody(rawBody, UPDATE_FIELDS[kind]);
  const user = findUser(ctx, kind, id);
  const roleId = body['roleId'] as number | undefined;
  const role = roleId === undefined ? undefined : ctx.state.userRoles.find((r) => r.id === roleId);
  if (roleId !== undefined) {
    const wanted = kind === 'employees' ? 'Employee' : 'Technician';
    if (!role) return badRequest('roleId', `Role ${roleId} does not exist.`);
    if (!role.active) return badRequest('roleId', `Role ${roleId} (${role.name}) is inactive.`);
    if (role.employeeType !== wanted)
      return badRequest('roleId', `Role ${roleId} (${role.name}) is not a ${wanted} role.`);
    // an Enterprise Hub user's roles change only there; ServiceTitan's wording is not documented, so
    // this reason does not name Enterprise Hub and the client's advice must not depend on it
    if (user.managedInEnterpriseHub)
      return badRequest('roleId', 'The roles of this user are managed centrally and cannot be changed here.');
  }
  const unitId = body['businessUnitId'];
  if (typeof unitId === 'number' && !ctx.state.businessUnits.some((u) => u.id === unitId)) {
    return badRequest('businessUnitId', `Business unit ${unitId} does not exist.`);
  }
  if (ctx.faults.writeNoop) return { status: 200, body: { id } };

  const assign = (field: string, target: string = field) => {
    if (field in body) (user as unknown as Record<string, unknown>)[target] = body[field];
  };
  for (const field of ['name', 'email', 'phoneNumber', 'businessUnitId', 'aadUserId', 'accountLocked'])
    assign(field);
  assign('login', 'loginName');
  if (role) {
    user.roleIds = [role.id];
    const builtIn = builtInRoleFor(role.name);
    if (kind === 'employees' && builtIn) (user as EmployeeRecord).role = builtIn;
  }
  for (const field of (body['customFields'] ?? []) as { typeId: number; value?: string | null }[]) {
    user.customFields ??= [];
    const existing = user.customFields.find((c) => c.typeId === field.typeId);
    if (existing) existing.value = field.value ?? null;
    else user.customFields.push({ typeId: field.typeId, name: null, value: field.value ?? null });
  }
  if (kind === 'technicians') {
    const technician = user as TechnicianRecord;
    for (const field of ['team', 'jobFilter']) assign(field);
    if (typeof body['dailyGoal'] === 'number') technician.dailyGoal = body['dailyGoal'];
    if (typeof body['burdenRate'] === 'number') technician.burdenRate = body['burdenRate'];
    if (typeof body['licenseType'] === 'string') {
      technician.licenseType = body['licenseType'];
      technician.isManagedTech = body['licenseType'] !== 'NonManagedTech';
    }
    if (isObject(body['home'])) technician.home = { ...technician.home, ...body['home'] };
  }
  user.modifiedOn = ctx.now().toISOString();
  return { status: 200, body: { id } };
}

export function accountAction(ctx: ApiContext, kind: Kind, id: number, rawBody: unknown): Answer {
  const fields: Record<string, Check> =
    kind === 'employees'
      ? { action: oneOf(ACCOUNT_ACTIONS) }
      : {
          action: oneOf(ACCOUNT_ACTIONS),
          licenseType: oneOf(ACCOUNT_LICENSE_TYPES, true),
          truckId: (v) => v === null || isInteger(v),
        };
  const body = checkBody(rawBody, fields);
  if (body['action'] === undefined) return badRequest('action', 'The action field is required.');
  const user = findUser(ctx, kind, id);
  const action = body['action'] as string;
  const licenseType = body['licenseType'] as string | null | undefined;
  // a deactivated technician gave back its licence: activating needs one again
  if (kind === 'technicians' && action === 'Activate' && !licenseType) {
    return badRequest('licenseType', 'A license type is required to activate a technician.');
  }
  const ongoing = kind === 'technicians' ? ((user as TechnicianRecord).ongoingJobs ?? 0) : 0;
  if (action === 'Deactivate' && user.active && ongoing > 0) {
    return problem(400, 'The technician cannot be deactivated.', {
      action: [`The technician has ${ongoing} ongoing job${ongoing === 1 ? '' : 's'}.`],
    });
  }
  if (ctx.faults.writeNoop || (action !== 'Activate' && action !== 'Deactivate')) {
    return { status: 200, body: { status: 'Success' } };
  }
  user.active = action === 'Activate';
  if (kind === 'technicians') {
    const technician = user as TechnicianRecord;
    technician.licenseType = action === 'Activate' ? (licenseType ?? null) : null;
    if (action === 'Activate') technician.isManagedTech = licenseType !== 'NonManagedTechnician';
  }
  user.modifiedOn = ctx.now().toISOString();
  return { status: 200, body: { status: 'Success' } };
}
