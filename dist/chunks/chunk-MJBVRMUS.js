import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/servicetitan/settings.ts
var DEFAULT_TUNING = {
  timeoutMs: 3e4,
  // A ServiceTitan that keeps failing is given up on within 2 minutes: the budget plus the
  // attempt in flight when it runs out stays under that.
  retryBudgetMs: 11e4,
  maxRetries: 6,
  // ServiceTitan's documented maximum; the server may still grant fewer (see paging.ts).
  pageSize: 5e3,
  // ServiceTitan allows 60 requests per second per app and tenant; keep a margin.
  requestsPerSecond: 55,
  concurrency: 8,
  // A 20,000-user tenant is 4 pages of 5,000 (or 40 of the 500 some servers grant), and about
  // 50 MB of records; these are far beyond any real tenant, and still end a server that pages
  // without end within 2 minutes (1,000 pages at 55 a second) and within ~300 MB of records.
  maxPages: 1e3,
  maxRecords: 25e4,
  // A list without a total is read one page at a time, so its page count says nothing about the
  // time it takes: a slow server that never stops paging is given up on like a failing one, with
  // the page in flight still inside 2 minutes.
  openPagingMs: 9e4
};
var API_HOSTS = {
  production: "https://api.servicetitan.io",
  integration: "https://api-integration.servicetitan.io"
};
var TOKEN_URLS = {
  production: "https://auth.servicetitan.io/connect/token",
  integration: "https://auth-integration.servicetitan.io/connect/token"
};
function apiRoot(connection) {
  return (connection.apiUrl || API_HOSTS[connection.environment]).replace(/\/+$/, "");
}
function tokenUrl(connection) {
  return connection.authUrl || TOKEN_URLS[connection.environment];
}
function isLoopbackHost(hostname) {
  const host = hostname.toLowerCase();
  if (host === "localhost") return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  return host === "[::1]" || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}
function tenantPath(connection, resource) {
  return `/settings/v2/tenant/${connection.tenant}${resource}`;
}
function resolveTuning(tuning) {
  const merged = { ...DEFAULT_TUNING };
  for (const [key, value] of Object.entries(tuning ?? {})) {
    if (value !== void 0) merged[key] = value;
  }
  return merged;
}

export {
  DEFAULT_TUNING,
  apiRoot,
  tokenUrl,
  isLoopbackHost,
  tenantPath,
  resolveTuning
};
