/**
 * One tenant size through the real client against a sandbox in another process: the default
 * configuration, a naive one (small pages, one request at a time), and a probe that measures
 * every request's round trip alone, from which the critical-path bound is computed.
 * Prints one JSON line (NetworkResult) on stdout.
 */
import type { ChildProcess } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { ServiceTitanClient } from '../src/servicetitan/client.js';
import { DEFAULT_TUNING, type ClientTuning } from '../src/servicetitan/settings.js';
import { criticalPathBoundMs, median, minimumRequests, rounded, type TenantShape } from './model.js';
import type { SandboxProcessLog, SandboxProcessOptions, SandboxProcessReady } from './sandbox-process.js';
import { startSandbox } from './sandbox-fork.js';

export interface NetworkOptions extends SandboxProcessOptions {
  runs: number;
  naiveRuns: number;
  probeRuns: number;
}

interface RoundTrip {
  method: string;
  path: string;
  startedAt: number;
  endedAt: number;
}

interface RunFigures {
  wallMs: number;
  requests: number;
  /** as counted by the sandbox, not the client */
  serverRequests: number;
  tokenRequests: number;
  /** when the last answer's body was complete, from the start of the run */
  lastAnswerMs: number;
}

export const NAIVE_TUNING: Partial<ClientTuning> = { pageSize: 50, concurrency: 1 };

// every request undici makes, start to the end of its body (undici publishes these itself)
const inFlight = new Map<object, RoundTrip>();
let recorded: RoundTrip[] = [];
diagnostics.subscribe('undici:request:create', (message) => {
  const { request } = message as { request: { method: string; path: string } };
  inFlight.set(request, {
    method: request.method,
    path: request.path,
    startedAt: performance.now(),
    endedAt: 0,
  });
});
diagnostics.subscribe('undici:request:trailers', (message) => {
  const { request } = message as { request: object };
  const trip = inFlight.get(request);
  if (!trip) return;
  inFlight.delete(request);
  trip.endedAt = performance.now();
  recorded.push(trip);
});

function serverLog(child: ChildProcess): Promise<SandboxProcessLog> {
  return new Promise((resolve) => {
    child.once('message', (log: SandboxProcessLog) => resolve(log));
    child.send({ type: 'log' });
  });
}

async function readTenant(
  ready: SandboxProcessReady,
  child: ChildProcess,
  tuning: Partial<ClientTuning>,
): Promise<RunFigures & { trips: RoundTrip[]; startedAt: number }> {
  await serverLog(child); // clears the server's log
  const client = new ServiceTitanClient({
    connection: {
      tenant: ready.tenant,
      ...ready.credentials,
      environment: 'production',
      apiUrl: ready.url,
      authUrl: ready.authUrl,
    },
    tuning,
  });
  recorded = [];
  const startedAt = performance.now();
  const snapshot = await client.fetchSnapshot({ businessUnits: true });
  const wallMs = performance.now() - startedAt;
  await client.close();
  const expected = ready.shape.employees + ready.shape.technicians;
  if (snapshot.users.length !== expected) {
    throw new Error(`read ${snapshot.users.length} users, the tenant has ${expected}`);
  }
  const log = await serverLog(child);
  const trips = recorded;
  return {
    wallMs,
    requests: client.stats.requests + client.stats.tokenRequests,
    serverRequests: log.requests,
    tokenRequests: log.tokenRequests,
    lastAnswerMs: Math.max(...trips.map((t) => t.endedAt)) - startedAt,
    trips,
    startedAt,
  };
}

/** page 1, 2, … round trips of each list, and the token's, from probe runs (medians per request). */
function isolatedRoundTrips(probes: RoundTrip[][]): { tokenMs: number; lists: number[][] } {
  const byRequest = new Map<string, number[]>();
  for (const trips of probes) {
    for (const trip of trips) {
      const key = trip.path.startsWith('/connect/token') ? 'token' : trip.path;
      byRequest.set(key, [...(byRequest.get(key) ?? []), trip.endedAt - trip.startedAt]);
    }
  }
  const lists = new Map<string, { page: number; ms: number }[]>();
  for (const [key, times] of byRequest) {
    if (key === 'token') continue;
    const url = new URL(key, 'http://sandbox.invalid');
    const pages = lists.get(url.pathname) ?? [];
    pages.push({ page: Number(url.searchParams.get('page') ?? 1), ms: median(times) });
    lists.set(url.pathname, pages);
  }
  return {
    tokenMs: median(byRequest.get('token') ?? [0]),
    lists: [...lists.values()].map((pages) => pages.sort((a, b) => a.page - b.page).map((p) => p.ms)),
  };
}

