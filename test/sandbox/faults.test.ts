import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Faults, type Sandbox } from '../../src/sandbox/index.js';
import {
  connect,
  readAllPages,
  requestToken,
  type ExportBody,
  type ListBody,
  type TenantCaller,
} from './harness.js';

let sandbox: Sandbox;
let caller: TenantCaller;
beforeEach(async () => {
  sandbox = await startSandbox({ maxPageSize: 20 });
  caller = await connect(sandbox);
});
afterEach(() => sandbox.close());

const ids = (body: unknown) => (body as ListBody).data.map((r) => r.id);

describe('sandbox faults: answers', () => {
  it('adds latency to every answer', async () => {
    sandbox.setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await caller.get('user-roles')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('limits requests per rolling second with a ServiceTitan 429', async () => {
    sandbox.setFaults({ rateLimitPerSecond: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await caller.get('user-roles'));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 429, 429]);
    expect(statuses[3]?.headers.get('retry-after')).toBe('1');
    expect(statuses[3]?.body).toEqual({
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 1 seconds.',
    });
  });

  it('answers the three kinds of 429', async () => {
    sandbox.setFaults({ rules: [{ kind: 'status-429', retryAfterSeconds: 2, times: 1 }] });
    const withHeader = await caller.get('employees');
    expect(withHeader.status).toBe(429);
    expect(withHeader.headers.get('retry-after')).toBe('2');
    expect((await caller.get('employees')).status).toBe(200);

    sandbox.setFaults({ rules: [{ kind: 'status-429-no-retry-after' }] });
    const bare = await caller.get('employees');
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
    expect(bare.body).toMatchObject({ status: 429, title: expect.any(String) });
    expect(JSON.stringify(bare.body)).not.toMatch(/\d+ seconds/);

    sandbox.setFaults({ rules: [{ kind: 'status-429-gateway-message', retryAfterSeconds: 3 }] });
    const gateway = await caller.get('employees');
    expect(gateway.headers.get('retry-after')).toBeNull();
    expect(gateway.body).toEqual({
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 3 seconds.',
    });
  });

  it('answers injected error statuses in ServiceTitan shapes', async () => {
    const expected = {
      'status-500': 500,
      'status-502': 502,
      'status-503': 503,
      'status-401': 401,
      'status-403': 403,
      'status-404': 404,
    } as const;
    for (const [kind, status] of Object.entries(expected)) {
      sandbox.setFaults({ rules: [{ kind: kind as keyof typeof expected, times: 1 }] });
      const answer = await caller.get('employees');
      expect(answer.status, kind).toBe(status);
      const body = answer.body as Record<string, unknown>;
      expect('statusCode' in body || ('title' in body && 'traceId' in body), kind).toBe(true);
      expect((await caller.get('employees')).status, `${kind} only once`).toBe(200);
    }
  });

  it('takes faults as an option and refuses an invalid configuration in process', async () => {
    const faulty = await startSandbox({ faults: { rules: [{ kind: 'status-500', times: 1 }] } });
    try {
      expect((await requestToken(faulty)).status).toBe(500);
      expect((await requestToken(faulty)).status).toBe(200);
      expect(() => faulty.setFaults({ latencyMs: -1 })).toThrow(/latencyMs/);
    } finally {
      await faulty.close();
    }
  });

  it('lets the first requests through with after, and matches method and path', async () => {
    sandbox.setFaults({
      rules: [{ kind: 'status-503', match: { method: 'GET', path: '/technicians' }, after: 1, times: 1 }],
    });
    expect((await caller.get('employees')).status).toBe(200);
    expect((await caller.get('technicians')).status).toBe(200);
    expect((await caller.get('technicians')).status).toBe(503);
    expect((await caller.get('technicians')).status).toBe(200);
  });

  it('can fail the token endpoint', async () => {
    sandbox.setFaults({ rules: [{ kind: 'status-503', match: { path: '/connect/token' }, times: 1 }] });
    expect((await requestToken(sandbox)).status).toBe(503);
    expect((await requestToken(sandbox)).status).toBe(200);
  });
});

describe('sandbox faults: the wire', () => {
  it('resets the connection without answering', async () => {
    sandbox.setFaults({ rules: [{ kind: 'reset', times: 1 }] });
    await expect(fetch(caller.url('employees'))).rejects.toThrow();
    expect(sandbox.requests.at(-1)?.status).toBe(0);
  });

  it('answers slowly beyond a client timeout, and still closes promptly', async () => {
    sandbox.setFaults({ rules: [{ kind: 'slow', delayMs: 5_000 }] });
    const started = performance.now();
    await expect(
      fetch(caller.url('employees'), {
        headers: { authorization: `Bearer ${caller.token}`, 'st-app-key': sandbox.credentials.appKey },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('cuts a body in the middle', async () => {
    sandbox.setFaults({ rules: [{ kind: 'truncated-json', times: 1 }] });
    const response = await fetch(caller.url('employees'), {
      headers: { authorization: `Bearer ${caller.token}`, 'st-app-key': sandbox.credentials.appKey },
    });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('answers a body that is not JSON', async () => {
    sandbox.setFaults({ rules: [{ kind: 'invalid-json', times: 1 }] });
    const answer = await caller.get('employees');
    expect(answer.status).toBe(200);
    expect(() => JSON.parse(answer.text)).toThrow();
  });
});

describe('sandbox faults: paging and writes', () => {
  it('says hasMore forever, repeating the same page and the same continuation token', async () => {
    sandbox.setFaults({ rules: [{ kind: 'has-more-forever' }] });
    const first = (await caller.get('employees?page=1')).body as ListBody;
    const fifth = (await caller.get('employees?page=5')).body as ListBody;
    expect(first.hasMore && fifth.hasMore).toBe(true);
    expect(ids(fifth)).toEqual(ids(first));
    const exportPage = (await caller.get('export/employees')).body as ExportBody;
    const again = (await caller.get(`export/employees?from=${exportPage.continueFrom}`)).body as ExportBody;
    expect(again.hasMore).toBe(true);
    expect(again.continueFrom).toBe(exportPage.continueFrom);
  });

  it('says hasMore forever with full pages of ids never seen before and no total', async () => {
    sandbox.setFaults({ rules: [{ kind: 'has-more-forever-new-ids' }] });
    const seen = new Set<number>();
    for (const page of [1, 2, 50, 5000]) {
      const body = (await caller.get(`employees?active=Any&includeTotal=true&page=${page}&pageSize=20`))
        .body as ListBody;
      expect(body.hasMore).toBe(true);
      expect(body.totalCount).toBeNull();
      expect(body.data).toHaveLength(20);
      for (const id of ids(body)) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    const exportPage = (await caller.get('export/employees')).body as ExportBody;
    const next = (await caller.get(`export/employees?from=${exportPage.continueFrom}`)).body as ExportBody;
    expect(next.hasMore).toBe(true);
    expect(next.continueFrom).not.toBe(exportPage.continueFrom);
    expect(ids(next).some((id) => ids(exportPage).includes(id))).toBe(false);
  });

  it('claims a total of a billion and answers one record a page, real ones first', async () => {
    sandbox.setFaults({ rules: [{ kind: 'huge-total-count', match: { path: '/employees' } }] });
    const real = sandbox.state.employees.map((e) => e.id).sort((a, b) => a - b);
    const page = async (n: number) =>
      (await caller.get(`employees?active=Any&includeTotal=true&page=${n}&pageSize=20`)).body as ListBody;
    const first = await page(1);
    expect(first).toMatchObject({ hasMore: true, totalCount: 1_000_000_000 });
    expect(ids(first)).toEqual([real[0]]);
    const beyond = await page(real.length + 7);
    expect(beyond.data).toHaveLength(1);
    expect(real).not.toContain(ids(beyond)[0]);
    // the other lists answer truthfully
    expect(((await caller.get('technicians?includeTotal=true')).body as ListBody).totalCount).toBeLessThan(
      1000,
    );
  });

  it('repeats records of the previous page on the next one', async () => {
    sandbox.setFaults({ rules: [{ kind: 'duplicate-records' }] });
    const pageOne = ids((await caller.get('employees?page=1')).body);
    const pageTwo = ids((await caller.get('employees?page=2')).body);
    expect(pageTwo.slice(0, 2)).toEqual(pageOne.slice(-2));
    const all = await readAllPages(caller, 'employees?active=Any', 20);
    expect(new Set(all.ids).size).toBe(sandbox.state.employees.length);
    expect(all.ids.length).toBeGreaterThan(sandbox.state.employees.length);
  });

  it('answers one empty page with hasMore true, without losing records', async () => {
    sandbox.setFaults({ rules: [{ kind: 'empty-page', match: { path: '/employees' } }] });
    const empty = (await caller.get('employees?active=Any&page=1&pageSize=20')).body as ListBody;
    expect(empty).toMatchObject({ data: [], hasMore: true });
    const rest = await readAllPages(caller, 'employees?active=Any', 20);
    expect(rest.ids).toHaveLength(sandbox.state.employees.length);

    sandbox.setFaults({ rules: [{ kind: 'empty-page', match: { path: '/export/' }, after: 1 }] });
    const firstExport = (await caller.get('export/technicians')).body as ExportBody;
    const emptyExport = (await caller.get(`export/technicians?from=${firstExport.continueFrom}`))
      .body as ExportBody;
    expect(emptyExport).toMatchObject({ data: [], hasMore: true, continueFrom: firstExport.continueFrom });
  });

  it('answers writes with 200 but changes nothing under write-noop', async () => {
    sandbox.setFaults({ rules: [{ kind: 'write-noop' }] });
    expect((await caller.patch('employees/160', { accountLocked: true })).status).toBe(200);
    expect((await caller.post('employees/161/account-actions', { action: 'Deactivate' })).status).toBe(200);
    expect((await caller.get('employees/160')).body).toMatchObject({ accountLocked: false });
    expect((await caller.get('employees/161')).body).toMatchObject({ active: true });
  });
});

describe('sandbox control endpoints', () => {
  const control = (path: string, init?: RequestInit) => fetch(`${sandbox.url}/__sandbox/${path}`, init);
  const postFaults = (faults: unknown) =>
    control('faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults),
    });

  it('replaces the faults over HTTP and refuses an invalid configuration', async () => {
    const faults: Faults = { rules: [{ kind: 'status-502', times: 1 }] };
    expect((await postFaults(faults)).status).toBe(200);
    expect((await caller.get('employees')).status).toBe(502);
    const invalid = await postFaults({ rules: [{ kind: 'status-999' }] });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toMatch(/kind/);
  });

  it('shows the state and the request log, and resets both', async () => {
    await caller.patch('employees/160', { accountLocked: true });
    const state = (await (await control('state')).json()) as {
      employees: { id: number; accountLocked: boolean }[];
    };
    expect(state.employees.find((e) => e.id === 160)?.accountLocked).toBe(true);
    const log = (await (await control('requests')).json()) as { method: string; path: string }[];
    expect(log.map((r) => r.method)).toEqual(['POST', 'PATCH']);

    await postFaults({ rules: [{ kind: 'status-500' }] });
    expect((await control('reset', { method: 'POST' })).status).toBe(200);
    expect(sandbox.requests).toHaveLength(0);
    expect(sandbox.state.employees.find((e) => e.id === 160)?.accountLocked).toBe(false);
    expect((await caller.get('employees/160')).status).toBe(200); // faults cleared, token still valid
  });
});
