import { describe, expect, it } from 'vitest';
import { ServiceTitanClient } from '../../src/servicetitan/client.js';
import { backoffMs, gatewayWaitMs, retryAfterMs } from '../../src/servicetitan/retry.js';
import { liveWriter } from '../../src/servicetitan/writer.js';
import { connection, mockServiceTitan, problem, type Reply, type SeenRequest } from './mock-servicetitan.js';
import { FAST, rejection, setup } from './unit-setup.js';

/** Answers `replies` in turn to requests on `suffix`, then lets the tenant answer. */
function failing(suffix: string, ...replies: Reply[]) {
  return (r: SeenRequest) => (r.path.endsWith(suffix) ? replies.shift() : undefined);
}
const count = (requests: SeenRequest[], suffix: string) =>
  requests.filter((r) => r.path.endsWith(suffix)).length;

describe('retrying reads', () => {
  it('waits as long as Retry-After says after a 429', async () => {
    const { client, waits } = setup({
      respond: failing('/employees', { statusCode: 429, data: '', headers: { 'retry-after': '2' } }),
    });
    await client.fetchSnapshot();
    expect(waits).toEqual([2000]);
    expect(client.stats.retries).toBe(1);
  });

  it("waits the seconds in the gateway's rate-limit message when there is no Retry-After", async () => {
    const { client, waits } = setup(
      {
        respond: failing('/user-roles', {
          statusCode: 429,
          data: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 7 seconds.' },
        }),
      },
      { retryBudgetMs: 30_000 },
    );
    await client.fetchSnapshot();
    expect(waits).toEqual([7000]);
  });

  it('backs off exponentially with full jitter when ServiceTitan gives no wait', async () => {
    const { client, waits } = setup({
      respond: failing(
        '/employees',
        ...Array.from({ length: 3 }, () => ({ statusCode: 429, data: problem(429, 'Too many') })),
      ),
    });
    await client.fetchSnapshot();
    expect(waits).toHaveLength(3);
    waits.forEach((w, i) => expect(w).toBeLessThanOrEqual(250 * 2 ** i));
    expect(backoffMs(3, () => 1)).toBe(2000);
    expect(backoffMs(20, () => 1)).toBe(10_000);
  });

  it('retries 500, 502 and 503, a connection reset and a body that is not JSON', async () => {
    const { client, requests } = setup(
      {
        respond: failing(
          '/technicians',
          { statusCode: 500, data: problem(500, 'Oops') },
          { statusCode: 502, data: 'Bad gateway' },
          { statusCode: 503, data: { statusCode: 503, message: 'Service unavailable' } },
          { statusCode: 200, data: '{"page":1,"data":[{"id"' },
        ),
        errors: [
          {
            path: /\/technicians/,
            error: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }),
          },
        ],
      },
      { maxRetries: 5 },
    );
    const snapshot = await client.fetchSnapshot();
    expect(snapshot.users.some((u) => u.kind === 'technician')).toBe(true);
    expect(count(requests, '/technicians')).toBe(5);
    expect(client.stats.retries).toBe(5);
  });

  it('retries an answer that does not come within the timeout', async () => {
    const { client } = setup({ delays: [{ path: /\/employees/, delayMs: 400 }] }, { timeoutMs: 100 });
    const snapshot = await client.fetchSnapshot();
    expect(snapshot.users.some((u) => u.kind === 'employee')).toBe(true);
    expect(client.stats.retries).toBe(1);
  });

  it('gives up after maxRetries with servicetitan.unavailable naming the request and status', async () => {
    const { client, requests } = setup(
      {
        respond: (r) =>
          r.path.endsWith('/employees') ? { statusCode: 503, data: problem(503, 'Down') } : undefined,
      },
      { maxRetries: 2 },
    );
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.unavailable');
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(
      'GET /settings/v2/tenant/4321/employees failed with 503 after 3 attempts: Down (trace id trace-503-xyz).',
    );
    expect(count(requests, '/employees')).toBe(3);
  });

  it('gives up when the retry budget runs out, whatever maxRetries says', async () => {
    const mock = mockServiceTitan({ respond: () => ({ statusCode: 503, data: problem(503, 'Down') }) });
    const client = new ServiceTitanClient({
      connection,
      dispatcher: mock.agent,
      tuning: { ...FAST, retryBudgetMs: 400, maxRetries: 1000 },
    });
    const started = performance.now();
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.unavailable');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops retrying the other reads once one read has failed the snapshot', async () => {
    const mock = mockServiceTitan({
      respond: (r) =>
        r.path.endsWith('/employees')
          ? { statusCode: 403, data: problem(403, 'Forbidden') }
          : r.path.endsWith('/technicians')
            ? { statusCode: 503, data: problem(503, 'Down') }
            : undefined,
    });
    const client = new ServiceTitanClient({
      connection,
      dispatcher: mock.agent,
      tuning: { ...FAST, maxRetries: 1000, retryBudgetMs: 60_000 },
    });
    expect((await rejection(client.fetchSnapshot())).code).toBe('auth.forbidden');
    const afterFailure = count(mock.requests, '/technicians');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(count(mock.requests, '/technicians') - afterFailure).toBeLessThanOrEqual(1);
  });

  it('does not wait for a Retry-After longer than the remaining budget', async () => {
    const { client, waits } = setup({
      respond: () => ({ statusCode: 429, data: '', headers: { 'retry-after': '60' } }),
    });
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.unavailable');
    expect(waits).toEqual([]);
  });

  it('reads Retry-After as seconds or a date, and the gateway message', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(
      5000,
    );
    expect(retryAfterMs('soon')).toBeNull();
    expect(gatewayWaitMs('Rate limit is exceeded. Try again in 12 seconds.')).toBe(12_000);
    expect(gatewayWaitMs('Something else')).toBeNull();
  });
});

