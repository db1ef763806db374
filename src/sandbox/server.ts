/**
 * A ServiceTitan-compatible tenant on loopback (node:http, no framework): the token endpoint, the
 * Settings v2 user endpoints, fault injection and a small control API under /__sandbox/ (state,
 * requests, reset, faults, and permissions: the change ServiceTitan's API cannot make).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { injectedAnswer, problem, rateLimited, type Answer } from './answers.js';
import { handleApi, classify, type ApiContext } from './api.js';
import { SANDBOX_CREDENTIALS, TokenAuthority, type SandboxCredentials } from './auth.js';
import { SandboxDirectories } from './directory-api.js';
import { SANDBOX_DIRECTORY_CREDENTIALS } from './directory-auth.js';
import type { IdentityCredentials } from '../domain/identity.js';
import { FaultPlan, RollingRateLimiter, faultsSchema, type Faults, type RequestClass } from './faults.js';
import { AnswerError } from './query.js';
import { changePermission } from './permissions.js';
import { sampleTenant } from './sample-tenant.js';
import type { TenantData } from './tenant-data.js';
import { copyOf, readBody, write } from './wire.js';

export { SANDBOX_CREDENTIALS, type SandboxCredentials } from './auth.js';

export interface SandboxOptions {
  /** default 0 (ephemeral); the CLI uses 4010 */
  port?: number;
  /** default '127.0.0.1' */
  host?: string;
  /** default: the built-in sample tenant; always deep-copied, so writes never touch the original */
  data?: TenantData;
  credentials?: SandboxCredentials;
  /** the token's expires_in, default 900 */
  tokenLifetimeSeconds?: number;
  /** cap on the granted page size of list endpoints, default 500 (the answer still echoes the request) */
  maxPageSize?: number;
  /** the export feeds' server-chosen page size, default 200 */
  exportPageSize?: number;
  /** cap on the identity directories' page size, default Graph's 999 and Google's 500 */
  directoryPageSize?: number;
  faults?: Faults;
  /** the clock for token expiry, modifiedOn and the request log; default real time */
  now?: () => Date;
}

export interface SandboxRequest {
  method: string;
  /** without the query */
  path: string;
  query: Record<string, string>;
  /** 0 when the connection was dropped without an answer */
  status: number;
  /** ms since the epoch, on the sandbox clock */
  at: number;
}

export interface Sandbox {
  /** 'http://127.0.0.1:PORT': the api-url root; API paths are `${url}/settings/v2/tenant/${tenant}/...` */
  url: string;
  /** `${url}/connect/token` */
  authUrl: string;
  tenant: string;
  credentials: SandboxCredentials;
  /** the live state; writes are applied to it */
  readonly state: TenantData;
  /** the identity directories served beside the tenant (SPEC §8) */
  identity: SandboxIdentity;
  /** every API and token request (the control endpoints are not logged) */
  requests: SandboxRequest[];
  readonly tokensIssued: number;
  /** replaces the fault configuration (and its counters) */
  setFaults(f: Faults): void;
  /** back to the initial data, no faults, log cleared */
  reset(): void;
  close(): Promise<void>;
}

/** What the identity settings need to read the sandbox's directories. */
export interface SandboxIdentity {
  /** the identity credentials and URL overrides pointing at this sandbox (inputs `entra-client-id` …) */
  credentials: IdentityCredentials;
  /** an `entra` source's `tenant-id`; null when the data has no directory */
  entraTenantId: string | null;
  /** a `google` source's `customer` (`my_customer` works too); null when the data has no directory */
  googleCustomer: string | null;
}

