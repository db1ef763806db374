/**
 * An access review through the committed bundles, as a workflow and a person run it: the action
 * starts the review (issues, outputs, job summary), a reviewer decides in a comment, and the
 * command line closes it with the evidence pack. The whole quarter is in test/review/.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { ROOT, runAction, runCli, sandboxEnv, sandboxInputs } from './harness.js';

const POLICY = '.github/servicetitan-access.yml';
const TOKEN = 'ghs_e2eReviewToken0123456789';
const REVIEWS = `
reviews:
  reviewers:
    - github: [field-lead]
      applies-to: { kinds: [technician] }
    - github: [it-lead]
`;
let sandbox: Sandbox;
let github: GitHubFake;
let policy: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  github = await startGitHubFake();
  policy = (await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8')) + REVIEWS;
});
afterAll(async () => {
  await sandbox.close();
  await github.close();
});

describe('an access review through the bundles', () => {
  it('starts with the action and closes with the command line', async () => {
    const started = await runAction({
      inputs: { mode: 'review', review: 'start', ...sandboxInputs(sandbox, { 'github-token': TOKEN }) },
      env: { GITHUB_API_URL: github.url, GITHUB_RUN_ID: '7' },
      event: { name: 'schedule', payload: { repository: { private: true } } },
      files: { [POLICY]: policy },
    });
    expect(started.code, started.stdout).toBe(0);
    expect(started.outputs.status).toBe('pass');
    const numbers = github.state.issues.map((i) => i.number);
    expect(started.outputs['review-issues']).toBe(numbers.join(','));
    expect(started.outputs.decided).toBe('0');
    expect(started.outputs.undecided).toBe('8');
    expect(started.summary).toContain('ServiceTitan access review (start)');
    // the token appears only where the action registers it for masking
    expect(started.stdout.split('\n').filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`]);

    github.addComment(numbers[0]!, '/keep all subcontractor crew', { login: 'field-lead', type: 'User' });
    github.addComment(numbers[1]!, '/revoke employee:161 contractor, left in December', {
      login: 'it-lead',
      type: 'User',
    });
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'st-guard-review-cli-'));
    await mkdir(path.join(cwd, '.github'), { recursive: true });
    await writeFile(path.join(cwd, POLICY), policy);
    const closed = await runCli(
      ['review', 'close', '--repo', 'acme/access-policy', '--evidence', 'pack', '--report', 'close.json'],
      { cwd, env: { ...sandboxEnv(sandbox), GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url } },
    );
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toMatch(/1 of 8 decided|2 of 8 decided/);
    expect(closed.stdout).toContain('revoke employee:161');
    expect(github.state.issues.every((i) => i.state === 'closed')).toBe(true);
    const csv = await readFile(path.join(cwd, 'pack', 'attestations.csv'), 'utf8');
    expect(csv).toMatch(
      /^employee:161,Jake Morrison <jake\.morrison\.hvac@gmail\.com>,revoke,"contractor, left in December",it-lead,/m,
    );
    expect(csv).toMatch(/^employee:162,[^\n]*,undecided,/m);
    const report = JSON.parse(await readFile(path.join(cwd, 'close.json'), 'utf8'));
    expect(report.mode).toBe('review');
    expect(report.plan).toEqual([expect.objectContaining({ action: 'lock', status: 'planned' })]);
    expect(closed.stderr + closed.stdout).not.toContain(TOKEN);
  });
});
