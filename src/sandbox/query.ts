/**
 * Query parameters as ServiceTitan's Settings v2 API reads them, with its 400 answers for bad
 * values (ASP.NET model binding: enum and boolean names are case-insensitive).
 */
import { badRequest, type Answer } from './answers.js';

/** Thrown inside a handler to answer with an error; the server writes `answer`. */
export class AnswerError extends Error {
  constructor(readonly answer: Answer) {
    super(`sandbox answer ${answer.status}`);
  }
}

export type Query = Record<string, string>;

function fail(field: string, message: string): never {
  throw new AnswerError(badRequest(field, message));
}

export function integer(query: Query, name: string, fallback: number, min: number): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) fail(name, `The value '${raw}' is not valid.`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) fail(name, `The value '${raw}' must be at least ${min}.`);
  return value;
}

export function boolean(query: Query, name: string): boolean {
  const raw = query[name];
  if (raw === undefined || raw === '') return false;
  const lower = raw.toLowerCase();
  if (lower !== 'true' && lower !== 'false') fail(name, `The value '${raw}' is not valid.`);
  return lower === 'true';
}

/** An enum value, matched case-insensitively, answered in its canonical spelling. */
export function enumValue<T extends string>(
  query: Query,
  name: string,
  values: readonly T[],
  fallback: T,
): T {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  const found = values.find((v) => v.toLowerCase() === raw.toLowerCase());
  if (!found) fail(name, `The value '${raw}' is not valid. Values: [${values.join(', ')}]`);
  return found;
}

/** A comma-separated id list (the `ids` and `userIds` filters; at most 50). */
export function idList(query: Query, name: string): Set<number> | null {
  const raw = query[name];
  if (raw === undefined || raw === '') return null;
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) fail(name, `The value '${raw}' is not a list of ids.`);
  if (parts.length > 50) fail(name, 'At most 50 ids may be given.');
  return new Set(parts.map(Number));
}

export function dateTime(query: Query, name: string): number | null {
  const raw = query[name];
  if (raw === undefined || raw === '') return null;
  const value = Date.parse(raw);
  if (Number.isNaN(value)) fail(name, `The value '${raw}' is not a valid date-time.`);
  return value;
}

export interface ListQuery {
  page: number;
  pageSize: number;
  includeTotal: boolean;
  active: 'True' | 'Any' | 'False';
  ids: Set<number> | null;
  userIds: Set<number> | null;
  name: string | null;
  email: string | null;
  createdBefore: number | null;
  createdOnOrAfter: number | null;
  modifiedBefore: number | null;
  modifiedOnOrAfter: number | null;
}

export function listQuery(query: Query): ListQuery {
  return {
    page: integer(query, 'page', 1, 1),
    pageSize: integer(query, 'pageSize', 50, 1),
    includeTotal: boolean(query, 'includeTotal'),
    active: enumValue(query, 'active', ['True', 'Any', 'False'] as const, 'True'),
    ids: idList(query, 'ids'),
    userIds: idList(query, 'userIds'),
    name: query['name'] || null,
    email: query['email'] || null,
    createdBefore: dateTime(query, 'createdBefore'),
    createdOnOrAfter: dateTime(query, 'createdOnOrAfter'),
    modifiedBefore: dateTime(query, 'modifiedBefore'),
    modifiedOnOrAfter: dateTime(query, 'modifiedOnOrAfter'),
  };
}

interface Filterable {
  id: number;
  active: boolean;
  name: string;
  createdOn: string;
  userId?: number;
  email?: string | null;
  modifiedOn?: string;
}

/** The list filters, in ServiceTitan's meaning (active=True by default: active records only). */
export function matchesList(record: Filterable, q: ListQuery): boolean {
  if (q.active === 'True' && !record.active) return false;
  if (q.active === 'False' && record.active) return false;
  if (q.ids && !q.ids.has(record.id)) return false;
  if (q.userIds && (record.userId === undefined || !q.userIds.has(record.userId))) return false;
  if (q.name && !record.name.toLowerCase().includes(q.name.toLowerCase())) return false;
  if (q.email && (record.email ?? '').toLowerCase() !== q.email.toLowerCase()) return false;
  const created = Date.parse(record.createdOn);
  if (q.createdBefore !== null && !(created < q.createdBefore)) return false;
  if (q.createdOnOrAfter !== null && !(created >= q.createdOnOrAfter)) return false;
  const modified = record.modifiedOn ? Date.parse(record.modifiedOn) : created;
  if (q.modifiedBefore !== null && !(modified < q.modifiedBefore)) return false;
  if (q.modifiedOnOrAfter !== null && !(modified >= q.modifiedOnOrAfter)) return false;
  return true;
}

const TOKEN_PREFIX = 'sbx1:';

/** An opaque export continuation token: an offset and an optional "modified since" start. */
export function exportToken(offset: number, since: number | null): string {
  return Buffer.from(`${TOKEN_PREFIX}${offset}:${since ?? ''}`).toString('base64url');
}

/**
 * Reads `from`: absent (start), one of the sandbox's tokens, or a date string such as
 * "2020-01-01" (ServiceTitan: start from that point in time). Anything else is a 400.
 */
export function exportPosition(query: Query): { offset: number; since: number | null } {
  const raw = query['from'];
  if (raw === undefined || raw === '') return { offset: 0, since: null };
  const decoded = Buffer.from(raw, 'base64url').toString('utf8');
  const token = /^sbx1:(\d+):(\d*)$/.exec(decoded);
  if (token && exportToken(Number(token[1]), token[2] ? Number(token[2]) : null) === raw) {
    return { offset: Number(token[1]), since: token[2] ? Number(token[2]) : null };
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(raw) && !Number.isNaN(Date.parse(raw)))
    return { offset: 0, since: Date.parse(raw) };
  fail('from', `The continuation token '${raw}' is not valid.`);
}