const API_PREFIX = /^\/settings\/v2\/tenant\/([^/]+)(?:\/(.*))?$/;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const initial = copyOf(options.data ?? sampleTenant());
  const credentials = options.credentials ?? SANDBOX_CREDENTIALS;
  const now = options.now ?? (() => new Date());
  const auth = new TokenAuthority(credentials, options.tokenLifetimeSeconds ?? 900, now);
  const limiter = new RollingRateLimiter();
  const requests: SandboxRequest[] = [];
  const pendingTimers = new Set<NodeJS.Timeout>();
  let state = copyOf(initial);
  const directories = new SandboxDirectories(() => state.directory, now, options.directoryPageSize);
  let plan = new FaultPlan({});
  let emptyPageShifts = new Map<string, number>();
  let closed = false;

  const setFaults = (faults: Faults) => {
    const checked = faultsSchema.safeParse(faults);
    if (!checked.success) throw new TypeError(`Invalid sandbox faults: ${checked.error.message}`);
    plan = new FaultPlan(faults);
    emptyPageShifts = new Map();
  };
  const reset = () => {
    state = copyOf(initial);
    setFaults({});
    requests.length = 0;
    auth.resetCount();
  };
  if (options.faults) setFaults(options.faults);
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        resolve();
      }, ms);
      pendingTimers.add(timer);
    });

  function route(
    req: IncomingMessage,
    path: string,
    query: Record<string, string>,
    body: string,
    faults: ReturnType<FaultPlan['evaluate']>,
  ): Answer {
    const method = req.method ?? 'GET';
    if (path === '/connect/token') {
      return method === 'POST'
        ? auth.tokenRequest(req.headers, body)
        : { status: 405, body: { error: 'invalid_request' } };
    }
    if (SandboxDirectories.handles(path)) {
      const origin = `http://${req.headers.host ?? 'localhost'}`;
      return directories.answer({ method, path, query, headers: req.headers, body, origin });
    }
    if (!path.startsWith('/settings/v2/')) return problem(404, `No such resource: ${path}`);
    // ServiceTitan's gateway refuses unauthenticated calls before looking at anything else
    const refusal = auth.check(req.headers);
    if (refusal) return refusal;
    const match = API_PREFIX.exec(path);
    const tenant = match?.[1] ?? '';
    const rateLimit = plan.faults.rateLimitPerSecond;
    if (rateLimit !== undefined && !limiter.admit(tenant, rateLimit)) return rateLimited(1);
    if (!match || tenant !== String(state.tenant)) {
      return problem(404, `Tenant ${tenant || '(none)'} not found or not connected to this application`);
    }
    let parsed: unknown = undefined;
    if (body.trim() !== '') {
      try {
        parsed = JSON.parse(body);
      } catch {
        return problem(400, 'One or more validation errors occurred.', {
          body: ['The request body is not valid JSON.'],
        });
      }
    }
    const ctx: ApiContext = {
      state,
      maxPageSize: options.maxPageSize ?? 500,
      exportPageSize: options.exportPageSize ?? 200,
      now,
      faults,
      emptyPageShifts,
    };
    try {
      return handleApi(ctx, {
        method,
        segments: (match[2] ?? '').split('/').filter(Boolean),
        query,
        body: parsed,
      });
    } catch (error) {
      if (error instanceof AnswerError) return error.answer;
      throw error;
    }
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
    const send = (status: number, value: unknown) => write(res, { status, body: value });
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/__sandbox/state') return send(200, state);
    if (method === 'GET' && path === '/__sandbox/requests') return send(200, requests);
    if (method === 'POST' && path === '/__sandbox/reset') {
      reset();
      return send(200, { ok: true });
    }
    if (method === 'POST' && path === '/__sandbox/faults') {
      let value: unknown;
      try {
        value = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        return send(400, { error: 'The faults body is not valid JSON.' });
      }
      const parsed = faultsSchema.safeParse(value);
      if (!parsed.success)
        return send(400, {
          error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        });
      setFaults(parsed.data);
      return send(200, { ok: true, faults: parsed.data });
    }
    if (method === 'POST' && path === '/__sandbox/permissions') {
      const answer = changePermission(state, body, now());
      return send(answer.status, answer.body);
    }
    return send(404, { error: `No control endpoint ${method} ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const body = await readBody(req);
    if (path.startsWith('/__sandbox/')) return handleControl(req, res, path, body);

    const method = req.method ?? 'GET';
    const entry: SandboxRequest = { method, path, query, status: 0, at: now().getTime() };
    requests.push(entry);
    const apiPath = API_PREFIX.exec(path);
    const requestClass: RequestClass = apiPath
      ? classify(method, (apiPath[2] ?? '').split('/').filter(Boolean))
      : 'other';
    const faults = plan.evaluate(method, path, requestClass);
    if (plan.faults.latencyMs) await delay(plan.faults.latencyMs);
    const transport = faults.transport;
    if (transport?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (transport?.kind === 'slow') await delay(transport.delayMs ?? 60_000);
    if (closed) return;
    const answer = (transport && injectedAnswer(transport)) ?? route(req, path, query, body, faults);
    entry.status = answer.status;
    if (transport?.kind === 'reset-after-write') {
      // the request was carried out; its answer is lost on the way back
      req.socket.destroy();
      return;
    }
    const mangle =
      transport?.kind === 'truncated-json' || transport?.kind === 'invalid-json' ? transport.kind : undefined;
    write(res, answer, mangle);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) write(res, problem(500, `Sandbox failure: ${(error as Error).message}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    authUrl: `${url}/connect/token`,
    tenant: String(initial.tenant),
    credentials,
    identity: sandboxIdentity(url, initial),
    get state() {
      return state;
    },
    requests,
    get tokensIssued() {
      return auth.issued;
    },
    setFaults,
    reset,
    close: async () => {
      closed = true;
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
    },
  };
}

function sandboxIdentity(url: string, data: TenantData): SandboxIdentity {
  const admin = data.directory?.google.users.find((u) => u.isAdmin && !u.suspended && !u.archived);
  const secrets = SANDBOX_DIRECTORY_CREDENTIALS;
  return {
    credentials: {
      entraClientId: secrets.entraClientId,
      entraClientSecret: secrets.entraClientSecret,
      // the key is made on first use: a run without a Google source never pays for it
      get googleCredentials() {
        return secrets.googleCredentials;
      },
      googleSubject: admin?.primaryEmail ?? null,
      entraAuthorityUrl: `${url}/entra/login`,
      graphUrl: `${url}/entra/graph`,
      googleTokenUrl: `${url}/google/token`,
      googleApiUrl: `${url}/google`,
    },
    entraTenantId: data.directory?.entra.tenantId ?? null,
    googleCustomer: data.directory?.google.customerId ?? null,
  };
}
