/**
 * Reading records fast. A 20,000-user tenant is 20,000 records of ~40 permissions each; running
 * each through zod copies every object (a looseObject copies unknown keys too) and was most of the
 * client's CPU time and garbage. `readUserRecord` checks the same rules by hand and keeps the
 * parsed JSON objects as they are. When it does not accept a record, the zod schema decides, so
 * the schema stays the single statement of what is accepted and of the error message; a test
 * holds the two to the same answers.
 */
import type { z } from 'zod';
import { UserRecord } from './records.js';

export interface RecordReader<T> {
  /** the record, or undefined when the quick check does not accept it (the schema then decides) */
  read(value: unknown): T | undefined;
  schema: z.ZodType<T>;
}

/** A reader that is only the schema: for the few roles and business units. */
export function schemaReader<T>(schema: z.ZodType<T>): RecordReader<T> {
  return {
    schema,
    read: (value) => {
      const result = schema.safeParse(value);
      return result.success ? result.data : undefined;
    },
  };
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isInt = (value: unknown): value is number => Number.isSafeInteger(value);
const nullish = (value: unknown): value is null | undefined => value === null || value === undefined;

// the schema's `.nullish().catch(null)` fields: the value when it has the type, else null
const optionalText = (value: unknown) => (typeof value === 'string' || nullish(value) ? value : null);
const optionalInt = (value: unknown) => (isInt(value) || nullish(value) ? value : null);
const optionalBoolean = (value: unknown) => (typeof value === 'boolean' || nullish(value) ? value : null);

function permissionsOk(value: unknown): boolean {
  if (nullish(value)) return true;
  if (!Array.isArray(value)) return false;
  for (const p of value) {
    // a null entry is skipped later (PermissionSets), as the schema's `.nullable()` allows
    if (p === null) continue;
    if (!isObject(p) || !isInt(p.id)) return false;
    const v = p.value;
    if (!(nullish(v) || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      return false;
    }
    // a number must be finite, as zod's z.number() requires
    if (typeof v === 'number' && !Number.isFinite(v)) return false;
  }
  return true;
}

function customFields(value: unknown): UserRecord['customFields'] {
  if (nullish(value)) return value;
  if (!Array.isArray(value) || !value.every(isObject)) return null;
  return value.map((f) => ({
    typeId: optionalInt(f.typeId) as number | null | undefined,
    name: optionalText(f.name) as string | null | undefined,
    value: optionalText(f.value) as string | null | undefined,
  }));
}

/** An employee or technician record, checked as `UserRecord` checks it. */
export const userRecordReader: RecordReader<UserRecord> = {
  schema: UserRecord,
  read(value) {
    if (!isObject(value) || !isInt(value.id)) return undefined;
    const roleIds = value.roleIds;
    if (!nullish(roleIds) && !(Array.isArray(roleIds) && roleIds.every(isInt))) return undefined;
    if (!permissionsOk(value.permissions)) return undefined;
    return {
      id: value.id,
      userId: optionalInt(value.userId) as number | null | undefined,
      name: optionalText(value.name) as string | null | undefined,
      role: optionalText(value.role) as string | null | undefined,
      roleIds: roleIds as number[] | null | undefined,
      businessUnitId: optionalInt(value.businessUnitId) as number | null | undefined,
      email: optionalText(value.email) as string | null | undefined,
      loginName: optionalText(value.loginName) as string | null | undefined,
      customFields: customFields(value.customFields),
      active: optionalBoolean(value.active) as boolean | null | undefined,
      aadUserId: optionalText(value.aadUserId) as string | null | undefined,
      permissions: value.permissions as UserRecord['permissions'],
      accountLocked: optionalBoolean(value.accountLocked) as boolean | null | undefined,
      isManagedTech: optionalBoolean(value.isManagedTech) as boolean | null | undefined,
    };
  },
};
