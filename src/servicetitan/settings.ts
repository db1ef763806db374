/**
 * Where the client connects and how hard it pushes. The connection comes from the action inputs
 * or the CLI environment; the tuning has defaults chosen for ServiceTitan's documented limits and
 * is overridden by tests (short budgets) and the benchmark (naive baseline).
 */
export interface ServiceTitanConnection {
  /** digits only (validated by the caller) */
  tenant: string;
  clientId: string;
  clientSecret: string;
  appKey: string;
  environment: 'production' | 'integration';
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
