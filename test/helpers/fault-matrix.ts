/**
 * The fault matrix's rows: every way ServiceTitan (or the network in front of it) misbehaves,
 * injected by the sandbox. Each row ends in either the same report a clean run gives, or
 * `status: error` with a code naming the cause; never `pass` on partial data, never a write after
 * a read failed, always within 2 minutes. A new fault is one row.
 *
 * The whole matrix runs in-process (`test/integration/faults.test.ts`, the pipeline against a
 * sandbox); a few rows also run through the committed action bundle (`test/e2e/faults.test.ts`).
 * Budgets are short (`request-timeout: 2`, `retry-budget: 8`) and pages small (`page-size: 20`,
 * so the paging faults have pages to work on).
 */
import type { Faults, SandboxOptions } from '../../src/sandbox/index.js';

export type Mode = 'audit' | 'apply';
export const MODES: Mode[] = ['audit', 'apply'];
export const TWO_MINUTES = 120_000;
const API = '/settings/v2/';

/** The inputs every row runs with, before the row's own: short budgets, small pages. */
export const MATRIX_INPUTS: Readonly<Record<string, string>> = {
  'request-timeout': '2',
  'retry-budget': '8',
  'page-size': '20',
};

/** One request in the sandbox's log. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export interface Observed {
  /** the sandbox's request log for the run */
  log: LoggedRequest[];
  /** everything the run logged (the action's stdout, or the lines of an in-process run's logger) */
  output: string;
  /** the request log of a clean run in the same mode */
  clean: LoggedRequest[];
}

export interface FaultRow {
  fault: string;
  sandbox?: SandboxOptions;
  faults?: Faults;
  /** inputs that replace the sandbox's correct ones (a wrong secret, a wrong tenant) */
  inputs?: Record<string, string>;
  /** `report`: the clean run's findings, plan and status; a RegExp: status error with that code */
  expect: 'report' | RegExp;
  /** proof that the fault really happened, so a row cannot pass without it */
  happened: (o: Observed) => boolean;
  /** why the row cannot run */
  skip?: string;
  /** a symptom the run's log must never show */
  logNeverShows?: RegExp;
  /** a known defect the row exposes: it runs as `it.fails` until the defect is fixed */
  defect?: string;
}

const answered = (status: number) => (o: Observed) => o.log.some((r) => r.status === status);
/** More reads of the user lists than a clean run needed: some answer was retried or re-asked. */
const moreListReads = (o: Observed) => {
  const listReads = (log: LoggedRequest[]) =>
    log.filter((r) => /\/(employees|technicians)$/.test(r.path)).length;
  return listReads(o.log) > listReads(o.clean);
};
/** A clock that runs `factor` times faster than real time. */
function fastClock(factor: number): () => Date {
  const start = Date.now();
  return () => new Date(start + (Date.now() - start) * factor);
}
export const on = (path: string, rule: Omit<NonNullable<Faults['rules']>[number], 'match'>): Faults => ({
  rules: [{ match: { method: 'GET', path }, ...rule }],
});

