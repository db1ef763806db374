import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type FaultKind, type FaultRule, type Sandbox } from '../../src/sandbox/index.js';
import { liveWriter } from '../../src/servicetitan/writer.js';
import { sleep } from '../../src/servicetitan/limiter.js';
import { byKindAndId, clientFor, withSandbox } from './sandbox-setup.js';

let sandbox: Sandbox;
let baseline: ReturnType<typeof byKindAndId>;

/** a granted page size far below the asked 5000 forces several pages per list */
const PAGED = { maxPageSize: 15, exportPageSize: 12 };

beforeAll(async () => {
  sandbox = await startSandbox(PAGED);
  const { client } = clientFor(sandbox);
  baseline = byKindAndId((await client.fetchSnapshot()).users);
  await client.close();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('reading the sample tenant', () => {
  it('reads every user through the list endpoints and through the export feeds, with equal results', async () => {
    const { client } = clientFor(sandbox);
    const viaList = await client.fetchSnapshot();
    const viaExport = await client.fetchSnapshot({ source: 'export' });
    const state = sandbox.state;
    expect(viaList.users).toHaveLength(state.employees.length + state.technicians.length);
    expect(byKindAndId(viaExport.users)).toEqual(byKindAndId(viaList.users));
    expect(viaList.roles).toHaveLength(state.userRoles.length);
    expect(viaList.businessUnits).toHaveLength(state.businessUnits.length);
    expect(viaList.users.some((u) => !u.active)).toBe(true);
    expect(viaList.users.every((u) => u.roles.every((r) => !r.startsWith('#')))).toBe(true);
    expect(viaList.warnings).toEqual([]);
    expect(client.stats.tokenRequests).toBe(1);
    await client.close();
  });

  it('fetches the pages after the first in parallel', async () => {
    sandbox.setFaults({ latencyMs: 100 });
    const { client } = clientFor(sandbox);
    await client.fetchSnapshot({ businessUnits: false });
    const later = sandbox.requests.filter((r) => r.path.endsWith('/employees') && r.query.page !== '1');
    expect(later.length).toBeGreaterThanOrEqual(3);
    const starts = later.map((r) => r.at);
    // one after the other they would start at least 100 ms apart each
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(100);
    await client.close();
  });
});

describe('surviving faults', () => {
  const survivable: FaultKind[] = [
    'status-429',
    'status-429-no-retry-after',
    'status-429-gateway-message',
    'status-500',
    'status-502',
    'status-503',
    'status-401',
    'reset',
    'slow',
    'truncated-json',
    'invalid-json',
    'empty-page',
    'duplicate-records',
  ];
  // each on its own sandbox, all at once: most of a case's time is the client's backoff
  for (const kind of survivable) {
    it.concurrent(`reads the whole tenant despite ${kind}`, async () => {
      const rules: FaultRule[] = [
        {
          kind,
          match: { path: '/employees' },
          // one refresh after a 401, one more ask after an empty page; twice is a failure
          times: kind === 'status-401' || kind === 'empty-page' ? 1 : 2,
          retryAfterSeconds: 0,
          delayMs: 2000,
        },
      ];
      await withSandbox({ ...PAGED, faults: { rules } }, async (faulty) => {
        const { client } = clientFor(faulty);
        for (const source of ['list', 'export'] as const) {
          const snapshot = await client.fetchSnapshot({ source });
          expect(byKindAndId(snapshot.users)).toEqual(baseline);
        }
        await client.close();
      });
    });
  }

  const fatal: [FaultKind, string, 2 | 3][] = [
    ['status-401', 'auth.unauthorized', 2],
    ['status-403', 'auth.forbidden', 2],
    ['status-404', 'tenant.not-found', 2],
    ['status-503', 'servicetitan.unavailable', 3],
    ['reset', 'servicetitan.unavailable', 3],
    ['invalid-json', 'servicetitan.invalid-response', 3],
    ['has-more-forever', 'servicetitan.paging-loop', 3],
  ];
  for (const [kind, code, exitCode] of fatal) {
    it.concurrent(`fails with ${code} when ${kind} does not stop`, async () => {
      const rules: FaultRule[] = [{ kind, match: { path: '/technicians' }, retryAfterSeconds: 0 }];
      await withSandbox({ ...PAGED, faults: { rules } }, async (faulty) => {
        const { client } = clientFor(faulty, { tuning: { retryBudgetMs: 1000, maxRetries: 2 } });
        for (const source of ['list', 'export'] as const) {
          const error = (await client.fetchSnapshot({ source }).catch((e: unknown) => e)) as Record<
            string,
            unknown
          >;
          expect(error.code).toBe(code);
          expect(error.exitCode).toBe(exitCode);
          expect(String(error.message)).toContain(`/settings/v2/tenant/${faulty.tenant}/`);
        }
        await client.close();
      });
    });
  }

  it.concurrent('gives up on a ServiceTitan that keeps answering 429 within the retry budget', async () => {
    await withSandbox(
      { ...PAGED, faults: { rules: [{ kind: 'status-429-no-retry-after' }] } },
      async (faulty) => {
        const { client } = clientFor(faulty, { tuning: { retryBudgetMs: 800, maxRetries: 100 } });
        const started = performance.now();
        const error = (await client.fetchSnapshot().catch((e: unknown) => e)) as Record<string, unknown>;
        expect(error.code).toBe('servicetitan.unavailable');
        expect(performance.now() - started).toBeLessThan(3000);
        await client.close();
      },
    );
  });
});

describe('tokens', () => {
  it('fetches a new token when the old one expires mid-run, without a refused request', async () => {
    await withSandbox({ tokenLifetimeSeconds: 1 }, async (short) => {
      const { client } = clientFor(short);
      await client.fetchSnapshot();
      await sleep(1100);
      await client.getUser('employee', short.state.employees[0]!.id);
      expect(short.tokensIssued).toBe(2);
      expect(short.requests.filter((r) => r.status === 401)).toEqual([]);
      await client.close();
    });
  });
});

describe('writing', () => {
  it('applies each write so that reading the user back shows it', async () => {
    const { client } = clientFor(sandbox);
    const writer = liveWriter(client);
    const tech = sandbox.state.technicians.find((t) => t.active)!;
    const otherRole = sandbox.state.userRoles.find(
      (r) => r.employeeType === 'Technician' && !tech.roleIds?.includes(r.id),
    )!;

    await writer.lock('technician', tech.id);
    expect((await client.getUser('technician', tech.id)).locked).toBe(true);
    await writer.unlock('technician', tech.id);
    expect((await client.getUser('technician', tech.id)).locked).toBe(false);
    await writer.setRole('technician', tech.id, otherRole.id);
    expect((await client.getUser('technician', tech.id)).roleIds).toEqual([otherRole.id]);
    await writer.deactivate('technician', tech.id);
    expect((await client.getUser('technician', tech.id)).active).toBe(false);
    await writer.activate('technician', tech.id, 'ManagedTechnician');
    expect((await client.getUser('technician', tech.id)).active).toBe(true);
    await client.close();
  });

  it('shows the truth when ServiceTitan accepts a write that changes nothing', async () => {
    sandbox.setFaults({ rules: [{ kind: 'write-noop' }] });
    const { client } = clientFor(sandbox);
    const employee = sandbox.state.employees.find((e) => e.active && !e.accountLocked)!;
    await liveWriter(client).lock('employee', employee.id);
    expect((await client.getUser('employee', employee.id)).locked).toBe(false);
    await client.close();
  });
});

describe('the rate limit', () => {
  it('keeps under N requests per second, so ServiceTitan never answers 429', async () => {
    await withSandbox({ maxPageSize: 5, faults: { rateLimitPerSecond: 10 } }, async (tight) => {
      const { client } = clientFor(tight, { tuning: { requestsPerSecond: 10, retryBudgetMs: 10_000 } });
      await client.fetchSnapshot();
      const api = tight.requests.filter((r) => r.path.startsWith('/settings/'));
      expect(api.length).toBeGreaterThan(20);
      expect(api.filter((r) => r.status === 429)).toEqual([]);
      const at = api.map((r) => r.at).sort((a, b) => a - b);
      for (let i = 10; i < at.length; i++) expect(at[i]! - at[i - 10]!).toBeGreaterThanOrEqual(1000);
      await client.close();
    });
  });
});
