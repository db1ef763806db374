/**
 * A server that lies about paging, through the committed bundles with the default budgets: a
 * total of a billion served one record a page, and `hasMore` forever with records never seen
 * before and no total. Each run ends with status `error` (`servicetitan.paging-limit`), a report
 * and exit code 3, well within the 2 minutes a failing ServiceTitan is given: never a crash, an
 * out-of-memory, or a run that reads forever.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Faults, type Sandbox } from '../../src/sandbox/index.js';
import { POLICY, readReport, sandboxRequests, starterPolicy, writesIn } from './guard.support.js';
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

async function lyingSandbox(path: string, kind: 'huge-total-count' | 'has-more-forever-new-ids') {
  const faults: Faults = { rules: [{ match: { method: 'GET', path }, kind }] };
  const sandbox = await startSandbox({ faults });
  sandboxes.push(sandbox);
  return sandbox;
}

const reads = (log: { path: string }[], list: string) => log.filter((r) => r.path.endsWith(list)).length;

interface Case {
  name: string;
  path: string;
  kind: 'huge-total-count' | 'has-more-forever-new-ids';
  inputs?: Record<string, string>;
  /** what the error message names */
  says: RegExp;
  /** the most reads of the lying list the run may make */
  maxReads: number;
}

const CASES: Case[] = [
  {
    name: 'a total of a billion, one record a page',
    path: '/employees',
    kind: 'huge-total-count',
    says: /employees reported 1000000000 records, more than the 250000 the run reads at most \(max-records\)/,
    maxReads: 2,
  },
  {
    name: 'hasMore forever, one new record a page, no total',
    path: '/employees',
    kind: 'has-more-forever-new-ids',
    inputs: { 'page-size': '1' },
    says: /when the run had read 1000 pages, the most it reads \(max-pages\)/,
    maxReads: 1000,
  },
  {
    name: 'hasMore forever on every list, full pages of new records, no total',
    path: '/settings/v2/',
    kind: 'has-more-forever-new-ids',
    says: /sent more records than the 250000 the run reads at most \(max-records\)/,
    maxReads: 1000,
  },
  {
    name: 'hasMore forever, with max-pages set low',
    path: '/technicians',
    kind: 'has-more-forever-new-ids',
    inputs: { 'page-size': '20', 'max-pages': '30' },
    says: /when the run had read 30 pages, the most it reads \(max-pages\)/,
    maxReads: 30,
  },
];

// one run at a time: the sandboxes serve from this process, and the times measured are the runs' own
describe('a server that lies about paging is given up on with status error, within 2 minutes', () => {
  for (const c of CASES) {
    it(
      `${c.name}: error servicetitan.paging-limit, a report, well within 2 minutes`,
      async () => {
        const sandbox = await lyingSandbox(c.path, c.kind);
        const started = Date.now();
        const run = await runAction({
          inputs: sandboxInputs(sandbox, { mode: 'audit', ...DEFAULT_BUDGETS, ...c.inputs }),
          files: { [POLICY]: policy },
          timeoutMs: TWO_MINUTES,
        });
        const seconds = (Date.now() - started) / 1000;
        const log = await sandboxRequests(sandbox);
        console.log(`${c.name}: ${seconds.toFixed(1)} s, ${log.length} requests`);

        expect(seconds).toBeLessThan(WELL_WITHIN_S);
        expect(run.stderr).not.toMatch(/heap|invalid size|RangeError|This is a bug/i);
        const report = await readReport(run);
        expect(report, 'no report written').not.toBeNull();
        expect(report?.status).toBe('error');
        expect(run.outputs.status).toBe('error');
        expect(run.code).not.toBe(0);
        const errors = (report?.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('\n');
        expect(errors).toMatch(/servicetitan\.paging-limit/);
        expect(errors).toMatch(c.says);
        expect(run.stdout).toMatch(/servicetitan\.paging-limit/);
        expect(run.summary).toMatch(/servicetitan\.paging-limit/);
        expect(report?.findings).toEqual([]);
        expect(writesIn(log)).toEqual([]);
        const lyingReads = c.path.startsWith('/settings') ? log.length : reads(log, c.path);
        expect(lyingReads).toBeGreaterThan(0);
        expect(lyingReads).toBeLessThanOrEqual(c.maxReads + 1);
      },
      TWO_MINUTES + 30_000,
    );
  }

  it(
    'st-access-guard audit: a total of a billion exits 3 with the code and writes the report',
    async () => {
      const sandbox = await lyingSandbox('/technicians', 'huge-total-count');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-lying-'));
      await writeFile(path.join(dir, 'policy.yml'), policy);
      const started = Date.now();
      const res = await runCli(['audit', '--policy', 'policy.yml', '--report', 'report.json'], {
        cwd: dir,
        env: sandboxEnv(sandbox),
        timeoutMs: TWO_MINUTES,
      });
      const seconds = (Date.now() - started) / 1000;
      console.log(`CLI, a total of a billion: ${seconds.toFixed(1)} s`);
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

  it('st-access-guard audit --max-records refuses a tenant larger than asked', async () => {
    const sandbox = await startSandbox();
    sandboxes.push(sandbox);
    const res = await runCli(
      ['audit', '--policy', 'examples/policies/starter.yml', '--max-records', '20', '--json'],
      { env: sandboxEnv(sandbox) },
    );
    expect(res.code).toBe(3);
    expect(res.stdout).toMatch(/servicetitan\.paging-limit/);
    expect(res.stdout).toMatch(/than the 20 the run reads at most \(max-records\)/);
  });
});
