import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/servicetitan/retry.ts
var BACKOFF_BASE_MS = 250;
var BACKOFF_CAP_MS = 1e4;
var RetryBudget = class {
  constructor(totalMs, now = () => performance.now()) {
    this.totalMs = totalMs;
    this.now = now;
  }
  totalMs;
  now;
  failingSince = null;
  /** set when the operation failed anyway: its other requests stop instead of retrying */
  cancelled = false;
  failed(attemptStartedAt) {
    this.failingSince ??= attemptStartedAt;
  }
  cancel() {
    this.cancelled = true;
  }
  succeeded() {
    this.failingSince = null;
  }
  remainingMs() {
    return this.failingSince === null ? this.totalMs : this.totalMs - (this.now() - this.failingSince);
  }
  clock() {
    return this.now();
  }
};
function backoffMs(retry, random = Math.random) {
  return random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
}
async function withRetries(attempt, options) {
  const { budget, logger, label } = options;
  let retries = 0;
  let attempts = 0;
  for (; ; ) {
    if (budget.cancelled) throw new Error(`${label}: not sent, the operation already failed`);
    const startedAt = budget.clock();
    const timeoutMs = attempts === 0 ? options.timeoutMs : (
      // whole milliseconds: AbortSignal.timeout() throws ERR_OUT_OF_RANGE on a fraction
      Math.round(Math.min(options.timeoutMs, Math.max(250, budget.remainingMs())))
    );
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
    const waitMs = outcome.waitMs ?? Math.min(backoffMs(retries, options.random), Math.max(0, remaining));
    if (retries >= options.maxRetries) {
      logger.debug(`${label}: ${outcome.reason}; no retries left`);
      throw outcome.error(attempts);
    }
    if (remaining <= 0 || waitMs > remaining) {
      logger.debug(
        `${label}: ${outcome.reason}; waiting ${formatSeconds(waitMs)} would exceed the retry budget (${formatSeconds(Math.max(0, remaining))} left)`
      );
      throw outcome.error(attempts);
    }
    retries++;
    options.onRetry?.();
    logger.info(retryLine(label, outcome, waitMs, retries, options.maxRetries, options.subject), {
      prominent: true
    });
    await options.sleep(waitMs);
  }
}
function retryAfterMs(header, nowMs = Date.now()) {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1e3;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
function gatewayWaitMs(message) {
  const match = message?.match(/try again in (\d+(?:\.\d+)?) seconds?/i);
  return match ? Number(match[1]) * 1e3 : null;
}
function retryLine(label, outcome, waitMs, retries, maxRetries, subject) {
  const status = `${outcome.status}${outcome.status === 429 ? " (rate limited)" : ""}`;
  const what = outcome.status === void 0 ? subject ? `${subject} failed: ${outcome.reason};` : `ServiceTitan request ${label} failed: ${outcome.reason};` : subject ? `${subject} answered ${status}:` : `ServiceTitan answered ${status} to ${label}:`;
  return `${what} retrying in ${readableSeconds(waitMs)} (attempt ${retries + 1} of ${maxRetries + 1})`;
}
function readableSeconds(ms) {
  const s = ms / 1e3;
  return `${s >= 10 ? Math.round(s) : Number(s.toFixed(s < 1 ? 2 : 1))} s`;
}
function formatSeconds(ms) {
  return `${(ms / 1e3).toFixed(ms < 1e4 ? 2 : 0)} s`;
}

export {
  RetryBudget,
  backoffMs,
  withRetries,
  retryAfterMs,
  gatewayWaitMs
};
