/**
 * The tenant API under `/settings/v2/tenant/{tenant}/`: routing, the list endpoints and the
 * export feeds. Writes live in writes.ts.
 */
import { problem, project, type Answer } from './answers.js';
import type { RequestClass } from './faults.js';
import {
  AnswerError,
  boolean,
  exportPosition,
  exportToken,
  listQuery,
  matchesList,
  type Query,
} from './query.js';
import type {
  BusinessUnitRecord,
  EmployeeRecord,
  TechnicianRecord,
  TenantData,
  UserRoleRecord,
} from './tenant-data.js';
import { accountAction, updateUser } from './writes.js';
import type { ApiContext } from './api-context.js';

export type { ApiContext } from './api-context.js';

export interface ApiRequest {
  method: string;
  /** the path below `/settings/v2/tenant/{tenant}/`, split, e.g. ['employees', '12'] */
  segments: string[];
  query: Query;
  body: unknown;
}

type Collection = 'employees' | 'technicians' | 'user-roles' | 'business-units';
const COLLECTIONS: Collection[] = ['employees', 'technicians', 'user-roles', 'business-units'];
const EXPORTS = ['employees', 'technicians', 'business-units'];

/** The kind of request, for fault injection (without running it). */
export function classify(method: string, segments: string[]): RequestClass {
  const [first, second, third] = segments;
  if (method === 'GET' && segments.length === 1 && COLLECTIONS.includes(first as Collection)) return 'list';
  if (method === 'GET' && first === 'export' && segments.length === 2 && EXPORTS.includes(second ?? '')) {
    return 'export';
  }
  if (method === 'PATCH' && segments.length === 2) return 'write';
  if (method === 'POST' && segments.length === 3 && third === 'account-actions') return 'write';
  return 'other';
}

interface Entry {
  record: EmployeeRecord | TechnicianRecord | UserRoleRecord | BusinessUnitRecord;
  answer: () => Record<string, unknown>;
}

function records(state: TenantData, collection: Collection): Entry[] {
  switch (collection) {
    case 'employees':
      return state.employees.map((r) => ({ record: r, answer: () => project.employee(r) }));
    case 'technicians':
      return state.technicians.map((r) => ({ record: r, answer: () => project.technician(r) }));
    case 'user-roles':
      return state.userRoles.map((r) => ({ record: r, answer: () => project.userRole(r) }));
    case 'business-units':
      return state.businessUnits.map((r) => ({ record: r, answer: () => project.businessUnit(r) }));
  }
}

function byId(list: Entry[]): Entry[] {
  return [...list].sort((a, b) => a.record.id - b.record.id);
}

function list(ctx: ApiContext, collection: Collection, query: Query): Answer {
  const q = listQuery(query);
  // ServiceTitan does not document what /user-roles answers without employeeType; the sandbox
  // answers employee roles only, so a client that leaves it out misses the technician roles
  const employeeType =
    collection === 'user-roles'
      ? (['None', 'Employee', 'Technician', 'All'] as const).find(
          (v) => v.toLowerCase() === (query['employeeType'] ?? 'Employee').toLowerCase(),
        )
      : 'All';
  if (!employeeType)
    throw new AnswerError(
      problem(400, 'One or more validation errors occurred.', {
        employeeType: [`The value '${query['employeeType']}' is not valid.`],
      }),
    );
  const matching = byId(records(ctx.state, collection)).filter(({ record }) => {
    if (!matchesList(record, q)) return false;
    if (employeeType === 'None') return false;
    return !('employeeType' in record) || employeeType === 'All' || record.employeeType === employeeType;
  });
  // ServiceTitan may grant fewer items than asked and still echo the requested pageSize
  const granted = Math.min(q.pageSize, ctx.maxPageSize);
  const pageAt = (page: number) => {
    const start = (page - 1) * granted;
    return { items: matching.slice(start, start + granted), hasMore: start + granted < matching.length };
  };
  const shiftKey = `${collection}?${Object.entries(query)
    .filter(([k]) => k !== 'page')
    .sort()
    .join('&')}`;
  let page = q.page;
  const shiftedAt = ctx.emptyPageShifts.get(shiftKey);
  if (shiftedAt !== undefined) {
    if (page > shiftedAt) page -= 1;
    else ctx.emptyPageShifts.delete(shiftKey);
  }
  let { items, hasMore } = pageAt(page);
  let totalCount: number | null = q.includeTotal ? matching.length : null;
  if (ctx.faults.emptyPage) {
    ctx.emptyPageShifts.set(shiftKey, q.page);
    items = [];
    hasMore = true;
  } else if (ctx.faults.hasMoreForever) {
    items = pageAt(1).items;
    hasMore = true;
  } else if (ctx.faults.endlessNewRecords) {
    // a full page of records never seen before, on every page, and no total to check against
    items = invented(matching, (page - 1) * granted, granted);
    [hasMore, totalCount] = [true, null];
  } else if (ctx.faults.hugeTotalCount) {
    // the real records first, one per page, then invented ones, under a total of a billion
    items = page <= matching.length ? matching.slice(page - 1, page) : invented(matching, page - 1, 1);
    [hasMore, totalCount] = [true, HUGE_TOTAL];
  } else if (ctx.faults.duplicateRecords && page > 1) {
    items = [...pageAt(page - 1).items.slice(-2), ...items];
  }
  return {
    status: 200,
    body: {
      page: q.page,
      pageSize: q.pageSize,
      hasMore,
      totalCount,
      data: items.map(({ answer }) => answer()),
    },
  };
}

