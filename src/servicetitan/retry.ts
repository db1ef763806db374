/**
 * The retry loop shared by API and token requests. undici's RetryHandler is not used because the
 * decision needs what it cannot see: the gateway's "Try again in N seconds" body, a truncated or
 * invalid JSON body on a 200, one token refresh on a 401, and a time budget shared by every
 * request of one operation.
 */
import type { Logger } from '../logger.js';

/** Exponential backoff base and cap; the wait is drawn uniformly below it ("full jitter"). */
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 10_000;

export type AttemptOutcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** why this attempt failed, for the log */
      reason: string;
      /** whether trying again may help */
      retry: boolean;
      /** the wait ServiceTitan asked for, in ms; else backoff */
      waitMs?: number;
      /** the HTTP status, when ServiceTitan answered (for the retry's log line) */
      status?: number;
      /** a retry that does not count against maxRetries (the one token refresh after a 401) */
      free?: boolean;
      /** the error to throw when this is the last attempt */
      error: (attempts: number) => Error;
    };

/**
 * Time allowed for retrying, shared by the requests of one operation (a whole snapshot fetch,
 * one write). The clock starts at the start of the first failed attempt and stops when any
 * request succeeds, so a ServiceTitan that keeps failing is given up on within the budget.
 */
export class RetryBudget {
  private failingSince: number | null = null;
  /** set when the operation failed anyway: its other requests stop instead of retrying */
  cancelled = false;

  constructor(
    readonly totalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  failed(attemptStartedAt: number): void {
    this.failingSince ??= attemptStartedAt;
  }

  cancel(): void {
    this.cancelled = true;
  }

  succeeded(): void {
    this.failingSince = null;
  }

  remainingMs(): number {
    return this.failingSince === null ? this.totalMs : this.totalMs - (this.now() - this.failingSince);
  }

  clock(): number {
    return this.now();
  }
}

export interface RetryOptions {
  budget: RetryBudget;
  maxRetries: number;
  timeoutMs: number;
  /** `GET /settings/v2/tenant/1/employees`, for log lines */
  label: string;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: () => void;
  /**
   * What answered, when it is not ServiceTitan (a webhook): the retry line then names it alone,
   * `Slack webhook 1 of 2 answered 429 (rate limited): retrying in 5 s (attempt 2 of 4)`.
   */
  subject?: string;
}

export function backoffMs(retry: number, random: () => number = Math.random): number {
  return random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
}

/** Runs `attempt` until it succeeds, fails for good, or the retry count or budget runs out. */
export async function withRetries<T>(
  attempt: (timeoutMs: number) => Promise<AttemptOutcome<T>>,
  options: RetryOptions,
): Promise<T> {
  const { budget, logger, label } = options;
  let retries = 0;
  let attempts = 0;
  for (;;) {
    if (budget.cancelled) throw new Error(`${label}: not sent, the operation already failed`);
    const startedAt = budget.clock();
    // after a failure, no attempt may outlast the budget by more than a moment
    const timeoutMs =
      attempts === 0
        ? options.timeoutMs
        : // whole milliseconds: AbortSignal.timeout() throws ERR_OUT_OF_RANGE on a fraction
          Math.round(Math.min(options.timeoutMs, Math.max(250, budget.remainingMs())));
    attempts++;
    const outcome = await attempt(timeoutMs);
    if (outcome.ok) {
      budget.succeeded();
      return outcome.value;
    }
    if (!outcome.retry) throw outcome.error(attempts);
    if (outcome.free) {
      logger.debug(`${label}: ${outcome.reason}; trying again`);
      continue;
    }
    budget.failed(startedAt);
    const remaining = budget.remainingMs();
    // a random backoff is cut to the budget; a wait ServiceTitan asked for is not
    const waitMs = outcome.waitMs ?? Math.min(backoffMs(retries, options.random), Math.max(0, remaining));
    if (retries >= options.maxRetries) {
      logger.debug(`${label}: ${outcome.reason}; no retries left`);
      throw outcome.error(attempts);
    }
    if (remaining <= 0 || waitMs > remaining) {
      logger.debug(
        `${label}: ${outcome.reason}; waiting ${formatSeconds(waitMs)} would exceed the retry budget (${formatSeconds(Math.max(0, remaining))} left)`,
      );
      throw outcome.error(attempts);
    }
    retries++;
    options.onRetry?.();
    // Visible in the log and on the console, without --debug: a run that slows down says why.
    logger.info(retryLine(label, outcome, waitMs, retries, options.maxRetries, options.subject), {
      prominent: true,
    });
    await options.sleep(waitMs);
  }
}

/** `Retry-After` as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(
  header: string | string[] | undefined,
  nowMs: number = Date.now(),
): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** The gateway's 429 body says `Rate limit is exceeded. Try again in N seconds.` */
export function gatewayWaitMs(message: string | undefined): number | null {
  const match = message?.match(/try again in (\d+(?:\.\d+)?) seconds?/i);
  return match ? Number(match[1]) * 1000 : null;
}

/**
 * `ServiceTitan answered 429 (rate limited) to GET /settings/v2/tenant/1/employees: retrying in
 * 5 s (attempt 2 of 6)`. The label and reason hold no secret: a method, a path, a status or a
 * connection error's code.
 */
function retryLine(
  label: string,
  outcome: { reason: string; status?: number },
  waitMs: number,
  retries: number,
  maxRetries: number,
  subject?: string,
): string {
  const status = `${outcome.status}${outcome.status === 429 ? ' (rate limited)' : ''}`;
  const what =
    outcome.status === undefined
      ? subject
        ? `${subject} failed: ${outcome.reason};`
        : `ServiceTitan request ${label} failed: ${outcome.reason};`
      : subject
        ? `${subject} answered ${status}:`
        : `ServiceTitan answered ${status} to ${label}:`;
  return `${what} retrying in ${readableSeconds(waitMs)} (attempt ${retries + 1} of ${maxRetries + 1})`;
}

/** 5 s, 1.3 s, 0.37 s, 12 s */
function readableSeconds(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 ? Math.round(s) : Number(s.toFixed(s < 1 ? 2 : 1))} s`;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;
}
