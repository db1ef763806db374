/**
 * A snapshot file given to `diff`, checked field by field before it is compared: the file may have
 * been edited or produced by something else, and a value of the wrong type (a permission as the
 * number 1 instead of ServiceTitan's text "True") must be reported at its line, not crash the diff.
 */
import type { Snapshot } from '../engine/snapshot.js';
import { describeValue, invalidFile, jsonSyntaxLine, lineOfJsonValue } from './located.js';

type Path = (string | number)[];

interface Problem {
  path: Path;
  value: unknown;
  /** what the field must be, as a phrase: "text or null" */
  expected: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null;
const isText = (v: unknown) => typeof v === 'string';
const isWhole = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);

/** Each optional field of a user record: how to check it, and what to say when it is wrong. */
const USER_FIELDS: [field: string, ok: (v: unknown) => boolean, expected: string][] = [
  ['name', isText, 'text'],
  ['email', isText, 'text or null'],
  ['login', isText, 'text or null'],
  ['userId', isWhole, 'a whole number or null'],
  ['active', (v) => typeof v === 'boolean', 'true or false'],
  ['locked', (v) => typeof v === 'boolean', 'true or false'],
  ['role', isText, 'text or null'],
  ['businessUnit', isText, 'text or null'],
  ['businessUnitId', isWhole, 'a whole number or null'],
];

function userProblem(u: unknown, at: Path): Problem | null {
  if (!isRecord(u)) return { path: at, value: u, expected: 'a user record (an object)' };
  if (u.kind !== 'employee' && u.kind !== 'technician') {
    return { path: [...at, 'kind'], value: u.kind, expected: '"employee" or "technician"' };
  }
  if (!isWhole(u.id)) return { path: [...at, 'id'], value: u.id, expected: 'a whole number' };
  for (const [field, ok, expected] of USER_FIELDS) {
    const value = u[field];
    if (!absent(value) && !ok(value)) return { path: [...at, field], value, expected };
  }
  if (!absent(u.roles)) {
    if (!Array.isArray(u.roles))
      return { path: [...at, 'roles'], value: u.roles, expected: 'a list of role names' };
    const i = u.roles.findIndex((r) => !isText(r));
    if (i >= 0) return { path: [...at, 'roles', i], value: u.roles[i], expected: 'a role name (text)' };
  }
  if (!absent(u.permissions)) {
    if (!isRecord(u.permissions)) {
      return {
        path: [...at, 'permissions'],
        value: u.permissions,
        expected: 'an object of permission id to value',
      };
    }
    for (const [id, value] of Object.entries(u.permissions)) {
      if (!absent(value) && !isText(value)) {
        return {
          path: [...at, 'permissions', id],
          value,
          expected: 'the text ServiceTitan sent ("True", "False") or null',
        };
      }
    }
  }
  return null;
}

function snapshotProblem(data: Record<string, unknown> & { users: unknown[] }): Problem | null {
  for (const field of ['tenant', 'fetchedAt']) {
    const value = data[field];
    if (!absent(value) && !isText(value)) return { path: [field], value, expected: 'text' };
  }
  for (const [i, u] of data.users.entries()) {
    const problem = userProblem(u, ['users', i]);
    if (problem) return problem;
  }
  return null;
}

/** `users[3].permissions["12"]`, as a reader of the file would look for it. */
function pathText(path: Path): string {
  return path
    .map((p, i) =>
      typeof p === 'number'
        ? `[${p}]`
        : /^[A-Za-z_]\w*$/.test(p)
          ? `${i === 0 ? '' : '.'}${p}`
          : `[${JSON.stringify(p)}]`,
    )
    .join('');
}

export type SnapshotRead = { snapshot: Snapshot } | { notASnapshot: string };

/**
 * Reads snapshot text: JSON with a `users` list whose every record has the fields the diff
 * compares, of the types the tool writes. Text that is no snapshot at all comes back with why (the
 * caller says what else it could have been); a snapshot with a bad value throws a located error.
 */
export function parseSnapshotFile(text: string, file: string): SnapshotRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const line = jsonSyntaxLine(text, error);
    return { notASnapshot: `the file is not JSON${line === null ? '' : ` (line ${line})`}` };
  }
  if (!isRecord(data) || !Array.isArray(data.users)) return { notASnapshot: 'the file has no `users` list' };
  const problem = snapshotProblem(data as Record<string, unknown> & { users: unknown[] });
  if (problem) {
    throw invalidFile(
      file,
      lineOfJsonValue(text, problem.path),
      `${pathText(problem.path)} is ${describeValue(problem.value)}, where a snapshot has ${problem.expected}`,
    );
  }
  return { snapshot: data as unknown as Snapshot };
}
