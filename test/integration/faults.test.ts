/**
 * The fault matrix, in-process: every row of `test/helpers/fault-matrix.ts` runs the pipeline
 * (`runPipeline`, with the settings the CLI would parse) against its own sandbox, in `audit` and
 * in `apply`. Each row ends in either the same report a clean run gives, or `status: error` with
 * a code naming the cause; never `pass` on partial data, never a write after a read failed,
 * always within 2 minutes; and the sandbox's log proves the fault was served.
 *
 * Nearly all of a row's time is waiting (retry budgets, timeouts, slow answers), so every run is
 * started at once in `beforeAll` and each test awaits its own: the file takes about as long as
 * its slowest row. A few rows also run through the committed bundle in `test/e2e/faults.test.ts`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { statusExitCode } from '../../src/report/build.js';
import type { Report } from '../../src/report/model.js';
import {
  expectedEnd,
  MATRIX_INPUTS,
  MODES,
  ROWS,
  TWO_MINUTES,
  type FaultRow,
  type LoggedRequest,
  type Mode,
} from '../helpers/fault-matrix.js';
import { runPipelineAgainst, type PipelineRun } from '../helpers/in-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POLICY = '.github/servicetitan-access.yml';
const REPORT = 'servicetitan-access-report.json';

type Run = PipelineRun;

let policy: string;
const sandboxes: Sandbox[] = [];
const clean = {} as Record<Mode, { report: Report; log: LoggedRequest[] }>;
/** each row's run per mode, started in beforeAll; never rejects (a thrown error is its value) */
const runs = new Map<string, Promise<Run | { thrown: unknown }>>();
const key = (mode: Mode, r: FaultRow) => `${mode}|${r.fault}`;

/**
 * The client's own rate limit is raised: ServiceTitan's 55 a second would hold the row that pages
 * forever to a thousand pages in 18 s, and no row is about the client's limiter.
 */
function runAgainst(sandbox: Sandbox, mode: Mode, inputs: Record<string, string> = {}): Promise<Run> {
  return runPipelineAgainst(sandbox, mode, {
    inputs: { policy: POLICY, report: REPORT, ...MATRIX_INPUTS, ...inputs },
    files: { [POLICY]: policy },
    tuning: { requestsPerSecond: 1000 },
  });
}

async function sandboxFor(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  sandboxes.push(sandbox);
  return sandbox;
}

const findingIds = (report: Report) => report.findings.map((f) => f.id).sort();
const planOutcome = (report: Report) =>
  report.plan.map((s) => `${s.user.id}:${s.status}`).sort((a, b) => a.localeCompare(b));
const writesIn = (log: LoggedRequest[]) =>
  log.filter((r) => r.method !== 'GET' && !r.path.endsWith('/connect/token'));

beforeAll(async () => {
  policy = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
  // the clean runs first, alone: the yardstick's request log is not disturbed by the rows
  await Promise.all(
    MODES.map(async (mode) => {
      const { report, log } = await runAgainst(await sandboxFor(), mode);
      clean[mode] = { report, log };
    }),
  );
  // then every faulty run at once; each test awaits its own
  for (const mode of MODES) {
    for (const r of ROWS) {
      if (r.skip) continue;
      const run = sandboxFor({ ...r.sandbox, ...(r.faults ? { faults: r.faults } : {}) }).then((sandbox) =>
        runAgainst(sandbox, mode, r.inputs),
      );
      runs.set(
        key(mode, r),
        run.catch((thrown: unknown) => ({ thrown })),
      );
    }
  }
}, 60_000);
afterAll(async () => {
  // the runs still going when a test failed early end here, their sandboxes closed under them
  await Promise.all(sandboxes.map((s) => s.close()));
});

describe('a clean run, the yardstick for every row', () => {
  it('finds the sample tenant’s outsiders, and apply verifies every planned step', () => {
    expect(clean.audit.report.status).toBe('fail');
    expect(clean.audit.report.findings.length).toBeGreaterThanOrEqual(3);
    expect(findingIds(clean.apply.report)).toEqual(findingIds(clean.audit.report));
    expect(clean.apply.report.plan.length).toBeGreaterThan(0);
    expect(clean.apply.report.plan.every((s) => s.status === 'verified')).toBe(true);
  });
});

describe.each(MODES)('mode %s under faults', (mode) => {
  for (const row of ROWS) {
    // row.skip says why the row cannot run; row.defect names the defect
    const test = row.skip ? it.skip : row.defect ? it.concurrent.fails : it.concurrent;
    test(
      `${row.fault}: ends with ${expectedEnd(row)}`,
      async () => {
        const outcome = await runs.get(key(mode, row));
        if (!outcome || 'thrown' in outcome) throw outcome?.thrown ?? new Error('the row never ran');
        const { result, seconds, output, rendered, log } = outcome;
        const { report } = result;
        expect(seconds).toBeLessThan(TWO_MINUTES / 1000);
        expect(row.happened({ log, output, clean: clean[mode].log }), 'the fault did not happen').toBe(true);
        if (row.logNeverShows) {
          expect(output).not.toMatch(row.logNeverShows);
          expect(rendered).not.toMatch(row.logNeverShows);
        }
        expect(result.writeReport, 'no report written').toBe(true);

        if (row.expect === 'report') {
          expect(report.errors).toEqual([]);
          expect(report.status).toBe(clean[mode].report.status);
          expect(findingIds(report)).toEqual(findingIds(clean[mode].report));
          expect(planOutcome(report)).toEqual(planOutcome(clean[mode].report));
        } else {
          // the action's `status` output and exit code come from these two
          expect(report.status).toBe('error');
          expect(statusExitCode(report)).not.toBe(0);
          expect(report.errors.map((e) => `${e.code}: ${e.message}`).join('\n')).toMatch(row.expect);
          // what the user is shown names the cause
          expect(rendered).toMatch(row.expect);
          // nothing audited, nothing planned: an incomplete read is never passed off as a result
          expect(report.findings).toEqual([]);
          expect(writesIn(log)).toEqual([]);
        }
      },
      TWO_MINUTES + 30_000,
    );
  }
});
