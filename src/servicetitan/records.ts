/**
 * ServiceTitan's answers, parsed tolerantly: unknown fields are ignored, nullable or oddly typed
 * optional fields become null, but a record without a numeric id, unreadable roles or
 * permissions, or a page without a data array is rejected, because the audit would be wrong.
 * A `null` entry in a permissions array is the one exception: it is skipped and counted (see
 * PermissionSets), because it names no permission at all.
 */
import { z } from 'zod';
import type { BusinessUnit, TenantUser, UserKind, UserRole } from '../domain/tenant.js';

const optionalText = z.string().nullish().catch(null);
const optionalInt = z.number().int().nullish().catch(null);

const Permission = z.looseObject({
  id: z.number().int(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
});

const CustomField = z.looseObject({ typeId: optionalInt, name: optionalText, value: optionalText });

export const UserRecord = z.looseObject({
  id: z.number().int(),
  userId: optionalInt,
  name: optionalText,
  // employees only: the deprecated built-in role enum
  role: optionalText,
  roleIds: z.array(z.number().int()).nullish(),
  businessUnitId: optionalInt,
  email: optionalText,
  loginName: optionalText,
  customFields: z.array(CustomField).nullish().catch(null),
  active: z.boolean().nullish().catch(null),
  aadUserId: optionalText,
  // "Array may contain Nones" (a public ServiceTitan connector's note): a null entry is skipped
  permissions: z.array(Permission.nullable()).nullish(),
  accountLocked: z.boolean().nullish().catch(null),
  // technicians only: managed or not, which decides the licence type `Activate` needs
  isManagedTech: z.boolean().nullish().catch(null),
});
export type UserRecord = z.infer<typeof UserRecord>;

export const RoleRecord = z.looseObject({
  id: z.number().int(),
  name: optionalText,
  active: z.boolean().nullish().catch(null),
  employeeType: optionalText,
});
export type RoleRecord = z.infer<typeof RoleRecord>;

export const BusinessUnitRecord = z.looseObject({
  id: z.number().int(),
  name: optionalText,
  active: z.boolean().nullish().catch(null),
});
export type BusinessUnitRecord = z.infer<typeof BusinessUnitRecord>;

export const ListPage = z.looseObject({
  data: z.array(z.unknown()),
  hasMore: z.boolean().nullish().catch(null),
  totalCount: z.number().int().nonnegative().nullish().catch(null),
});
export type ListPage = z.infer<typeof ListPage>;

export const ExportPage = z.looseObject({
  data: z.array(z.unknown()),
  hasMore: z.boolean().nullish().catch(null),
  continueFrom: z.string().nullish().catch(null),
});
export type ExportPage = z.infer<typeof ExportPage>;

/** A short description of why a value failed its schema, naming the first offending field. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unreadable';
  const where = issue.path.length ? issue.path.join('.') : 'the value';
  return `${where}: ${issue.message}`;
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

type Permissions = TenantUser['permissions'];

/**
 * Users with the same role mostly hold the same permissions, and an object keyed by ~40 permission
 * ids is slow to build (V8 keeps such sparse integer keys in a dictionary) and large: users with
 * identical permission lists share one frozen object. Lists are found by a hash of their ids and
 * values, then compared entry by entry.
 *
 * A `null` entry names no permission, so it cannot be one the policy maps: it is skipped, and
 * counted in `nullEntries` (and the lists holding one in `listsWithNulls`) for the log.
 */
export class PermissionSets {
  private readonly byHash = new Map<number, { list: PermissionList; permissions: Permissions }[]>();
  nullEntries = 0;
  listsWithNulls = 0;

  /** The user's permissions object, its null entries counted. */
  of(list: UserRecord['permissions']): Permissions {
    const nulls = nullEntriesIn(list);
    if (nulls > 0) {
      this.nullEntries += nulls;
      this.listsWithNulls++;
    }
    return this.intern(list);
  }

  /** The user's permissions object, shared with every other list equal to this one; nothing counted. */
  intern(list: UserRecord['permissions']): Permissions {
    const entries = list ?? [];
    let hash = entries.length;
    for (const p of entries) {
      if (p === null) {
        hash = (Math.imul(hash, 31) + 7) | 0;
        continue;
      }
      hash = (Math.imul(hash, 31) + p.id) | 0;
      const value = valueText(p.value);
      if (value === null) hash = (Math.imul(hash, 31) + 1) | 0;
      else for (let i = 0; i < value.length; i++) hash = (Math.imul(hash, 31) + value.charCodeAt(i)) | 0;
    }
    const bucket = this.byHash.get(hash) ?? [];
    const known = bucket.find((set) => sameList(set.list, entries));
    if (known) return known.permissions;
    const permissions: Permissions = {};
    for (const p of entries) if (p !== null) permissions[p.id] = valueText(p.value);
    Object.freeze(permissions);
    bucket.push({ list: entries, permissions });
    this.byHash.set(hash, bucket);
    return permissions;
  }
}

/** The null entries of a permissions list: each names no permission and is skipped. */
export function nullEntriesIn(list: UserRecord['permissions']): number {
  let nulls = 0;
  for (const p of list ?? []) if (p === null) nulls++;
  return nulls;
}

type PermissionList = NonNullable<UserRecord['permissions']>;
type PermissionEntry = NonNullable<PermissionList[number]>;

function valueText(value: PermissionEntry['value']): string | null {
  return value === null || value === undefined ? null : String(value);
}

function sameList(a: PermissionList, b: PermissionList): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === null || y === null) {
      if (x !== y) return false;
      continue;
    }
    if (x.id !== y.id || valueText(x.value) !== valueText(y.value)) return false;
  }
  return true;
}

