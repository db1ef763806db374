/**
 * Hostile input: tenant data written by an attacker (Markdown, HTML, mentions, workflow commands,
 * newlines, a 10,000-character name) must come out inert and bounded in every channel, through the
 * committed bundle; hostile policy files and absurd inputs are refused with a clear error (through
 * the action's `run()` in this process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { POLICY, readReport, sandboxInputs, starterPolicy, workspaceText } from './guard.support.js';
import { runAction, type ActionRun } from './harness.js';
import { runActionInProcess } from '../helpers/in-process.js';
import { actionInOwnWorkspace, HOSTILE, hostileTenant, strayCommandLines } from './hostile.support.js';

const ONE_MIB = 1024 * 1024;
const GITHUB_TOKEN = 'ghs_hostileE2eToken';
let sandbox: Sandbox;
let github: GitHubFake;
let policy: string;

beforeAll(async () => {
  [sandbox, github, policy] = await Promise.all([
    startSandbox({ data: hostileTenant() }),
    startGitHubFake(),
    starterPolicy(),
  ]);
});
afterAll(async () => {
  await Promise.all([sandbox.close(), github.close()]);
});

const githubEnv = () => ({
  GITHUB_API_URL: github.url,
  GITHUB_REPOSITORY: 'acme/access-policy',
  GITHUB_RUN_ID: '5',
});
const inputs = (extra: Record<string, string> = {}) =>
  sandboxInputs(sandbox, {
    mode: 'audit',
    redact: 'false',
    sarif: 'guard.sarif',
    'github-token': GITHUB_TOKEN,
    ...extra,
  });

/** Markdown that GitHub would render live: raw HTML, a live link, a mention that notifies. */
function expectInertMarkdown(channel: string, markdown: string): void {
  expect(markdown, `${channel}: raw HTML`).not.toMatch(/<img/i);
  expect(markdown, `${channel}: a live link`).not.toContain('[l](http://e)');
  expect(markdown, `${channel}: a notifying @everyone`).not.toMatch(/(?<![\w`\\])@everyone/);
  expect(markdown, `${channel}: a notifying @octocat`).not.toMatch(/(?<![\w`\\])@octocat/);
  expect(markdown, `${channel}: the whole 10,000-character name`).not.toContain(HOSTILE.longName);
}

describe('hostile names and emails from the tenant', () => {
  let audit: ActionRun;
  let pull: ActionRun;

  beforeAll(async () => {
    github.state.files.set(`ba5e0001:${POLICY}`, policy);
    github.addIssue({ number: 4, body: 'Policy change', labels: [], pull_request: { url: 'pulls/4' } });
    [audit, pull] = await Promise.all([
      runAction({
        inputs: inputs({ issue: 'true' }),
        env: githubEnv(),
        event: { name: 'schedule', payload: { repository: { private: true } } },
        files: { [POLICY]: policy },
      }),
      runAction({
        inputs: inputs(),
        env: githubEnv(),
        event: {
          name: 'pull_request',
          payload: {
            repository: { private: true },
            number: 4,
            pull_request: { number: 4, base: { sha: 'ba5e0001', ref: 'main' }, head: { sha: 'bead0002' } },
          },
        },
        files: { [POLICY]: policy },
      }),
    ]);
  }, 60_000);

  it('still finds the hostile outsiders (the data did reach every renderer)', async () => {
    const report = await readReport(audit);
    const ids = report?.findings.map((f) => f.user?.id);
    expect(ids).toEqual(expect.arrayContaining([160, 161, 162]));
    expect(audit.outputs.status).toBe('fail');
  });

  it('lets no workflow command out of the data: every :: line is one the action emitted', () => {
    for (const run of [audit, pull]) {
      expect(strayCommandLines(run, [GITHUB_TOKEN])).toEqual([]);
      expect(run.stdout).not.toMatch(/^::error::owned/m);
      expect(run.stdout).not.toMatch(/^::warning::injected/m);
    }
  });

  // GitHub shows annotation messages as plain text, so HTML and Markdown are inert there; what
  // matters is that no line of a message reads as a workflow command, and that it is bounded.
  it('keeps annotations free of workflow commands and bounded', () => {
    const flagged = audit.annotations.filter((a) => a.props.file === POLICY);
    expect(flagged.length).toBe(2);
    for (const a of audit.annotations) {
      expect(a.message).not.toMatch(/^::/m);
      expect(a.message).not.toContain(HOSTILE.longName);
      expect(a.message.length).toBeLessThan(64 * 1024);
    }
  });

  it('renders the summary inert and under 1 MiB', () => {
    for (const run of [audit, pull]) {
      expect(run.summary.length).toBeGreaterThan(100);
      expect(Buffer.byteLength(run.summary)).toBeLessThan(ONE_MIB);
      expectInertMarkdown('summary', run.summary);
    }
  });

  it('renders the tracking issue and the PR comment inert', () => {
    const issue = github.state.issues.find((i) => !i.pull_request);
    expect(issue?.body).toBeTruthy();
    expectInertMarkdown('issue title', issue?.title ?? '');
    expectInertMarkdown('issue body', issue?.body ?? '');
    const comments = github.state.comments.filter((c) => c.issue_number === 4);
    expect(comments.length).toBe(1);
    expectInertMarkdown('PR comment', comments[0]?.body ?? '');
  });

  it('writes SARIF whose Markdown is inert and whose messages are bounded', async () => {
    const sarif = JSON.parse(await workspaceText(audit, 'guard.sarif')) as {
      runs: { results: { message: { text?: string; markdown?: string } }[] }[];
    };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThanOrEqual(3);
    for (const { message } of results) {
      if (message.markdown) expectInertMarkdown('SARIF markdown', message.markdown);
      expect(message.text ?? '').not.toContain(HOSTILE.longName);
      expect(message.text ?? '').not.toContain('\n::');
    }
  });
});