describe('retrying writes', () => {
  it('retries a write only on 429 and 503', async () => {
    const { client, requests } = setup({
      respond: failing(
        '/employees/1',
        { statusCode: 429, data: '', headers: { 'retry-after': '1' } },
        { statusCode: 503, data: problem(503, 'Down') },
        { statusCode: 200, data: { id: 1 } },
      ),
    });
    await liveWriter(client).lock('employee', 1);
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(3);
  });

  it('does not repeat a write after a 500 or a dropped connection, which may have been applied', async () => {
    const server = setup({
      respond: failing('/employees/1', { statusCode: 500, data: problem(500, 'Oops') }),
    });
    expect((await rejection(liveWriter(server.client).lock('employee', 1))).code).toBe(
      'servicetitan.unavailable',
    );
    expect(server.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);

    const reset = setup({
      errors: [
        {
          path: /account-actions/,
          method: 'POST',
          error: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
        },
      ],
    });
    expect((await rejection(liveWriter(reset.client).deactivate('employee', 1))).code).toBe(
      'servicetitan.unavailable',
    );
    expect(reset.client.stats.retries).toBe(0);
  });

  it("fails a rejected write with servicetitan.request-rejected and ServiceTitan's reasons", async () => {
    const { client } = setup({
      respond: failing('/technicians/2', {
        statusCode: 400,
        data: problem(400, 'Validation failed', { roleId: ['Role 9 does not exist'] }),
      }),
    });
    const error = await rejection(liveWriter(client).setRole('technician', 2, 9));
    expect(error.code).toBe('servicetitan.request-rejected');
    expect(error.message).toBe(
      'PATCH /settings/v2/tenant/4321/technicians/2 failed with 400: Validation failed; roleId: Role 9 does not exist (trace id trace-400-xyz).',
    );
    expect(error.details).toEqual({
      method: 'PATCH',
      path: '/settings/v2/tenant/4321/technicians/2',
      status: 400,
      traceId: 'trace-400-xyz',
      serviceTitanMessage: 'Validation failed; roleId: Role 9 does not exist',
    });
  });
});

describe('retry timeouts', () => {
  it('gives every retry a whole number of milliseconds, even when the budget left is fractional', async () => {
    const { RetryBudget, withRetries } = await import('../../src/servicetitan/retry.js');
    const { silentLogger } = await import('../../src/logger.js');
    let clock = 0.4;
    const budget = new RetryBudget(5000.3, () => (clock += 100.37));
    const timeouts: number[] = [];
    const value = await withRetries(
      async (timeoutMs) => {
        timeouts.push(timeoutMs);
        // AbortSignal.timeout throws ERR_OUT_OF_RANGE for a fraction: the real request would fail unsent.
        AbortSignal.timeout(timeoutMs);
        return timeouts.length < 3
          ? { ok: false as const, retry: true as const, reason: 'HTTP 500', error: () => new Error('500') }
          : { ok: true as const, value: 'done' };
      },
      {
        budget,
        maxRetries: 5,
        timeoutMs: 30_000,
        label: 'GET /x',
        logger: silentLogger,
        sleep: async () => {},
      },
    );
    expect(value).toBe('done');
    expect(timeouts).toHaveLength(3);
    for (const t of timeouts) expect(Number.isInteger(t)).toBe(true);
  });
});
