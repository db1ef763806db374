/**
 * What must never be lost: a journal is never replaced without --force, a failed run writes no
 * journal over a good one, and apply can be pinned to the plan a person reviewed. The command
 * line runs in-process (`runCommand`); the first journal case runs through the committed bundle.
 */
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runPipeline } from '../../src/pipeline.js';
import { parseSettings } from '../../src/settings.js';
import { silentLogger } from '../../src/logger.js';
import { cliInputs } from '../../src/cli/run.js';
import { ROOT, runCli, sandboxEnv } from './harness.js';
import { runCliInProcess } from '../helpers/in-process.js';

let sandbox: Sandbox;
let starter: string;
const POLICY = 'policy.yml';

beforeAll(async () => {
  sandbox = await startSandbox();
  starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function writes() {
  return sandbox.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/connect/token'));
}

async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-never-lost-'));
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, POLICY), starter);
  return dir;
}

/** `st-access-guard ARGS --policy policy.yml --quiet` in `cwd`: in-process, or the bundle */
function cli(args: string[], cwd: string, run: typeof runCli = runCliInProcess) {
  return run([...args, '--policy', POLICY, '--quiet'], { env: sandboxEnv(sandbox), cwd });
}
const bundle = (args: string[], cwd: string) => cli(args, cwd, runCli);

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe('a journal is never replaced by accident', () => {
  it('refuses a second apply over the first apply’s journal, changing nothing; --force replaces it (the bundle)', async () => {
    const dir = await workspace();
    const first = await bundle(['apply', '--report', 'apply.json'], dir);
    expect(first.code).toBe(0);
    const journal = await readFile(path.join(dir, 'apply.json'), 'utf8');
    expect(JSON.parse(journal).plan.filter((s: { status: string }) => s.status === 'verified')).toHaveLength(
      3,
    );

    sandbox.reset();
    const second = await bundle(['apply', '--report', 'apply.json'], dir);
    expect(second.code).toBe(2);
    expect(second.stderr + second.stdout).toContain('input.journal-exists');
    expect(second.stderr + second.stdout).toMatch(/--force replaces it/);
    expect(writes()).toEqual([]);
    expect(await readFile(path.join(dir, 'apply.json'), 'utf8')).toBe(journal);

    // an audit with the same --report must not replace it either
    const audit = await cli(['audit', '--report', 'apply.json'], dir);
    expect(audit.code).toBe(2);
    expect(await readFile(path.join(dir, 'apply.json'), 'utf8')).toBe(journal);

    const forced = await cli(['apply', '--report', 'apply.json', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(writes().length).toBe(3);
  });

  it('an undo of a report that does not exist leaves no stray file', async () => {
    const dir = await workspace();
    const undo = await cli(['undo', 'nope.json'], dir);
    expect(undo.code).toBe(2);
    expect(undo.stderr + undo.stdout).toContain('undo.report-not-found');
    expect(await exists(path.join(dir, 'nope.json.undo.json'))).toBe(false);
  });

  it('a failed undo never replaces the journal of an earlier undo, even with --force', async () => {
    const dir = await workspace();
    expect((await cli(['apply', '--report', 'apply.json'], dir)).code).toBe(0);
    expect((await cli(['undo', 'apply.json'], dir)).code).toBe(0);
    const undoJournal = await readFile(path.join(dir, 'apply.json.undo.json'), 'utf8');
    // the apply report gets damaged; a forced undo fails before changing anything
    await writeFile(path.join(dir, 'apply.json'), '{ not json');
    const failed = await cli(['undo', 'apply.json', '--force'], dir);
    expect(failed.code).toBe(2);
    expect(await readFile(path.join(dir, 'apply.json.undo.json'), 'utf8')).toBe(undoJournal);
  });
});

describe('an earlier evidence pack', () => {
  it('is replaced only with a word saying so', async () => {
    const dir = await workspace();
    const first = await runCliInProcess(['audit', '--policy', POLICY, '--evidence', 'pack'], {
      env: sandboxEnv(sandbox),
      cwd: dir,
    });
    expect(first.stderr).toContain('Evidence pack: ');
    expect(first.stderr).not.toMatch(/replaced the earlier pack/);
    const second = await runCliInProcess(['audit', '--policy', POLICY, '--evidence', 'pack'], {
      env: sandboxEnv(sandbox),
      cwd: dir,
    });
    expect(second.stderr).toMatch(/Evidence pack: \S*pack \(replaced the earlier pack there\)/);
  });
});

describe('apply pinned to a reviewed plan (--plan)', () => {
  it('carries out only the reviewed steps, skipping a user changed since the review and changes not reviewed', async () => {
    const dir = await workspace();
    // the review: an audit's plan of 3 locks (160, 161, 162)
    const audit = await cli(['audit', '--report', 'reviewed.json'], dir);
    expect(audit.code).toBe(1);
    const reviewed = JSON.parse(await readFile(path.join(dir, 'reviewed.json'), 'utf8'));
    expect(reviewed.plan.map((s: { user: { id: number } }) => s.user.id)).toEqual([160, 161, 162]);

    // since the review: someone changes 161's role, and 163 gets the API-key permission
    const kevin = sandbox.state.employees.find((e) => e.id === 161)!;
    kevin.roleIds = [...(kevin.roleIds ?? []), 9];
    const other = sandbox.state.employees.find(
      (e) => e.active && !e.accountLocked && e.id > 103 && e.id < 160 && e.email?.endsWith('@acme-hvac.com'),
    )!;
    other.email = 'someone@outside.example';
    for (const p of other.permissions ?? []) if (p?.id === 10421) p.value = 'True';

    const apply = await cli(['apply', '--plan', 'reviewed.json', '--report', 'apply.json', '--json'], dir);
    const report = JSON.parse(apply.stdout);
    const byId = Object.fromEntries(report.plan.map((s: { user: { id: number } }) => [s.user.id, s]));
    expect(byId[160].status).toBe('verified');
    expect(byId[162].status).toBe('verified');
    expect(byId[161]).toMatchObject({ status: 'skipped' });
    expect(byId[161].reason).toMatch(/^changed since the review: role ids are/);
    expect(byId[other.id]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/not in the reviewed plan/),
    });
    expect(writes().map((w) => w.path.split('/').slice(-1)[0])).toEqual(['160', '162']);
    expect(sandbox.state.employees.find((e) => e.id === other.id)?.accountLocked).toBeFalsy();
  });

  it('refuses a plan of another tenant, and a report that is not an audit', async () => {
    const dir = await workspace();
    await cli(['audit', '--report', 'reviewed.json'], dir);
    const other = JSON.parse(await readFile(path.join(dir, 'reviewed.json'), 'utf8'));
    await writeFile(path.join(dir, 'other.json'), JSON.stringify({ ...other, tenant: '42' }));
    const wrong = await cli(['apply', '--plan', 'other.json', '--report', 'a.json'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr + wrong.stdout).toContain('input.plan-wrong-tenant');
    await writeFile(path.join(dir, 'apply-report.json'), JSON.stringify({ ...other, mode: 'apply' }));
    const notAudit = await cli(['apply', '--plan', 'apply-report.json', '--report', 'b.json'], dir);
    expect(notAudit.code).toBe(2);
    expect(notAudit.stderr + notAudit.stdout).toContain('input.invalid-plan');
    expect(writes()).toEqual([]);
  });
});

describe('asking before writing', () => {
  it('changes nothing when the person at the prompt does not confirm', async () => {
    const dir = await workspace();
    const settings = parseSettings(
      cliInputs(
        'apply',
        { policy: path.join(dir, POLICY), report: path.join(dir, 'apply.json') },
        sandboxEnv(sandbox),
      ),
      { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} },
      dir,
    );
    const asked: number[] = [];
    const result = await runPipeline(settings, {
      logger: silentLogger,
      now: () => new Date(),
      confirm: async (steps) => {
        asked.push(steps.length);
        return false;
      },
    });
    expect(asked).toEqual([3]);
    expect(result.report.refusals.map((r) => r.code)).toEqual(['apply.not-confirmed']);
    expect(result.report.status).toBe('fail');
    expect(writes()).toEqual([]);
  });
});
