/**
 * One JSON request to a service other than ServiceTitan (an identity provider's token endpoint or
 * directory API), under the same rules as ServiceTitan's: a timeout per attempt, retries on 429,
 * 5xx, connection errors and unreadable answers, `Retry-After` honoured, and a time budget shared
 * by every request of one operation. Anything else the service answers is handed back to the
 * caller, who knows what it means.
 */
import { request, type Dispatcher } from 'undici';
import type { Logger } from '../logger.js';
import { connectionCause } from '../servicetitan/auth.js';
import { retryAfterMs, withRetries, type AttemptOutcome, type RetryBudget } from '../servicetitan/retry.js';

export interface HttpSettings {
  /** undici's EnvHttpProxyAgent in a run (HTTPS_PROXY, NO_PROXY; NODE_EXTRA_CA_CERTS applies to it) */
  dispatcher: Dispatcher;
  logger: Logger;
  /** per attempt */
  timeoutMs: number;
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** a form-encoded body (token requests) */
  form?: string;
  /**
   * Who is asked, for log lines and errors: `Identity source \`entra\` (GET
   * graph.microsoft.com/v1.0/users)`. Never a query string, a header or a body.
   */
  subject: string;
}

/** The service's answer when it was neither a success nor worth trying again (a 4xx other than 429). */
export interface Refusal {
  ok: false;
  status: number;
  /** the body as sent; callers scrub secrets from it before showing any of it */
  text: string;
}

export type JsonAnswer = { ok: true; status: number; body: unknown } | Refusal;

/** The service could not be read within the retries and the budget. */
export class ServiceUnavailable extends Error {
  constructor(
    /** `503`, `no answer within 30000 ms`, `the answer is not valid JSON` */
    readonly reason: string,
    readonly attempts: number,
    /** the last status, when the service answered */
    readonly status?: number,
    /** the last answer's body, when there was one */
    readonly text?: string,
  ) {
    super(reason);
    this.name = 'ServiceUnavailable';
  }
}

/** Sends one request, retrying as the rules allow. Throws ServiceUnavailable when they run out. */
export async function requestJson(
  http: HttpSettings,
  req: JsonRequest,
  budget: RetryBudget,
): Promise<JsonAnswer> {
  const attempt = async (timeoutMs: number): Promise<AttemptOutcome<JsonAnswer>> => {
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await request(req.url, {
        method: req.method,
        dispatcher: http.dispatcher,
        headers: {
          accept: 'application/json',
          ...(req.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
          ...req.headers,
        },
        body: req.form,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (error) {
      const cause = connectionCause(error, timeoutMs);
      return { ok: false, retry: true, reason: cause, error: (n) => new ServiceUnavailable(cause, n) };
    }
    if (status >= 200 && status < 300) {
      try {
        return { ok: true, value: { ok: true, status, body: JSON.parse(text) as unknown } };
      } catch {
        const reason = 'the answer is not valid JSON (truncated?)';
        return {
          ok: false,
          retry: true,
          reason,
          error: (n) => new ServiceUnavailable(reason, n, status),
        };
      }
    }
    if (status === 429 || status >= 500) {
      return {
        ok: false,
        retry: true,
        status,
        reason: `${status}`,
        // Microsoft Graph sends Retry-After on 429 and 503; Google on some 429s
        waitMs: retryAfterMs(headers['retry-after']) ?? undefined,
        error: (n) => new ServiceUnavailable(`${status}`, n, status, text),
      };
    }
    // a refusal is the caller's to read: it says what the user must change
    return { ok: true, value: { ok: false, status, text } };
  };
  return withRetries(attempt, {
    budget,
    maxRetries: http.maxRetries,
    timeoutMs: http.timeoutMs,
    label: req.subject,
    subject: req.subject,
    logger: http.logger,
    sleep: http.sleep,
  });
}

/** `https://graph.microsoft.com/v1.0/users?$top=999` → `graph.microsoft.com/v1.0/users` */
export function endpointName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}
