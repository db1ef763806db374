/**
 * `POST /__sandbox/permissions`: change one permission value on one user, as an administrator
 * does on the user's Permissions tab in ServiceTitan. The Settings v2 API has no such write
 * (EmployeeUpdateRequest and TechnicianUpdateRequest carry no `permissions`), so this is a
 * control endpoint of the sandbox, for practising docs/permission-ids.md's recipe:
 *
 *   curl -X POST http://127.0.0.1:4010/__sandbox/permissions \
 *     -d '{"user": "employee:150", "permission": 10405}'
 *
 * `value` sets the value; without it a "True"/"False" value is switched to the other.
 */
import { z } from 'zod';
import type { EmployeeRecord, TechnicianRecord, TenantData } from './tenant-data.js';

const permissionChange = z.strictObject({
  /** `employee:150` or `technician:201` */
  user: z.string().regex(/^(employee|technician):\d+$/, 'must be employee:ID or technician:ID'),
  permission: z.number().int().positive(),
  value: z.string().nullable().optional(),
});

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/** Applies the change to `state`; the answer says what the value was and is now. */
export function changePermission(state: TenantData, body: string, now: Date): ControlAnswer {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { status: 400, body: { error: 'The body is not valid JSON.' } };
  }
  const parsed = permissionChange.safeParse(value);
  if (!parsed.success) {
    return {
      status: 400,
      body: {
        error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        example: { user: 'employee:150', permission: 10405, value: 'True' },
      },
    };
  }
  const { user: ref, permission } = parsed.data;
  const [kind, idText] = ref.split(':') as ['employee' | 'technician', string];
  const id = Number(idText);
  const list: (EmployeeRecord | TechnicianRecord)[] =
    kind === 'employee' ? state.employees : state.technicians;
  const user = list.find((u) => u.id === id);
  if (!user) return { status: 404, body: { error: `No ${kind} with id ${id} in the sandbox tenant.` } };

  const permissions = (user.permissions ??= []);
  const held = permissions.find((p) => p?.id === permission);
  const before = held ? held.value : undefined;
  let after: string | null;
  if (parsed.data.value !== undefined) after = parsed.data.value;
  else if (before === 'True' || before === 'False') after = before === 'True' ? 'False' : 'True';
  else {
    return {
      status: 400,
      body: {
        error: `${ref} has permission ${permission} ${before === undefined ? 'not at all' : `as ${JSON.stringify(before)}`}: give the new "value" to set.`,
      },
    };
  }
  if (held) held.value = after;
  else permissions.push({ id: permission, value: after });
  user.modifiedOn = now.toISOString();
  return {
    status: 200,
    body: { ok: true, user: { kind, id, name: user.name }, permission, before: before ?? null, after },
  };
}