function summarize(runs: RunFigures[], shape: TenantShape, granted: number) {
  const requests = median(runs.map((r) => r.requests));
  const minimum = minimumRequests(shape, granted);
  return {
    runs: runs.length,
    wallMs: rounded(median(runs.map((r) => r.wallMs)), 1),
    wallMsAll: runs.map((r) => rounded(r.wallMs, 1)),
    lastAnswerMs: rounded(median(runs.map((r) => r.lastAnswerMs)), 1),
    requests,
    serverRequests: median(runs.map((r) => r.serverRequests)),
    tokenRequests: median(runs.map((r) => r.tokenRequests)),
    minimumRequests: minimum,
    requestRatio: rounded(requests / minimum, 2),
  };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as NetworkOptions;
  const { child, ready } = await startSandbox(options);
  try {
    const granted = Math.min(DEFAULT_TUNING.pageSize, options.maxPageSize);
    // one request at a time: each round trip measured alone, with nothing else on the wire
    const probeTuning: Partial<ClientTuning> = { concurrency: 1 };
    const probes: RoundTrip[][] = [];
    const fast: RunFigures[] = [];
    const naive: RunFigures[] = [];
    // one read to warm up both processes (JIT, connections' first use), not counted
    await readTenant(ready, child, {});
    // interleaved, so that every configuration sees the same machine load
    for (let i = 0; i < Math.max(options.runs, options.naiveRuns, options.probeRuns); i++) {
      if (i < options.probeRuns) probes.push((await readTenant(ready, child, probeTuning)).trips);
      if (i < options.runs) fast.push(await readTenant(ready, child, {}));
      if (i < options.naiveRuns) naive.push(await readTenant(ready, child, NAIVE_TUNING));
    }
    const isolated = isolatedRoundTrips(probes);
    const fastSummary = summarize(fast, ready.shape, granted);
    const boundMs = criticalPathBoundMs(isolated.tokenMs, isolated.lists, fastSummary.requests);
    // The sandbox answers on one thread: the work beyond its injected latency cannot overlap.
    // Not a target, an explanation: how close the read comes to what this sandbox can serve.
    const serverWorkMs = isolated.lists
      .flat()
      .reduce((sum, ms) => sum + Math.max(0, ms - options.latencyMs), 0);
    const oneThreadBoundMs = Math.max(boundMs, isolated.tokenMs + options.latencyMs + serverWorkMs);
    const naiveSummary = naive.length
      ? summarize(naive, ready.shape, Math.min(50, options.maxPageSize))
      : null;
    console.log(
      JSON.stringify({
        users: options.users,
        defaults: {
          pageSize: DEFAULT_TUNING.pageSize,
          concurrency: DEFAULT_TUNING.concurrency,
          requestsPerSecond: DEFAULT_TUNING.requestsPerSecond,
        },
        shape: ready.shape,
        grantedPageSize: granted,
        roundTrips: {
          tokenMs: rounded(isolated.tokenMs, 1),
          listsMs: isolated.lists.map((pages) => pages.map((ms) => rounded(ms, 1))),
        },
        criticalPathBoundMs: rounded(boundMs, 1),
        oneThreadServerBoundMs: rounded(oneThreadBoundMs, 1),
        fast: {
          ...fastSummary,
          wallVsBound: rounded(fastSummary.wallMs / boundMs, 2),
          wallVsOneThreadServerBound: rounded(fastSummary.wallMs / oneThreadBoundMs, 2),
        },
        naive: naiveSummary && {
          ...naiveSummary,
          requestsVsFast: rounded(naiveSummary.requests / fastSummary.requests, 1),
          wallVsFast: rounded(naiveSummary.wallMs / fastSummary.wallMs, 1),
        },
      }),
    );
  } finally {
    child.disconnect();
  }
}

await main();
