/**
 * A small ServiceTitan on undici's MockAgent for unit tests: a token endpoint and paged list,
 * export and by-id endpoints over in-memory records, with hooks to answer differently.
 */
import { MockAgent } from 'undici';
import type { ServiceTitanConnection } from '../../src/servicetitan/settings.js';

export const API = 'https://api.st.test';
export const AUTH = 'https://auth.st.test';
export const TENANT = '4321';

export const SECRETS = {
  clientSecret: 'cs-very-secret-value-0001',
  appKey: 'ak-application-key-0002',
};

export const connection: ServiceTitanConnection = {
  tenant: TENANT,
  clientId: 'cid.public-client-id',
  clientSecret: SECRETS.clientSecret,
  appKey: SECRETS.appKey,
  environment: 'integration',
  apiUrl: API,
  authUrl: `${AUTH}/connect/token`,
};

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
}

export interface Reply {
  statusCode: number;
  data?: object | string;
  headers?: Record<string, string>;
}

export interface MockTenant {
  employees?: Record<string, unknown>[];
  technicians?: Record<string, unknown>[];
  roles?: Record<string, unknown>[];
  businessUnits?: Record<string, unknown>[];
  /** the page size the server grants whatever is asked (it still echoes the asked size) */
  grantedPageSize?: number;
  exportPageSize?: number;
  /** totalCount the list endpoints report, when not the real count */
  reportedTotal?: (resource: string, real: number) => number | null;
  /** answer an API request differently; undefined lets the tenant answer */
  respond?: (request: SeenRequest) => Reply | undefined;
  /** answer a token request differently */
  respondToken?: (request: SeenRequest, issued: number) => Reply | undefined;
  tokenLifetimeSeconds?: number;
  /** connection-level failures registered before the tenant, each consumed once */
  errors?: { path: RegExp; error: Error; method?: string }[];
  /** answers held back this long, registered before the tenant, each consumed once */
  delays?: { path: RegExp; delayMs: number }[];
}

export function employee(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    userId: 1000 + id,
    name: `Employee ${id}`,
    role: 'CSR',
    roleIds: [1],
    businessUnitId: 10,
    createdOn: '2024-01-01T00:00:00Z',
    modifiedOn: '2024-01-01T00:00:00Z',
    email: `e${id}@acme.test`,
    loginName: `e${id}`,
    customFields: [],
    active: true,
    aadUserId: null,
    permissions: [{ id: 500, value: 'False' }],
    accountLocked: false,
    ...extra,
  };
}

export function technician(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { role: _role, ...rest } = employee(id);
  return {
    ...rest,
    name: `Technician ${id}`,
    roleIds: [2],
    dailyGoal: 0,
    isManagedTech: false,
    burdenRate: 0,
    ...extra,
  };
}

export const ROLES = [
  { id: 1, name: 'Office', active: true, employeeType: 'Employee', createdOn: '2024-01-01T00:00:00Z' },
  { id: 2, name: 'Field', active: true, employeeType: 'Technician', createdOn: '2024-01-01T00:00:00Z' },
];
export const UNITS = [{ id: 10, name: 'HVAC', active: true }];

