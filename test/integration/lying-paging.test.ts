/**
 * A server that lies about paging, in-process with the default budgets: a total of a billion
 * served one record a page, and `hasMore` forever with records never seen before and no total.
 * Each run ends with status `error` (`servicetitan.paging-limit`), a report and a failing exit
 * status, well within the 2 minutes a failing ServiceTitan is given: never a crash, an
 * out-of-memory, or a run that reads forever. The client's rate limit is raised so that a
 * thousand pages do not take 18 s at ServiceTitan's 55 a second; the limits are the defaults but
 * where a case says otherwise.
 * test/e2e/lying-paging.test.ts runs the bundles against a billion-record total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Faults, type Sandbox } from '../../src/sandbox/index.js';
import { POLICY, starterPolicy, writesIn } from '../e2e/guard.support.js';
import { runPipelineAgainst } from '../helpers/in-process.js';

const TWO_MINUTES = 120_000;
/** "well within" 2 minutes: what each run must stay under */
const WELL_WITHIN_S = 60;
// the action's defaults, instead of the tests' short budgets
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
    // max-records lowered from 250,000: every record is built, sent and read, and the allowance
    // (shared by the four lists) stops the flood the same way at any size; the default's own
    // figure is the billion-total case's, and its memory is `npm run bench`'s
    name: 'hasMore forever on every list, full pages of new records, no total',
    path: '/settings/v2/',
    kind: 'has-more-forever-new-ids',
    inputs: { 'max-records': '25000' },
    says: /sent more records than the 25000 the run reads at most \(max-records\)/,
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
  {
    name: 'a tenant larger than --max-records',
    path: '/none',
    kind: 'huge-total-count',
    inputs: { 'max-records': '20' },
    says: /than the 20 the run reads at most \(max-records\)/,
    maxReads: 0,
  },
];

describe('a server that lies about paging is given up on with status error, within 2 minutes', () => {
  for (const c of CASES) {
    it(
      `${c.name}: error servicetitan.paging-limit, a report, well within 2 minutes`,
      async () => {
        const sandbox = await lyingSandbox(c.path, c.kind);
        const run = await runPipelineAgainst(sandbox, 'audit', {
          inputs: { policy: POLICY, report: 'report.json', ...DEFAULT_BUDGETS, ...c.inputs },
          files: { [POLICY]: policy },
          tuning: { requestsPerSecond: 5000 },
        });
        const { report, log } = run;

        expect(run.seconds).toBeLessThan(WELL_WITHIN_S);
        expect(run.output).not.toMatch(/heap|invalid size|RangeError|This is a bug/i);
        expect(run.result.writeReport, 'no report written').toBe(true);
        expect(report.status).toBe('error');
        expect(run.code).not.toBe(0);
        const errors = report.errors.map((e) => `${e.code}: ${e.message}`).join('\n');
        expect(errors).toMatch(/servicetitan\.paging-limit/);
        expect(errors).toMatch(c.says);
        expect(run.rendered).toMatch(/servicetitan\.paging-limit/);
        expect(report.findings).toEqual([]);
        expect(writesIn(log)).toEqual([]);
        if (c.maxReads > 0) {
          const lyingReads = c.path.startsWith('/settings') ? log.length : reads(log, c.path);
          expect(lyingReads).toBeGreaterThan(0);
          expect(lyingReads).toBeLessThanOrEqual(c.maxReads + 1);
        }
      },
      TWO_MINUTES + 30_000,
    );
  }
});
