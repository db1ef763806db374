import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/servicetitan/limiter.ts
var RequestRateLimiter = class {
  constructor(perSecond, now = () => performance.now()) {
    this.perSecond = perSecond;
    this.now = now;
    if (!(perSecond > 0)) throw new RangeError("requestsPerSecond must be positive");
  }
  perSecond;
  now;
  /** when the most recent finished requests finished, oldest first */
  finished = [];
  inFlight = 0;
  queue = Promise.resolve();
  wake = null;
  /**
   * Resolves when one more request may start, with the function to call once its answer is in.
   * Callers are served in order.
   */
  acquire() {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.then(
      () => void 0,
      () => void 0
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
  async waitForSlot() {
    const limit = Math.max(1, Math.floor(this.perSecond));
    for (; ; ) {
      const now = this.now();
      while (this.finished.length && this.finished[0] <= now - 1e3) this.finished.shift();
      if (this.inFlight + this.finished.length < limit) {
        this.inFlight++;
        return;
      }
      const woken = new Promise((resolve) => this.wake = resolve);
      const oldest = this.finished[0];
      await (oldest === void 0 ? woken : Promise.race([woken, sleep(oldest + 1e3 - now + 1)]));
      this.wake = null;
    }
  }
};
var sharedLimiters = /* @__PURE__ */ new Map();
function sharedLimiter(apiRoot, tenant, perSecond) {
  const key = `${apiRoot}|${tenant}|${perSecond}`;
  let limiter = sharedLimiters.get(key);
  if (!limiter) {
    limiter = new RequestRateLimiter(perSecond);
    sharedLimiters.set(key, limiter);
  }
  return limiter;
}
var ConcurrencyGate = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  active = 0;
  waiting = [];
  async run(fn) {
    if (this.active >= Math.max(1, this.limit)) {
      await new Promise((resolve) => this.waiting.push(resolve));
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
};
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

export {
  RequestRateLimiter,
  sharedLimiter,
  ConcurrencyGate,
  sleep
};