export function mockServiceTitan(tenant: MockTenant = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const requests: SeenRequest[] = [];
  const tokenRequests: SeenRequest[] = [];
  const issued: string[] = [];
  const collections: Record<string, Record<string, unknown>[]> = {
    employees: tenant.employees ?? [employee(1)],
    technicians: tenant.technicians ?? [technician(2)],
    'user-roles': tenant.roles ?? ROLES,
    'business-units': tenant.businessUnits ?? UNITS,
  };
  const api = agent.get(API);
  const auth = agent.get(AUTH);
  for (const e of tenant.errors ?? []) {
    api.intercept({ path: (p) => e.path.test(p), method: e.method ?? 'GET' }).replyWithError(e.error);
  }
  for (const d of tenant.delays ?? []) {
    api
      .intercept({ path: (p) => d.path.test(p), method: () => true })
      .reply(handle)
      .delay(d.delayMs);
  }

  auth
    .intercept({ path: '/connect/token', method: 'POST' })
    .reply((opts) => {
      const seen = toSeen(opts);
      tokenRequests.push(seen);
      const override = tenant.respondToken?.(seen, issued.length);
      if (override) return toMock(override);
      const token = `token-${issued.length + 1}-abcdef`;
      issued.push(token);
      return toMock({
        statusCode: 200,
        data: { access_token: token, expires_in: tenant.tokenLifetimeSeconds ?? 900, token_type: 'Bearer' },
      });
    })
    .persist();

  api
    .intercept({ path: () => true, method: () => true })
    .reply(handle)
    .persist();

  function handle(opts: Parameters<typeof toSeen>[0]) {
    const seen = toSeen(opts);
    requests.push(seen);
    const override = tenant.respond?.(seen);
    if (override) return toMock(override);
    if (seen.headers.authorization !== `Bearer ${issued[issued.length - 1]}`) {
      return toMock({ statusCode: 401, data: { statusCode: 401, message: 'Unauthorized' } });
    }
    return toMock(answer(seen));
  }

  function answer(req: SeenRequest): Reply {
    const prefix = `/settings/v2/tenant/${TENANT}/`;
    if (!req.path.startsWith(prefix))
      return { statusCode: 404, data: { statusCode: 404, message: 'Not found' } };
    const segments = req.path.slice(prefix.length).split('/');
    if (segments[0] === 'export') {
      const all = collections[segments[1]!]!;
      const size = tenant.exportPageSize ?? 3;
      const offset = Number(req.query.get('from')?.replace('t', '') ?? 0);
      const data = all.slice(offset, offset + size);
      const hasMore = offset + size < all.length;
      return { statusCode: 200, data: { hasMore, continueFrom: `t${offset + data.length}`, data } };
    }
    const all = collections[segments[0]!];
    if (!all) return { statusCode: 404, data: { statusCode: 404, message: 'Resource not found' } };
    if (segments[1]) {
      const found = all.find((r) => r.id === Number(segments[1]));
      return found
        ? { statusCode: 200, data: found }
        : { statusCode: 404, data: problem(404, 'Not found', { id: ['No such record'] }) };
    }
    const page = Number(req.query.get('page') ?? 1);
    const asked = Number(req.query.get('pageSize') ?? 50);
    const size = Math.min(asked, tenant.grantedPageSize ?? asked);
    const data = all.slice((page - 1) * size, page * size);
    const total = tenant.reportedTotal ? tenant.reportedTotal(segments[0]!, all.length) : all.length;
    return {
      statusCode: 200,
      data: { page, pageSize: asked, hasMore: page * size < all.length, totalCount: total, data },
    };
  }

  return { agent, requests, tokenRequests, issued, collections };
}

export function problem(status: number, title: string, errors: Record<string, string[]> = {}) {
  return {
    type: 'https://tools.ietf.org/html/rfc7231',
    title,
    status,
    traceId: `trace-${status}-xyz`,
    errors,
    data: {},
  };
}

function toSeen(opts: { path: string; method: string; headers?: unknown; body?: unknown }): SeenRequest {
  const url = new URL(opts.path, 'http://x');
  const headers: Record<string, string> = {};
  const raw = opts.headers;
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
  }
  return {
    method: opts.method,
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: typeof opts.body === 'string' ? opts.body : opts.body ? String(opts.body) : '',
  };
}

function toMock(reply: Reply) {
  const data = typeof reply.data === 'string' ? reply.data : JSON.stringify(reply.data ?? '');
  return {
    statusCode: reply.statusCode,
    data,
    responseOptions: { headers: { 'content-type': 'application/json', ...(reply.headers ?? {}) } },
  };
}
