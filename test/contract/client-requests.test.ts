/**
 * Every request the ServiceTitan client makes, checked against ServiceTitan's own OpenAPI
 * document: a full read (list and export), reads by id, and every write, against the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, type Dispatcher } from 'undici';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ServiceTitanClient } from '../../src/servicetitan/client.js';
import { liveWriter } from '../../src/servicetitan/writer.js';
import { validateRequest } from '../helpers/openapi.js';
import { connectionTo } from '../servicetitan/sandbox-setup.js';

interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string | undefined;
}

/** An undici dispatcher that records what the client puts on the wire, then sends it. */
function recordingDispatcher(sent: SentRequest[]): Dispatcher {
  return new Agent().compose((dispatch) => (opts, handler) => {
    const url = new URL(opts.path, 'http://x');
    const headers: Record<string, string> = {};
    if (opts.headers && !Array.isArray(opts.headers) && typeof opts.headers === 'object') {
      for (const [k, v] of Object.entries(opts.headers as Record<string, unknown>))
        headers[k.toLowerCase()] = String(v);
    }
    sent.push({
      method: opts.method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: typeof opts.body === 'string' ? opts.body : undefined,
    });
    return dispatch(opts, handler);
  });
}

let sandbox: Sandbox;
const sent: SentRequest[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ maxPageSize: 20, exportPageSize: 25 });
  const dispatcher = recordingDispatcher(sent);
  const client = new ServiceTitanClient({
    connection: connectionTo(sandbox),
    dispatcher,
    tuning: { timeoutMs: 2000, retryBudgetMs: 3000 },
  });
  await client.fetchSnapshot();
  await client.fetchSnapshot({ source: 'export' });
  await client.listRoles();
  const employee = sandbox.state.employees.find((e) => e.active)!;
  const technician = sandbox.state.technicians.find((t) => t.active)!;
  for (const [kind, id] of [
    ['employee', employee.id],
    ['technician', technician.id],
  ] as const) {
    const writer = liveWriter(client);
    await client.getUser(kind, id);
    await writer.lock(kind, id);
    await writer.unlock(kind, id);
    const role = sandbox.state.userRoles.find(
      (r) => r.employeeType === (kind === 'employee' ? 'Employee' : 'Technician'),
    )!;
    await writer.setRole(kind, id, role.id);
    await writer.deactivate(kind, id);
    await writer.activate(kind, id, kind === 'technician' ? 'ManagedTechnician' : undefined);
  }
  await client.close();
  await dispatcher.close();
});
afterAll(() => sandbox.close());

describe("the client's requests fit ServiceTitan's OpenAPI document", () => {
  it('makes every kind of request the product needs', () => {
    const api = sent.filter((r) => r.path.startsWith('/settings/'));
    const kinds = new Set(api.map((r) => `${r.method} ${r.path.replace(/\/\d+(?=\/|$)/g, '/{n}')}`));
    expect([...kinds].sort()).toEqual(
      [
        'GET /settings/v2/tenant/{n}/business-units',
        'GET /settings/v2/tenant/{n}/employees',
        'GET /settings/v2/tenant/{n}/employees/{n}',
        'GET /settings/v2/tenant/{n}/export/employees',
        'GET /settings/v2/tenant/{n}/export/technicians',
        'GET /settings/v2/tenant/{n}/technicians',
        'GET /settings/v2/tenant/{n}/technicians/{n}',
        'GET /settings/v2/tenant/{n}/user-roles',
        'PATCH /settings/v2/tenant/{n}/employees/{n}',
        'PATCH /settings/v2/tenant/{n}/technicians/{n}',
        'POST /settings/v2/tenant/{n}/employees/{n}/account-actions',
        'POST /settings/v2/tenant/{n}/technicians/{n}/account-actions',
      ].sort(),
    );
  });

  it('sends only requests the spec allows: paths, methods, parameters, enum values, headers and bodies', () => {
    const api = sent.filter((r) => r.path.startsWith('/settings/'));
    const problems = api.flatMap((r) =>
      validateRequest(
        r.method,
        r.path,
        r.query,
        r.headers,
        r.body === undefined ? undefined : JSON.parse(r.body),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('would notice a request the spec does not allow', () => {
    const employees = sent.find((r) => r.path.endsWith('/employees') && r.method === 'GET')!;
    const wrongEnum = new URLSearchParams(employees.query);
    wrongEnum.set('active', 'All');
    expect(validateRequest('GET', employees.path, wrongEnum, employees.headers)).not.toEqual([]);
    const { 'st-app-key': _key, ...withoutKey } = employees.headers;
    expect(validateRequest('GET', employees.path, employees.query, withoutKey)).not.toEqual([]);
  });

  it('is exactly what the sandbox received, request for request', () => {
    const key = (method: string, path: string, query: Iterable<[string, string]>) =>
      `${method} ${path}?${[...query]
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join('&')}`;
    const received = sandbox.requests.map((r) => key(r.method, r.path, Object.entries(r.query))).sort();
    const made = sent.map((r) => key(r.method, r.path, r.query.entries())).sort();
    expect(made).toEqual(received);
    expect(sandbox.requests.every((r) => r.status >= 200 && r.status < 300)).toBe(true);
  });

  it('asks for the token with form-encoded client credentials only', () => {
    const tokens = sent.filter((r) => r.path === '/connect/token');
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.method).toBe('POST');
    expect(tokens[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(tokens[0]!.body).keys()].sort()).toEqual([
      'client_id',
      'client_secret',
      'grant_type',
    ]);
  });
});
