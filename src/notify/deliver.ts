/**
 * Posting a message to each webhook: through undici with the same proxy and CA settings as every
 * other request (EnvHttpProxyAgent reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY; Node adds
 * NODE_EXTRA_CA_CERTS to the trusted CAs), a timeout per attempt, and the shared retry loop
 * (429 and 5xx, honouring `Retry-After`, within a bounded budget). A webhook that still fails is a
 * warning naming it by kind and position: an alert is a side channel and never changes the audit.
 * No URL, and no text a receiver answered (which could echo it), is ever printed.
 */
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import type { Logger } from '../logger.js';
import { RetryBudget, retryAfterMs, withRetries, type AttemptOutcome } from '../servicetitan/retry.js';
import { TOOL_VERSION } from '../version.js';
import { webhookLabel, type Webhook } from './targets.js';

export interface DeliveryOptions {
  /** default: one EnvHttpProxyAgent for the batch, closed after it */
  dispatcher?: Dispatcher;
  /** per attempt; default 10 s */
  timeoutMs?: number;
  /** time spent retrying one webhook before giving up; default 30 s */
  retryBudgetMs?: number;
  /** default 3 */
  maxRetries?: number;
  /** how retries wait (the default sleeps) */
  sleep?: (ms: number) => Promise<void>;
}

export const DELIVERY_DEFAULTS = { timeoutMs: 10_000, retryBudgetMs: 30_000, maxRetries: 3 } as const;

export interface Delivery {
  webhook: Webhook;
  ok: boolean;
  /** why it was not delivered, naming no URL */
  problem?: string;
}

class DeliveryFailure extends Error {}

/** What failed, by status or connection error code only. */
function connectionProblem(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError' || /timeout/i.test(error.name)) {
      return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
    }
    const code = (error as { code?: unknown }).code;
    // the error's message may quote the URL: only its code is printed
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return `could not connect (${code})`;
  }
  return 'could not connect';
}

/** Slack answers a refusal with a short code (`no_service`, `invalid_payload`): safe to show. */
function refusalDetail(webhook: Webhook, text: string): string {
  const code = text.trim();
  return webhook.kind === 'slack' && /^[a-z_]{2,40}$/.test(code) ? `: ${code}` : '';
}

function statusHint(status: number): string {
  if (status === 404 || status === 410) {
    return ' The webhook no longer exists: create a new one and update the `notify` secret.';
  }
  if (status === 401 || status === 403) {
    return ' The webhook refused the message: check that it is still enabled and may post.';
  }
  if (status === 400 || status === 413 || status === 422) return ' The receiver refused the message.';
  return '';
}

async function post(
  webhook: Webhook,
  body: string,
  dispatcher: Dispatcher,
  logger: Logger,
  options: DeliveryOptions,
): Promise<void> {
  const label = webhookLabel(webhook);
  const attempt = async (timeoutMs: number): Promise<AttemptOutcome<void>> => {
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await request(webhook.url, {
        method: 'POST',
        dispatcher,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': `servicetitan-access-guard/${TOOL_VERSION}`,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (error) {
      const reason = connectionProblem(error, timeoutMs);
      // a request undici refuses to send (an argument it rejects) fails the same way every time
      const retry = (error as { code?: unknown }).code !== 'UND_ERR_INVALID_ARG';
      return { ok: false, retry, reason, error: (n) => new DeliveryFailure(`${reason}${tries(n)}`) };
    }
    if (status >= 200 && status < 300) return { ok: true, value: undefined };
    const reason = `HTTP ${status}${refusalDetail(webhook, text)}`;
    const error = (n: number) => new DeliveryFailure(`${reason}${tries(n)}.${statusHint(status)}`);
    if (status === 429 || status >= 500) {
      const waitMs = retryAfterMs(headers['retry-after']) ?? undefined;
      return { ok: false, retry: true, waitMs, status, reason, error };
    }
    return { ok: false, retry: false, status, reason, error };
  };
  await withRetries(attempt, {
    budget: new RetryBudget(options.retryBudgetMs ?? DELIVERY_DEFAULTS.retryBudgetMs),
    maxRetries: options.maxRetries ?? DELIVERY_DEFAULTS.maxRetries,
    timeoutMs: options.timeoutMs ?? DELIVERY_DEFAULTS.timeoutMs,
    label,
    subject: label,
    logger,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  });
}

function tries(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : '';
}

/** Posts each webhook its message, all at once; never throws. */
export async function deliverAll(
  messages: readonly { webhook: Webhook; payload: unknown }[],
  logger: Logger,
  options: DeliveryOptions = {},
): Promise<Delivery[]> {
  if (messages.length === 0) return [];
  const dispatcher = options.dispatcher ?? new EnvHttpProxyAgent();
  try {
    return await Promise.all(
      messages.map(async ({ webhook, payload }): Promise<Delivery> => {
        try {
          await post(webhook, JSON.stringify(payload), dispatcher, logger, options);
          return { webhook, ok: true };
        } catch (error) {
          // anything else is a bug; its message is not printed, since it could hold the URL
          const problem = error instanceof DeliveryFailure ? error.message : 'an unexpected error';
          return { webhook, ok: false, problem };
        }
      }),
    );
  } finally {
    if (!options.dispatcher) await dispatcher.close().catch(() => undefined);
  }
}
