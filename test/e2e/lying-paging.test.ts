/**
 * A server that lies about paging, through the committed bundles with the default budgets: a
 * total of a billion served one record a page. The action and the CLI end with status `error`
 * (`servicetitan.paging-limit`), a report and exit code 3, well within the 2 minutes a failing
 * ServiceTitan is given: never a crash, an out-of-memory, or a run that reads forever. Every lie
 * (`hasMore` forever with new records, a tenant beyond --max-records) runs in-process in
 * test/integration/lying-paging.test.ts.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Faults, type Sandbox } from '../../src/sandbox/index.js';
import { POLICY, readReport, starterPolicy, writesIn } from './guard.support.js';
import { runAction, runCli, sandboxEnv, sandboxInputs } from './harness.js';

const TWO_MINUTES = 120_000;
/** "well within" 2 minutes: what each run must stay under */
const WELL_WITHIN_S = 60;
// the action's defaults, instead of the harness's short test budgets
const DEFAULT_BUDGETS = { 'request-timeout': '30', 'retry-budget': '110' };

const sandboxes: Sandbox[] = [];
let policy: string;
beforeAll(async () => {
  policy = await starterPolicy();
});
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
});

async function lyingSandbox(path: string) {
  const faults: Faults = { rules: [{ match: { method: 'GET', path }, kind: 'huge-total-count' }] };
  const sandbox = await startSandbox({ faults });
  sandboxes.push(sandbox);
  return sandbox;
}

const reads = (log: { path: string }[], list: string) => log.filter((r) => r.path.endsWith(list)).length;

describe('a server that lies about paging is given up on with status error, within 2 minutes', () => {
  it(
    'the action, a total of a billion one record a page: error servicetitan.paging-limit, a report, well within 2 minutes',
    async () => {
      const sandbox = await lyingSandbox('/employees');
      const started = Date.now();
      const run = await runAction({
        inputs: sandboxInputs(sandbox, { mode: 'audit', ...DEFAULT_BUDGETS }),
        files: { [POLICY]: policy },
        timeoutMs: TWO_MINUTES,
      });
      const seconds = (Date.now() - started) / 1000;
      const log = sandbox.requests;

      expect(seconds).toBeLessThan(WELL_WITHIN_S);
      expect(run.stderr).not.toMatch(/heap|invalid size|RangeError|This is a bug/i);
      const report = await readReport(run);
      expect(report, 'no report written').not.toBeNull();
      expect(report?.status).toBe('error');
      expect(run.outputs.status).toBe('error');
      expect(run.code).not.toBe(0);
      const errors = (report?.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('\n');
      expect(errors).toMatch(
        /employees reported 1000000000 records, more than the 250000 the run reads at most \(max-records\)/,
      );
      expect(run.stdout).toMatch(/servicetitan\.paging-limit/);
      expect(run.summary).toMatch(/servicetitan\.paging-limit/);
      expect(report?.findings).toEqual([]);
      expect(writesIn(log)).toEqual([]);
      expect(reads(log, '/employees')).toBeGreaterThan(0);
      expect(reads(log, '/employees')).toBeLessThanOrEqual(3);
    },
    TWO_MINUTES + 30_000,
  );

  it(
    'st-access-guard audit: a total of a billion exits 3 with the code and writes the report',
    async () => {
      const sandbox = await lyingSandbox('/technicians');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-lying-'));
      await writeFile(path.join(dir, 'policy.yml'), policy);
      const started = Date.now();
      const res = await runCli(['audit', '--policy', 'policy.yml', '--report', 'report.json'], {
        cwd: dir,
        env: sandboxEnv(sandbox),
        timeoutMs: TWO_MINUTES,
      });
      const seconds = (Date.now() - started) / 1000;
      expect(seconds).toBeLessThan(WELL_WITHIN_S);
      expect(res.code).toBe(3);
      expect(res.stdout + res.stderr).toMatch(/servicetitan\.paging-limit/);
      expect(res.stderr).not.toMatch(/heap|invalid size|This is a bug/i);
      const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as {
        status: string;
        errors: { code: string }[];
      };
      expect(report.status).toBe('error');
      expect(report.errors.map((e) => e.code)).toContain('servicetitan.paging-limit');
    },
    TWO_MINUTES + 30_000,
  );
});