export const ROWS: FaultRow[] = [
  {
    fault: '429 storm with Retry-After that passes',
    faults: on('/employees', { kind: 'status-429', times: 5, retryAfterSeconds: 1 }),
    expect: 'report',
    happened: answered(429),
  },
  {
    fault: '429 storm with Retry-After that never ends',
    faults: on(API, { kind: 'status-429', retryAfterSeconds: 1 }),
    expect: /servicetitan\.unavailable/,
    happened: answered(429),
  },
  {
    fault: '429 asking for a wait longer than the retry budget',
    faults: on(API, { kind: 'status-429', retryAfterSeconds: 60 }),
    expect: /servicetitan\.unavailable/,
    happened: answered(429),
  },
  {
    fault: '429 storm without Retry-After (RFC 7807 body)',
    faults: on('/employees', { kind: 'status-429-no-retry-after', times: 5 }),
    expect: 'report',
    happened: answered(429),
  },
  {
    fault: '429 storm with only the gateway message "Try again in N seconds"',
    faults: on('/technicians', { kind: 'status-429-gateway-message', times: 4, retryAfterSeconds: 1 }),
    expect: 'report',
    happened: answered(429),
  },
  {
    fault: '500 burst',
    faults: on(API, { kind: 'status-500', times: 4 }),
    expect: 'report',
    happened: answered(500),
  },
  {
    fault: '502 burst',
    faults: on('/user-roles', { kind: 'status-502', times: 3 }),
    expect: 'report',
    happened: answered(502),
  },
  {
    fault: '503 that never ends',
    faults: on(API, { kind: 'status-503' }),
    expect: /servicetitan\.unavailable/,
    happened: answered(503),
  },
  {
    // Once exposed a defect (fractional retry timeouts made AbortSignal.timeout() throw).
    // every first read fails, so no success resets the budget's clock before the retries
    fault: 'a 500 on every first read, with a request timeout longer than the retry budget',
    inputs: { 'request-timeout': '10' },
    faults: on(API, { kind: 'status-500', times: 4 }),
    expect: 'report',
    happened: answered(500),
    logNeverShows: /ERR_OUT_OF_RANGE/,
  },
  {
    fault: 'connection resets that pass',
    faults: on('/employees', { kind: 'reset', times: 3 }),
    expect: 'report',
    happened: answered(0),
  },
  {
    fault: 'connection resets that never end',
    faults: on(API, { kind: 'reset' }),
    expect: /servicetitan\.unavailable/,
    happened: answered(0),
  },
  {
    fault: 'answers slower than the timeout, twice',
    faults: on('/employees', { kind: 'slow', times: 2, delayMs: 4000 }),
    expect: 'report',
    happened: moreListReads,
  },
  {
    fault: 'answers always slower than the timeout',
    faults: on(API, { kind: 'slow', delayMs: 30_000 }),
    expect: /servicetitan\.unavailable/,
    happened: (o) => o.log.some((r) => r.path.startsWith(API)),
  },
  {
    // The sandbox's clock runs 10 times fast, so a token the client believes good for 30 s
    // expires after 3 real seconds; reads answer 1.6 s late, so the second round of reads
    // always arrives with an expired token, is refused with 401, and must be sent again once
    // with a fresh token (which lives long enough for one slow read).
    fault: 'a token that expires mid-run',
    sandbox: { tokenLifetimeSeconds: 30, now: fastClock(10) },
    inputs: { 'request-timeout': '5' },
    faults: on(API, { kind: 'slow', delayMs: 1600 }),
    expect: 'report',
    happened: (o) => answered(401)(o) && o.log.filter((r) => r.path.endsWith('/connect/token')).length >= 2,
  },
  {
    fault: 'the token endpoint throttling with 429, then answering',
    faults: {
      rules: [{ match: { path: '/connect/token' }, kind: 'status-429', times: 2, retryAfterSeconds: 1 }],
    },
    expect: 'report',
    happened: answered(429),
  },
  {
    fault: 'the token endpoint down (503) for good',
    faults: { rules: [{ match: { path: '/connect/token' }, kind: 'status-503' }] },
    expect: /servicetitan\.unavailable/,
    happened: answered(503),
  },
  {
    fault: '401 once, then recovery',
    faults: on('/employees', { kind: 'status-401', times: 1 }),
    expect: 'report',
    happened: answered(401),
  },
  {
    fault: '401 always from the API',
    faults: on(API, { kind: 'status-401' }),
    expect: /auth\.unauthorized/,
    happened: answered(401),
  },
  {
    fault: 'a wrong client secret',
    inputs: { 'client-secret': 'cs1.not-the-right-secret' },
    expect: /auth\.invalid-client/,
    happened: answered(400),
  },
  {
    fault: '403: the app is not connected to the tenant',
    faults: on(API, { kind: 'status-403' }),
    expect: /auth\.forbidden/,
    happened: answered(403),
  },
  {
    fault: 'a tenant ServiceTitan does not know',
    inputs: { tenant: '7654321' },
    expect: /tenant\.not-found/,
    happened: answered(404),
  },
  {
    fault: 'a truncated JSON answer, once',
    faults: on('/employees', { kind: 'truncated-json', times: 1 }),
    expect: 'report',
    happened: moreListReads,
  },
  {
    fault: 'truncated JSON answers that never end',
    faults: on('/employees', { kind: 'truncated-json' }),
    expect: /servicetitan\.(unavailable|invalid-response)/,
    happened: (o) => o.log.filter((r) => r.path.endsWith('/employees')).length > 1,
  },
  {
    fault: 'an invalid JSON answer, once',
    faults: on('/technicians', { kind: 'invalid-json', times: 1 }),
    expect: 'report',
    happened: moreListReads,
  },
  {
    fault: 'invalid JSON answers that never end',
    // a budget the six retries cannot use up, so the run ends on the retries' own verdict
    inputs: { 'retry-budget': '30' },
    faults: on('/technicians', { kind: 'invalid-json' }),
    expect: /servicetitan\.invalid-response/,
    happened: (o) => o.log.filter((r) => r.path.endsWith('/technicians')).length > 1,
  },
  {
    fault: 'hasMore: true forever',
    faults: on('/employees', { kind: 'has-more-forever' }),
    expect: /servicetitan\.paging-(loop|incomplete)/,
    happened: moreListReads,
  },
  {
    // once crashed the run: pages counted from the claimed total (2.2 GB, "invalid size")
    fault: 'a total of a billion, served one record a page',
    faults: on('/employees', { kind: 'huge-total-count' }),
    expect: /servicetitan\.paging-limit/,
    happened: (o) => o.log.some((r) => r.path.endsWith('/employees') && r.status === 200),
  },
  {
    // once read on past 3,000 pages: every page brings ids never seen, so nothing looks stuck
    fault: 'hasMore: true forever with new ids on every page and no total',
    faults: on('/employees', { kind: 'has-more-forever-new-ids' }),
    expect: /servicetitan\.paging-limit/,
    happened: moreListReads,
  },
  {
    fault: 'repeated continuation tokens',
    expect: /servicetitan\.paging-loop/,
    happened: () => false,
    skip: 'the guard reads the list endpoints; continuation tokens exist only on the export feeds, which it does not use',
  },
  {
    fault: 'duplicate users across pages',
    faults: on('/employees', { kind: 'duplicate-records' }),
    expect: 'report',
    happened: (o) => /duplicate/i.test(o.output),
  },
  {
    fault: 'an empty page in the middle of a listing',
    faults: on('/employees', { kind: 'empty-page', after: 1, times: 1 }),
    expect: 'report',
    happened: moreListReads,
  },
];

/** The row named `fault` (throws when there is none, so a renamed row cannot drop out silently). */
export function row(fault: string): FaultRow {
  const found = ROWS.find((r) => r.fault === fault);
  if (!found) throw new Error(`no fault row "${fault}"`);
  return found;
}

/** What the test title says the row ends with. */
export function expectedEnd(r: FaultRow): string {
  return r.expect === 'report' ? 'the same report as a clean run' : `error ${r.expect.source}`;
}
