/**
 * The fault matrix's smoke rows through the committed action bundle, in `audit`: a 429 storm the
 * run gets through, and connection resets that never end (a billion-record total served one record
 * a page runs through the bundles in `test/e2e/lying-paging.test.ts`). The whole matrix (every row, in `audit` and in `apply`, the same assertions) runs
 * in-process in `test/integration/faults.test.ts`; these rows prove the bundle behaves the same:
 * the report file, the `status` output, the exit code and the log.
 *
 * Every row gets its own sandbox, and every run starts at once in `beforeAll`; budgets are short
 * (`request-timeout: 2`, `retry-budget: 8`) and pages small (`page-size: 20`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import {
  POLICY,
  readReport,
  sandboxInputs,
  sandboxRequests,
  starterPolicy,
  writesIn,
  type LoggedRequest,
  type ReportFile,
} from './guard.support.js';
import { runAction } from './harness.js';
import { expectedEnd, MATRIX_INPUTS, row, TWO_MINUTES, type Mode } from '../helpers/fault-matrix.js';

const MODES: Mode[] = ['audit'];

const SMOKE_ROWS = [row('429 storm with Retry-After that passes'), row('connection resets that never end')];

let policy: string;
const clean = {} as Record<Mode, { report: ReportFile; log: LoggedRequest[] }>;
const sandboxes: Sandbox[] = [];

async function runAgainst(sandbox: Sandbox, mode: Mode, inputs: Record<string, string> = {}) {
  const started = Date.now();
  const run = await runAction({
    inputs: sandboxInputs(sandbox, { mode, ...MATRIX_INPUTS, ...inputs }),
    files: { [POLICY]: policy },
    timeoutMs: TWO_MINUTES,
  });
  return { run, seconds: (Date.now() - started) / 1000, report: await readReport(run) };
}

async function sandboxFor(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  sandboxes.push(sandbox);
  return sandbox;
}

const findingIds = (report: ReportFile) => report.findings.map((f) => f.id).sort();
const planOutcome = (report: ReportFile) =>
  report.plan.map((s) => `${s.user.id}:${s.status}`).sort((a, b) => a.localeCompare(b));

/** each row's run per mode, started in beforeAll beside the clean runs; never rejects */
const runs = new Map<string, Promise<RowRun | { thrown: unknown }>>();
type RowRun = Awaited<ReturnType<typeof runAgainst>> & { log: LoggedRequest[] };

beforeAll(async () => {
  policy = await starterPolicy();
  for (const mode of MODES) {
    for (const r of SMOKE_ROWS) {
      const observed = (async () => {
        const sandbox = await sandboxFor({ ...r.sandbox, ...(r.faults ? { faults: r.faults } : {}) });
        const ran = await runAgainst(sandbox, mode, r.inputs);
        return { ...ran, log: await sandboxRequests(sandbox) };
      })();
      runs.set(
        `${mode}|${r.fault}`,
        observed.catch((thrown: unknown) => ({ thrown })),
      );
    }
  }
  await Promise.all(
    MODES.map(async (mode) => {
      const sandbox = await sandboxFor();
      const { report } = await runAgainst(sandbox, mode);
      if (!report) throw new Error(`the clean ${mode} run wrote no report`);
      clean[mode] = { report, log: await sandboxRequests(sandbox) };
    }),
  );
}, 60_000);
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
});

describe('a clean run through the bundle, the yardstick for every row', () => {
  it('finds the sample tenant’s outsiders', () => {
    expect(clean.audit.report.status).toBe('fail');
    expect(clean.audit.report.findings.length).toBeGreaterThanOrEqual(3);
    expect(clean.audit.report.plan.length).toBeGreaterThan(0);
  });
});

describe.each(MODES)('mode %s under faults, through the bundle', (mode) => {
  for (const row of SMOKE_ROWS) {
    it.concurrent(
      `${row.fault}: ends with ${expectedEnd(row)}`,
      async () => {
        const observed = await runs.get(`${mode}|${row.fault}`);
        if (!observed || 'thrown' in observed) throw observed?.thrown ?? new Error('the row never ran');
        const { run, seconds, report, log } = observed;
        expect(seconds).toBeLessThan(TWO_MINUTES / 1000);
        expect(
          row.happened({ log, output: run.stdout, clean: clean[mode].log }),
          'the fault did not happen',
        ).toBe(true);
        if (row.logNeverShows) expect(run.stdout).not.toMatch(row.logNeverShows);
        expect(report, 'no report written').not.toBeNull();
        if (!report) return;

        if (row.expect === 'report') {
          expect(report.errors).toEqual([]);
          expect(report.status).toBe(clean[mode].report.status);
          expect(run.outputs.status).toBe(clean[mode].report.status);
          expect(findingIds(report)).toEqual(findingIds(clean[mode].report));
          expect(planOutcome(report)).toEqual(planOutcome(clean[mode].report));
        } else {
          expect(run.outputs.status).toBe('error');
          expect(report.status).toBe('error');
          expect(run.code).not.toBe(0);
          expect(report.errors.map((e) => `${e.code}: ${e.message}`).join('\n')).toMatch(row.expect);
          expect(run.stdout).toMatch(row.expect);
          // nothing audited, nothing planned: an incomplete read is never passed off as a result
          expect(report.findings).toEqual([]);
          expect(writesIn(log)).toEqual([]);
        }
      },
      TWO_MINUTES + 30_000,
    );
  }
});
