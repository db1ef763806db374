/**
 * One API request to ServiceTitan: auth headers, the shared rate limiter, the concurrency gate,
 * a timeout per attempt, retries (reads: 429, 5xx, connection errors, unreadable bodies; writes:
 * only 429 and 503, which mean the write was not applied), and one error type for the rest.
 */
import { request, type Dispatcher } from 'undici';
import type { Logger } from '../logger.js';
import { AccessTokens, connectionCause } from './auth.js';
import {
  connectionSecrets,
  errorForStatus,
  invalidResponseError,
  parseProblem,
  unavailableError,
  type ServiceTitanErrorDetails,
} from './errors.js';
import type { ConcurrencyGate, RequestRateLimiter } from './limiter.js';
import { gatewayWaitMs, retryAfterMs, withRetries, type AttemptOutcome, type RetryBudget } from './retry.js';
import { apiRoot, tenantPath, type ClientTuning, type ServiceTitanConnection } from './settings.js';

export interface ClientStats {
  requests: number;
  tokenRequests: number;
  retries: number;
  pages: number;
}

export interface ServiceTitanHttpOptions {
  connection: ServiceTitanConnection;
  tuning: ClientTuning;
  dispatcher: Dispatcher;
  logger: Logger;
  tokens: AccessTokens;
  limiter: RequestRateLimiter;
  gate: ConcurrencyGate;
  stats: ClientStats;
  sleep: (ms: number) => Promise<void>;
}

export type Query = Record<string, string | number | boolean | undefined>;

export class ServiceTitanHttp {
  constructor(private readonly options: ServiceTitanHttpOptions) {}

  /** GET a tenant resource (`/employees`) and return its parsed JSON body. */
  get(resource: string, query: Query, budget: RetryBudget): Promise<unknown> {
    return this.send('GET', resource, query, undefined, budget);
  }

  /** PATCH or POST a JSON body; the parsed answer, or null when it has none. */
  write(method: 'PATCH' | 'POST', resource: string, body: unknown, budget: RetryBudget): Promise<unknown> {
    return this.send(method, resource, {}, body, budget);
  }

  private async send(
    method: 'GET' | 'PATCH' | 'POST',
    resource: string,
    query: Query,
    body: unknown,
    budget: RetryBudget,
  ): Promise<unknown> {
    const { connection, tuning, logger, tokens, stats } = this.options;
    const path = tenantPath(connection, resource);
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const url = `${apiRoot(connection)}${path}${search.size ? `?${search}` : ''}`;
    const isWrite = method !== 'GET';
    const details: ServiceTitanErrorDetails = { method, path };
    const label = `${method} ${path}`;
    let refreshedAfter401 = false;

    const attempt = async (timeoutMs: number): Promise<AttemptOutcome<unknown>> => {
      const token = await tokens.get(budget);
      return this.options.gate.run(async () => {
        const release = await this.options.limiter.acquire();
        stats.requests++;
        let status: number;
        let headers: Record<string, string | string[] | undefined>;
        let text: string;
        try {
          const res = await request(url, {
            method,
            dispatcher: this.options.dispatcher,
            headers: {
              authorization: `Bearer ${token}`,
              'st-app-key': connection.appKey,
              accept: 'application/json',
              ...(isWrite ? { 'content-type': 'application/json' } : {}),
            },
            body: isWrite ? JSON.stringify(body) : undefined,
            signal: AbortSignal.timeout(timeoutMs),
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          });
          status = res.statusCode;
          headers = res.headers;
          text = await res.body.text();
        } catch (error) {
          release();
          const cause = connectionCause(error, timeoutMs);
          // a write that may have reached ServiceTitan is not repeated; apply reads the user back instead
          return {
            ok: false,
            retry: !isWrite,
            reason: cause,
            error: (n) => unavailableError(details, cause, n),
          };
        }
        release();
        if (status >= 200 && status < 300) return this.parseSuccess(text, isWrite, details);

        const problem = parseProblem(text, connectionSecrets(connection, tokens.issued));
        const failed = { ...details, status, serviceTitanMessage: problem.message, traceId: problem.traceId };
        const error = (n: number) =>
          errorForStatus({ details: failed, tenant: connection.tenant, write: isWrite, body }, n);
        if (status === 401 && !refreshedAfter401) {
          // the token may have expired early or been revoked: one fresh token, then give up
          refreshedAfter401 = true;
          tokens.invalidate(token);
          return { ok: false, retry: true, free: true, reason: '401, fetching a new access token', error };
        }
        if (status === 429) {
          const waitMs = retryAfterMs(headers['retry-after']) ?? gatewayWaitMs(problem.message) ?? undefined;
          return { ok: false, retry: true, waitMs, status, reason: '429 (rate limited)', error };
        }
        const retry = isWrite ? status === 503 : status >= 500;
        const waitMs = retry ? (retryAfterMs(headers['retry-after']) ?? undefined) : undefined;
        return { ok: false, retry, waitMs, status, reason: `${status}`, error };
      });
    };

    return withRetries(attempt, {
      budget,
      maxRetries: tuning.maxRetries,
      timeoutMs: tuning.timeoutMs,
      label,
      logger,
      sleep: this.options.sleep,
      onRetry: () => stats.retries++,
    });
  }

  private parseSuccess(
    text: string,
    isWrite: boolean,
    details: ServiceTitanErrorDetails,
  ): AttemptOutcome<unknown> {
    if (isWrite && !text.trim()) return { ok: true, value: null };
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      // the write was applied; its answer only echoes an id, and the writer reads the user back
      if (isWrite) return { ok: true, value: null };
      return {
        ok: false,
        retry: true,
        reason: 'the answer is not valid JSON (truncated?)',
        error: () => invalidResponseError(details, 'the answer is not valid JSON'),
      };
    }
  }
}