const HUGE_TOTAL = 1_000_000_000;
/** Ids of invented records start here, above any id of a sample or generated tenant. */
const INVENTED_IDS = 900_000_000;

/**
 * `count` records that do not exist, numbered from `position`: copies of real ones (so they read
 * as valid records) under ids no real record has. None when the list is empty.
 */
function invented(real: Entry[], position: number, count: number): Entry[] {
  if (real.length === 0) return [];
  return Array.from({ length: count }, (_, i) => {
    const model = real[(position + i) % real.length]!;
    const id = INVENTED_IDS + position + i;
    return { record: model.record, answer: () => ({ ...model.answer(), id }) };
  });
}

function exportFeed(ctx: ApiContext, collection: Collection, query: Query): Answer {
  boolean(query, 'includeRecentChanges'); // validated; the sandbox has no "recent changes" lane
  const { offset, since } = exportPosition(query);
  // export feeds include inactive records
  const all = byId(records(ctx.state, collection)).filter(
    ({ record }) =>
      since === null || Date.parse('modifiedOn' in record ? record.modifiedOn : record.createdOn) >= since,
  );
  const received = query['from'] || exportToken(0, since);
  let items = all.slice(offset, offset + ctx.exportPageSize);
  const end = offset + items.length;
  let hasMore = end < all.length;
  let continueFrom = exportToken(end, since);
  if (ctx.faults.emptyPage) {
    [items, hasMore, continueFrom] = [[], true, received];
  } else if (ctx.faults.hasMoreForever) {
    [hasMore, continueFrom] = [true, received];
  } else if (ctx.faults.endlessNewRecords) {
    items = invented(all, offset, ctx.exportPageSize);
    [hasMore, continueFrom] = [true, exportToken(offset + items.length, since)];
  } else if (ctx.faults.duplicateRecords && offset > 0) {
    items = [...all.slice(Math.max(0, offset - 2), offset), ...items];
  }
  return { status: 200, body: { hasMore, continueFrom, data: items.map(({ answer }) => answer()) } };
}

function parseId(raw: string | undefined): number {
  if (raw === undefined || !/^\d+$/.test(raw)) {
    throw new AnswerError(
      problem(400, 'One or more validation errors occurred.', { id: [`The value '${raw}' is not valid.`] }),
    );
  }
  return Number(raw);
}

function getOne(
  ctx: ApiContext,
  collection: 'employees' | 'technicians' | 'business-units',
  rawId: string,
): Answer {
  const id = parseId(rawId);
  const found = records(ctx.state, collection).find(({ record }) => record.id === id);
  const noun = { employees: 'Employee', technicians: 'Technician', 'business-units': 'Business unit' }[
    collection
  ];
  if (!found) return problem(404, `${noun} with id ${id} not found`);
  return { status: 200, body: found.answer() };
}

/** Runs one API request against the tenant state. */
export function handleApi(ctx: ApiContext, request: ApiRequest): Answer {
  const { method, segments, query } = request;
  const [first, second, third] = segments;
  const allowed = (methods: string[], run: () => Answer): Answer =>
    methods.includes(method) ? run() : problem(405, `Method ${method} is not allowed here`);

  if (segments.length === 1 && COLLECTIONS.includes(first as Collection)) {
    return allowed(['GET'], () => list(ctx, first as Collection, query));
  }
  if (first === 'export' && segments.length === 2 && EXPORTS.includes(second ?? '')) {
    return allowed(['GET'], () => exportFeed(ctx, second as Collection, query));
  }
  if ((first === 'employees' || first === 'technicians') && segments.length === 2) {
    return allowed(['GET', 'PATCH'], () =>
      method === 'GET'
        ? getOne(ctx, first, second ?? '')
        : updateUser(ctx, first, parseId(second), request.body),
    );
  }
  if (
    (first === 'employees' || first === 'technicians') &&
    segments.length === 3 &&
    third === 'account-actions'
  ) {
    return allowed(['POST'], () => accountAction(ctx, first, parseId(second), request.body));
  }
  if (first === 'business-units' && segments.length === 2) {
    return allowed(['GET'], () => getOne(ctx, 'business-units', second ?? ''));
  }
  return problem(404, `No such resource: /${segments.join('/')}`);
}
