/**
 * OAuth2 client credentials. ServiceTitan throttles token requests, so one token serves the whole
 * run: it is cached until shortly before `expires_in`, and concurrent callers share one request.
 */
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import {
  connectionSecrets,
  invalidResponseError,
  parseProblem,
  ServiceTitanConfigurationError,
  errorForStatus,
  unavailableError,
  type ServiceTitanErrorDetails,
} from './errors.js';
import { withRetries, retryAfterMs, gatewayWaitMs, type AttemptOutcome, type RetryBudget } from './retry.js';
import { tokenUrl, type ClientTuning, type ServiceTitanConnection } from './settings.js';

const TokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
});

/** ServiceTitan documents 900 s; used when the answer has no `expires_in`. */
const DEFAULT_LIFETIME_S = 900;

/** Renew 60 s before expiry, or at 90% of a short lifetime. */
export function safetyMarginSeconds(lifetimeSeconds: number): number {
  return lifetimeSeconds >= 600 ? 60 : lifetimeSeconds * 0.1;
}

export interface AccessTokensOptions {
  connection: ServiceTitanConnection;
  tuning: ClientTuning;
  dispatcher: Dispatcher;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  onToken?: (token: string) => void;
  onRequest: () => void;
  onRetry: () => void;
  now?: () => number;
}

export class AccessTokens {
  private cached: { token: string; renewAt: number } | null = null;
  private inFlight: Promise<string> | null = null;
  /** every token issued in this run, so error text can be scrubbed of them */
  readonly issued: string[] = [];
  private readonly now: () => number;

  constructor(private readonly options: AccessTokensOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** A valid token: the cached one, or a fresh one shared by every concurrent caller. */
  get(budget: RetryBudget): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return Promise.resolve(this.cached.token);
    if (!this.inFlight) {
      this.inFlight = this.fetchToken(budget).finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  /** Forgets `token` after the API refused it (a newer one may already be cached). */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }

  private async fetchToken(budget: RetryBudget): Promise<string> {
    const { connection, tuning, logger } = this.options;
    const url = tokenUrl(connection);
    const details: ServiceTitanErrorDetails = { method: 'POST', path: url.split('?')[0]! };
    const label = `POST ${details.path}`;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: connection.clientId,
      client_secret: connection.clientSecret,
    }).toString();

    const attempt = async (timeoutMs: number): Promise<AttemptOutcome<string>> => {
      this.options.onRequest();
      let status: number;
      let headers: Record<string, string | string[] | undefined>;
      let text: string;
      const startedAt = this.now();
      try {
        const res = await request(url, {
          method: 'POST',
          dispatcher: this.options.dispatcher,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form,
          signal: AbortSignal.timeout(timeoutMs),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        status = res.statusCode;
        headers = res.headers;
        text = await res.body.text();
      } catch (error) {
        const cause = connectionCause(error, timeoutMs);
        return { ok: false, retry: true, reason: cause, error: (n) => unavailableError(details, cause, n) };
      }
      const problem = parseProblem(text, connectionSecrets(connection, this.issued));
      const failed = { ...details, status, serviceTitanMessage: problem.message, traceId: problem.traceId };
      if (status === 400 || status === 401) {
        return {
          ok: false,
          retry: false,
          reason: `${status}`,
          error: () =>
            new ServiceTitanConfigurationError(
              'auth.invalid-client',
              `${label} failed with ${status}${problem.message ? `: ${problem.message}` : ''}. ServiceTitan did not accept the client credentials.`,
              `Check \`client-id\` and \`client-secret\` (ST_CLIENT_ID / ST_CLIENT_SECRET), and that \`environment\` is the one they were issued for (${connection.environment} now; production and integration credentials are separate).`,
              failed,
            ),
        };
      }
      if (status === 429 || status >= 500) {
        const waitMs =
          status === 429 ? (retryAfterMs(headers['retry-after']) ?? gatewayWaitMs(problem.message)) : null;
        return {
          ok: false,
          retry: true,
          reason: `${status}`,
          status,
          waitMs: waitMs ?? undefined,
          error: (n) => errorForStatus({ details: failed, tenant: connection.tenant, write: false }, n),
        };
      }
      if (status < 200 || status >= 300) {
        return {
          ok: false,
          retry: false,
          reason: `${status}`,
          error: () =>
            new ServiceTitanConfigurationError(
              'auth.token-request-failed',
              `${label} failed with ${status}${problem.message ? `: ${problem.message}` : ''}.`,
              connection.authUrl
                ? 'Check `auth-url` (ST_AUTH_URL): it must be the full URL of the token endpoint, e.g. https://auth.servicetitan.io/connect/token.'
                : 'The ServiceTitan token endpoint refused the request; check proxy settings (HTTPS_PROXY / NO_PROXY).',
              failed,
            ),
        };
      }
      let answer: z.infer<typeof TokenAnswer>;
      try {
        answer = TokenAnswer.parse(JSON.parse(text));
      } catch {
        return {
          ok: false,
          retry: true,
          reason: 'the token answer is not JSON with an access_token',
          error: () => invalidResponseError(details, 'the token answer has no access_token'),
        };
      }
      const lifetime = answer.expires_in ?? DEFAULT_LIFETIME_S;
      this.cached = {
        token: answer.access_token,
        renewAt: startedAt + (lifetime - safetyMarginSeconds(lifetime)) * 1000,
      };
      this.issued.push(answer.access_token);
      this.options.onToken?.(answer.access_token);
      logger.debug(`Fetched an access token valid for ${lifetime} s`);
      return { ok: true, value: answer.access_token };
    };

    return withRetries(attempt, {
      budget,
      maxRetries: tuning.maxRetries,
      timeoutMs: tuning.timeoutMs,
      label,
      logger,
      sleep: this.options.sleep,
      onRetry: this.options.onRetry,
    });
  }
}

/** A short, secret-free description of a failed connection or timeout. */
export function connectionCause(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError' || /timeout/i.test(error.name)) {
      return `no answer within ${timeoutMs} ms`;
    }
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${error.message})` : error.message;
  }
  return String(error);
}
