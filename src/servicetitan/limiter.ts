/**
 * Client-side rate limiting: ServiceTitan allows 60 requests per second per app and tenant, and
 * answers 429 beyond. A sliding one-second window (rather than a token bucket, whose burst
 * capacity adds to its rate within one second) lets a burst of `perSecond` requests go at once.
 * A request holds its place in the window until its answer is in, and the second is counted
 * from then: the server saw it arrive before that, so however long the request took on the
 * wire, no rolling second at the server ever holds more than `perSecond` of them.
 */
export class RequestRateLimiter {
  /** when the most recent finished requests finished, oldest first */
  private readonly finished: number[] = [];
  private inFlight = 0;
  private queue: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;

  constructor(
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(perSecond > 0)) throw new RangeError('requestsPerSecond must be positive');
  }

  /**
   * Resolves when one more request may start, with the function to call once its answer is in.
   * Callers are served in order.
   */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.finished.push(this.now());
        this.wake?.();
      };
    });
  }

  private async waitForSlot(): Promise<void> {
    const limit = Math.max(1, Math.floor(this.perSecond));
    for (;;) {
      const now = this.now();
      while (this.finished.length && this.finished[0]! <= now - 1000) this.finished.shift();
      if (this.inFlight + this.finished.length < limit) {
        this.inFlight++;
        return;
      }
      // wait for the oldest finished request to leave the window, or for one in flight to finish
      const woken = new Promise<void>((resolve) => (this.wake = resolve));
      const oldest = this.finished[0];
      await (oldest === undefined ? woken : Promise.race([woken, sleep(oldest + 1000 - now + 1)]));
      this.wake = null;
    }
  }
}

const sharedLimiters = new Map<string, RequestRateLimiter>();

/**
 * One limiter per API host, tenant and rate, shared by every client in the process: the limit
 * is ServiceTitan's per tenant, not per client object.
 */
export function sharedLimiter(apiRoot: string, tenant: string, perSecond: number): RequestRateLimiter {
  const key = `${apiRoot}|${tenant}|${perSecond}`;
  let limiter = sharedLimiters.get(key);
  if (!limiter) {
    limiter = new RequestRateLimiter(perSecond);
    sharedLimiters.set(key, limiter);
  }
  return limiter;
}

/** Bounds how many requests are in flight at once. */
export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= Math.max(1, this.limit)) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
