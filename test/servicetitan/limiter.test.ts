import { describe, expect, it } from 'vitest';
import { ConcurrencyGate, RequestRateLimiter, sharedLimiter, sleep } from '../../src/servicetitan/limiter.js';

describe('the client-side rate limiter', () => {
  it('lets a burst of N go at once, then starts a request only a second after the answer N requests back', async () => {
    const limiter = new RequestRateLimiter(10);
    const starts: number[] = [];
    const ends: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        const release = await limiter.acquire();
        starts[i] = performance.now();
        await sleep(i % 3 === 0 ? 30 : 0);
        ends[i] = performance.now();
        release();
      }),
    );
    expect(starts[9]! - starts[0]!).toBeLessThan(200);
    const order = starts.map((s, i) => [s, ends[i]!] as const).sort((a, b) => a[0] - b[0]);
    const sortedEnds = order.map(([, e]) => e).sort((a, b) => a - b);
    for (let i = 10; i < order.length; i++) {
      // at most 10 requests in flight or answered within the second before each start
      expect(order[i]![0] - sortedEnds[i - 10]!).toBeGreaterThanOrEqual(999);
    }
  });

  it('waits for an answer when N requests are in flight', async () => {
    const limiter = new RequestRateLimiter(2);
    const first = await limiter.acquire();
    await limiter.acquire();
    let third = false;
    const pending = limiter.acquire().then(() => (third = true));
    await sleep(50);
    expect(third).toBe(false);
    first();
    await sleep(1200);
    expect(third).toBe(true);
    await pending;
  });

  it('is shared per API host and tenant', () => {
    expect(sharedLimiter('https://a', '1', 55)).toBe(sharedLimiter('https://a', '1', 55));
    expect(sharedLimiter('https://a', '1', 55)).not.toBe(sharedLimiter('https://a', '2', 55));
  });
});

describe('the concurrency gate', () => {
  it('keeps at most `limit` tasks running', async () => {
    const gate = new ConcurrencyGate(3);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        gate.run(async () => {
          most = Math.max(most, ++running);
          await sleep(5);
          running--;
        }),
      ),
    );
    expect(most).toBe(3);
  });
});