export function toTenantUser(
  kind: UserKind,
  record: UserRecord,
  roleNames: ReadonlyMap<number, string>,
  businessUnitNames: ReadonlyMap<number, string>,
  permissionSets: PermissionSets = new PermissionSets(),
): TenantUser {
  const user = compactUser(kind, record, permissionSets.of(record.permissions));
  nameUser(user, roleNames, businessUnitNames);
  return user;
}

/**
 * Lists many users hold alike, shared: one frozen list per set of role ids, one of their names,
 * and one empty list of custom fields. With the shared permissions objects (PermissionSets) they
 * make a user of a large tenant a few hundred bytes; the engine only reads them.
 */
export class SharedLists {
  private readonly ids = new Map<string, number[]>();
  private readonly names = new Map<number[], string[]>();
  readonly noCustomFields: TenantUser['customFields'] = Object.freeze(
    [],
  ) as unknown as TenantUser['customFields'];

  roleIds(list: number[]): number[] {
    const key = list.join(',');
    let shared = this.ids.get(key);
    if (!shared) {
      shared = Object.freeze([...list]) as number[];
      this.ids.set(key, shared);
    }
    return shared;
  }

  /** The names of a shared list of role ids (see `nameUser`). */
  roleNames(ids: number[], names: ReadonlyMap<number, string>): string[] {
    let shared = this.names.get(ids);
    if (!shared) {
      shared = Object.freeze(ids.map((id) => names.get(id) ?? `#${id}`)) as string[];
      this.names.set(ids, shared);
    }
    return shared;
  }
}

/**
 * The user a record describes, with its `permissions` object given (see PermissionSets) and the
 * names that need other lists left empty (`roles`, `businessUnit`) until `nameUser`: what the
 * client keeps of each record while the role and business unit lists may still be on their way.
 * With `shared`, lists many users hold alike are shared (see SharedLists).
 */
export function compactUser(
  kind: UserKind,
  record: UserRecord,
  permissions: Permissions,
  shared?: SharedLists,
): TenantUser {
  const ids = record.roleIds ?? [];
  const roleIds = shared ? shared.roleIds(ids) : ids;
  const fields = record.customFields ?? [];
  return {
    kind,
    id: record.id,
    userId: record.userId ?? null,
    name: record.name ?? '',
    email: text(record.email),
    login: text(record.loginName),
    // a record without `active` is treated as active, so rules still look at it
    active: record.active ?? true,
    locked: record.accountLocked ?? false,
    role: kind === 'employee' ? text(record.role) : null,
    roleIds,
    roles: [],
    businessUnitId: record.businessUnitId ?? null,
    businessUnit: null,
    permissions,
    customFields:
      shared && fields.length === 0
        ? shared.noCustomFields
        : fields.map((f) => ({
            typeId: f.typeId ?? null,
            name: f.name ?? null,
            value: f.value ?? null,
          })),
    aadUserId: text(record.aadUserId),
    licenseType: kind === 'technician' ? technicianLicenseType(record.isManagedTech) : null,
  };
}

/** Fills in a `compactUser`'s role names (an unknown id as `#ID`) and business unit name. */
export function nameUser(
  user: TenantUser,
  roleNames: ReadonlyMap<number, string>,
  businessUnitNames: ReadonlyMap<number, string>,
  shared?: SharedLists,
): void {
  user.roles = shared
    ? shared.roleNames(user.roleIds, roleNames)
    : user.roleIds.map((id) => roleNames.get(id) ?? `#${id}`);
  user.businessUnit =
    user.businessUnitId === null ? null : (businessUnitNames.get(user.businessUnitId) ?? null);
}

/**
 * The licence type of the account action `Activate` (IdentityUserManagement.TechnicianLicenseType).
 * TechnicianResponse only says whether the technician is managed, so a managed installer cannot be
 * told apart from a managed technician: `ManagedTechnician` is the closest ServiceTitan lets us read.
 */
function technicianLicenseType(isManagedTech: boolean | null | undefined): string | null {
  if (isManagedTech === true) return 'ManagedTechnician';
  if (isManagedTech === false) return 'NonManagedTechnician';
  return null;
}

export function toUserRole(record: RoleRecord): UserRole {
  return {
    id: record.id,
    name: record.name ?? `#${record.id}`,
    active: record.active ?? true,
    employeeType: record.employeeType ?? '',
  };
}

export function toBusinessUnit(record: BusinessUnitRecord): BusinessUnit {
  return { id: record.id, name: record.name ?? `#${record.id}`, active: record.active ?? true };
}
