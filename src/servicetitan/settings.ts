/**
 * Where the client connects and how hard it pushes. The connection comes from the action inputs
 * or the CLI environment; the tuning has defaults chosen for ServiceTitan's documented limits and
 * is overridden by tests (short budgets) and the benchmark (naive baseline).
 */
import type { Environment } from '../domain/tenant.js';

export interface ServiceTitanConnection {
  /** digits only (validated by the caller) */
  tenant: string;
  clientId: string;
  clientSecret: string;
  appKey: string;
  environment: Environment;
  /** host root override; the client appends /settings/v2/tenant/{tenant}/... */
  apiUrl?: string;
  /** full token URL override */
  authUrl?: string;
}

export interface ClientTuning {
  /** per request attempt */
  timeoutMs: number;
  /** total time spent retrying before giving up */
  retryBudgetMs: number;
  /** retries per request */
  maxRetries: number;
  /** list page size asked for */
  pageSize: number;
  /** client-side limiter, shared per tenant */
  requestsPerSecond: number;
  /** requests in flight at once (parallel page fetches) */
  concurrency: number;
  /** pages one operation (a whole snapshot) may read, every list and second pass together */
  maxPages: number;
  /** records one operation may read: what bounds memory, whatever a server claims or sends */
  maxRecords: number;
  /** time allowed for following `hasMore` page by page with no total to go by (and export feeds) */
  openPagingMs: number;
}

export const DEFAULT_TUNING: ClientTuning = {
  timeoutMs: 30_000,
  // A ServiceTitan that keeps failing is given up on within 2 minutes: the budget plus the
  // attempt in flight when it runs out stays under that.
  retryBudgetMs: 110_000,
  maxRetries: 6,
  // ServiceTitan's documented maximum; the server may still grant fewer (see paging.ts).
  pageSize: 5000,
  // ServiceTitan allows 60 requests per second per app and tenant; keep a margin.
  requestsPerSecond: 55,
  concurrency: 8,
  // A 20,000-user tenant is 4 pages of 5,000 (or 40 of the 500 some servers grant), and about
  // 50 MB of records; these are far beyond any real tenant, and still end a server that pages
  // without end within 2 minutes (1,000 pages at 55 a second) and within ~300 MB of records.
  maxPages: 1000,
  maxRecords: 250_000,
  // A list without a total is read one page at a time, so its page count says nothing about the
  // time it takes: a slow server that never stops paging is given up on like a failing one, with
  // the page in flight still inside 2 minutes.
  openPagingMs: 90_000,
};

const API_HOSTS = {
  production: 'https://api.servicetitan.io',
  integration: 'https://api-integration.servicetitan.io',
} as const;

const TOKEN_URLS = {
  production: 'https://auth.servicetitan.io/connect/token',
  integration: 'https://auth-integration.servicetitan.io/connect/token',
} as const;

/** The API host root, without a trailing slash. */
export function apiRoot(connection: ServiceTitanConnection): string {
  return (connection.apiUrl || API_HOSTS[connection.environment]).replace(/\/+$/, '');
}

export function tokenUrl(connection: ServiceTitanConnection): string {
  return connection.authUrl || TOKEN_URLS[connection.environment];
}

/**
 * Whether a URL's host is this machine (`localhost`, 127.0.0.0/8, ::1): the only hosts plain
 * http may be used for, since the token request carries the client secret and every API request
 * an access token and the app key. `hostname` as WHATWG URL gives it (IPv4 normalized, IPv6 in
 * brackets), so `127.1` or `0x7f.0.0.1` arrive as `127.0.0.1`.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  // ::1, and 127.x.y.z mapped into IPv6 (which URL writes as ::ffff:7fxx:yyzz)
  return host === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

/** `/settings/v2/tenant/{tenant}` + the resource path, e.g. `/employees/12`. */
export function tenantPath(connection: ServiceTitanConnection, resource: string): string {
  return `/settings/v2/tenant/${connection.tenant}${resource}`;
}

export function resolveTuning(tuning: Partial<ClientTuning> | undefined): ClientTuning {
  const merged = { ...DEFAULT_TUNING };
  for (const [key, value] of Object.entries(tuning ?? {}) as [keyof ClientTuning, number | undefined][]) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}