describe('hostile policy files and absurd inputs', () => {
  it('refuses a policy that is a symlink out of the workspace', async () => {
    const run = await actionInOwnWorkspace(
      { inputs: { mode: 'validate' }, symlinkPolicyTo: policy },
      runActionInProcess,
    );
    expect(run.outputs.status).toBe('error');
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/policy\.outside-workspace/);
  });

  it('refuses a 50 MB policy file quickly, without reading it', async () => {
    const started = Date.now();
    const run = await actionInOwnWorkspace(
      { inputs: { mode: 'validate' }, policyBytes: Buffer.alloc(50 * 1024 * 1024, 'rules: []\n') },
      runActionInProcess,
    );
    expect(run.outputs.status).toBe('error');
    expect(run.stdout).toMatch(/policy\.too-large/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(ONE_MIB);
  });

  it('refuses binary garbage as a policy with a clear code', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const run = await actionInOwnWorkspace(
      { inputs: { mode: 'validate' }, policyBytes: garbage },
      runActionInProcess,
    );
    expect(run.outputs.status).toBe('error');
    expect(run.stdout).toMatch(/policy\.(not-text|yaml-syntax)/);
    // the bytes are not echoed back into the log as workflow commands
    expect(strayCommandLines(run)).toEqual([]);
  });

  const ABSURD: [string, Record<string, string>, RegExp][] = [
    ['max-changes: -1', { 'max-changes': '-1' }, /max-changes/],
    ['max-changes: 0', { 'max-changes': '0' }, /max-changes/],
    ['fail-on: whatever', { 'fail-on': 'whatever' }, /fail-on/],
    ['mode: destroy', { mode: 'destroy' }, /mode/],
    [
      'a tenant id with a newline and a workflow command',
      { tenant: '1\n::set-output name=status::pass' },
      /tenant/,
    ],
    ['redact with a control character', { redact: 'true\u0007' }, /redact/],
  ];
  for (const [name, given, names] of ABSURD) {
    it(`refuses ${name} with an error naming the input`, async () => {
      const run = await runActionInProcess({
        inputs: { mode: 'validate', ...given },
        files: { [POLICY]: policy },
      });
      expect(run.outputs.status).toBe('error');
      expect(run.code).not.toBe(0);
      const errors = run.annotations.filter((a) => a.level === 'error');
      expect(errors.map((a) => a.message).join('\n')).toMatch(names);
      expect(errors.map((a) => a.message).join('\n')).toMatch(/input\.invalid-/);
      expect(strayCommandLines(run)).toEqual([]);
    });
  }
});
