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
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { runPipeline, type PipelineResult } from '../../src/pipeline.js';
import { parseSettings, type EventContext } from '../../src/settings.js';
import { recordingLogger } from '../../src/logger.js';
import { cliInputs } from '../../src/cli/run.js';
import { renderConsole } from '../../src/report/console.js';
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

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POLICY = '.github/servicetitan-access.yml';
const REPORT = 'servicetitan-access-report.json';
const CLI_EVENT: EventContext = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };
/** The inputs the command line reads from the environment (cliInputs' ST_* variables). */
const FROM_ENV: Record<string, string> = {
  tenant: 'ST_TENANT',
  'client-id': 'ST_CLIENT_ID',
  'client-secret': 'ST_CLIENT_SECRET',
  'app-key': 'ST_APP_KEY',
  'api-url': 'ST_API_URL',
  'auth-url': 'ST_AUTH_URL',
};

interface Run {
  result: PipelineResult;
  /** every line the run logged, debug included */
  output: string;
  /** what the CLI prints for the report (no colour) */
  rendered: string;
  log: LoggedRequest[];
  seconds: number;
}

let policy: string;
const sandboxes: Sandbox[] = [];
const clean = {} as Record<Mode, { report: Report; log: LoggedRequest[] }>;
/** each row's run per mode, started in beforeAll; never rejects (a thrown error is its value) */
const runs = new Map<string, Promise<Run | { thrown: unknown }>>();
const key = (mode: Mode, r: FaultRow) => `${mode}|${r.fault}`;

async function runAgainst(sandbox: Sandbox, mode: Mode, inputs: Record<string, string> = {}): Promise<Run> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'st-guard-faults-'));
  await mkdir(path.join(workspace, path.dirname(POLICY)), { recursive: true });
  await writeFile(path.join(workspace, POLICY), policy);
  const env: Record<string, string> = {
    ST_TENANT: sandbox.tenant,
    ST_CLIENT_ID: sandbox.credentials.clientId,
    ST_CLIENT_SECRET: sandbox.credentials.clientSecret,
    ST_APP_KEY: sandbox.credentials.appKey,
    ST_API_URL: sandbox.url,
    ST_AUTH_URL: sandbox.authUrl,
  };
  const values: Record<string, string> = { policy: POLICY, report: REPORT };
  for (const [name, value] of Object.entries({ ...MATRIX_INPUTS, ...inputs })) {
    const variable = FROM_ENV[name];
    if (variable) env[variable] = value;
    else values[name] = value;
  }
  const settings = parseSettings(cliInputs(mode, values, env), CLI_EVENT, workspace);
  const logger = recordingLogger();
  const started = Date.now();
  const result = await runPipeline(settings, { logger, now: () => new Date() });
  return {
    result,
    seconds: (Date.now() - started) / 1000,
    output: logger.lines.join('\n'),
    rendered: renderConsole(result.report, { color: false, policy: result.policy }),
    log: sandbox.requests.map(({ method, path, status }) => ({ method, path, status })),
  };
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
  // every faulty run starts now, beside the clean ones; each test awaits its own
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
  await Promise.all(
    MODES.map(async (mode) => {
      const { result, log } = await runAgainst(await sandboxFor(), mode);
      clean[mode] = { report: result.report, log };
    }),
  );
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
