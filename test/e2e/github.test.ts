/**
 * The three ways users run the action, with a GitHub API fake and the sandbox on loopback: a
 * scheduled audit with its tracking issue, a pull request on the policy (same repository with
 * secrets, and a fork without), and a manual run. The pull request with secrets runs through the
 * committed bundle; the other cases run the action's `run()` in this process.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { ROOT, runAction, sandboxInputs } from './harness.js';
import { runActionInProcess } from '../helpers/in-process.js';

const POLICY = '.github/servicetitan-access.yml';
const TOKEN = 'ghs_e2eFakeToken0123456789';
let sandbox: Sandbox;
let github: GitHubFake;
let starter: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  github = await startGitHubFake();
  starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
});
afterAll(async () => {
  await sandbox.close();
  await github.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
});

function credentials(): Record<string, string> {
  return sandboxInputs(sandbox, { 'github-token': TOKEN });
}

const githubEnv = () => ({
  GITHUB_API_URL: github.url,
  GITHUB_REPOSITORY: 'acme/access-policy',
  GITHUB_RUN_ID: '42',
});

describe('scheduled audit with issue: true', () => {
  it('opens one tracking issue, leaves it alone on an unchanged run, and closes it when clean', async () => {
    const schedule = { name: 'schedule', payload: { repository: { private: true } } };
    const first = await runActionInProcess({
      inputs: {
        mode: 'audit',
        ...credentials(),
        issue: 'true',
        'issue-labels': 'servicetitan-access, security',
      },
      env: githubEnv(),
      event: schedule,
      files: { [POLICY]: starter },
    });
    expect(first.outputs['issue-number']).toMatch(/^\d+$/);
    const issues = github.state.issues.filter((i) => !i.pull_request);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.body).toContain('kevin.tran&commat;coolit-integrations.example');
    expect(issues[0]?.labels).toEqual(['servicetitan-access', 'security']);

    const writesBefore = github.calls.filter((c) => c.method !== 'GET').length;
    const second = await runActionInProcess({
      inputs: { mode: 'audit', ...credentials(), issue: 'true' },
      env: githubEnv(),
      event: schedule,
      files: { [POLICY]: starter },
    });
    expect(second.outputs['issue-number']).toBe(first.outputs['issue-number']);
    expect(github.calls.filter((c) => c.method !== 'GET').length).toBe(writesBefore);

    // The same rules, scoped to an internal account they do not cover: nothing to find. (A user the
    // tenant does not have would be a reference-unmatched finding, and keep the issue open.)
    const clean = starter.replaceAll(
      '      audience: external\n',
      '      audience: external\n      users: [robert.hallorann@acme-hvac.com]\n',
    );
    expect(clean).not.toBe(starter);
    await runActionInProcess({
      inputs: { mode: 'audit', ...credentials(), issue: 'true' },
      env: githubEnv(),
      event: schedule,
      files: { [POLICY]: clean },
    });
    expect(github.state.issues.find((i) => String(i.number) === first.outputs['issue-number'])?.state).toBe(
      'closed',
    );
    // The token never appears in what the action printed.
    expect(
      first.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain(TOKEN);
  });
});

describe('pull request on the policy file', () => {
  it('with secrets: shows the impact of the change against the live tenant in the summary and one sticky comment (the bundle)', async () => {
    github.state.files.set(`ba5e0123abcd:${POLICY}`, starter);
    github.addIssue({ number: 5, body: 'Tighten the policy', labels: [], pull_request: { url: 'pulls/5' } });
    const weakened = starter.replace(/\n {2}- id: no-external-admins[\s\S]*?fix: lock\n/, '\n');
    expect(weakened).not.toContain('no-external-admins');
    const event = {
      name: 'pull_request',
      payload: {
        repository: { private: true },
        number: 5,
        pull_request: {
          number: 5,
          base: { sha: 'ba5e0123abcd', ref: 'main' },
          head: { sha: 'bead4567abcd' },
        },
      },
    };
    const run = await runAction({
      inputs: { mode: 'audit', ...credentials() },
      env: githubEnv(),
      event,
      files: { [POLICY]: weakened },
    });
    const report = JSON.parse(
      await readFile(path.join(run.workspace, 'servicetitan-access-report.json'), 'utf8'),
    );
    expect(report.comparison.resolved.length).toBe(1);
    expect(report.comparison.added).toEqual([]);
    expect(run.summary).toMatch(/no-external-admins/);
    const comments = github.state.comments.filter((c) => c.issue_number === 5);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/no-external-admins/);

    await runAction({
      inputs: { mode: 'audit', ...credentials() },
      env: githubEnv(),
      event,
      files: { [POLICY]: weakened },
    });
    expect(github.state.comments.filter((c) => c.issue_number === 5)).toHaveLength(1);
  });

  it('with secrets: lists loosening that changes no finding today, naming who it reaches, masked on a public repository', async () => {
    github.state.files.set(`ba5e0456abcd:${POLICY}`, starter);
    github.addIssue({ number: 8, body: 'Trust a vendor', labels: [], pull_request: { url: 'pulls/8' } });
    const loosened = starter
      .replace(
        '  internal-domains: [acme-hvac.com]\n',
        '  internal-domains: [acme-hvac.com]\n  internal-users: [new-vendor@gmail.com]\n',
      )
      .replace(
        'protected-users: [robert.hallorann@acme-hvac.com]',
        'protected-users: [robert.hallorann@acme-hvac.com, sam@ortega-it.example]',
      )
      .replace('min-active-admins: 1', 'min-active-admins: 0');
    expect(loosened).toContain('new-vendor@gmail.com');
    expect(loosened).toContain('min-active-admins: 0');
    const run = await runActionInProcess({
      inputs: { mode: 'audit', ...credentials() },
      env: githubEnv(),
      event: {
        name: 'pull_request',
        payload: {
          repository: { private: false },
          number: 8,
          pull_request: {
            number: 8,
            base: { sha: 'ba5e0456abcd', ref: 'main' },
            head: { sha: 'bead0456abcd' },
          },
        },
      },
      files: { [POLICY]: loosened },
    });
    const report = JSON.parse(
      await readFile(path.join(run.workspace, 'servicetitan-access-report.json'), 'utf8'),
    );
    // the findings diff alone sees nothing: the loosening is in the policy
    expect(report.comparison.added).toEqual([]);
    expect(report.comparison.resolved).toEqual([]);
    const body = github.state.comments.find((c) => c.issue_number === 8)?.body ?? '';
    for (const text of [body, run.summary]) {
      expect(text).not.toContain('loosens nothing');
      expect(text).toContain('Trust and safety this change loosens (3)');
      expect(text).toMatch(
        /organization\.internal-users: adds n\\\*\\\*\\\*@\u200bgmail\.com — who becomes internal: no account today/,
      );
      expect(text).toMatch(
        /safety\.protected-users: adds s\\\*\\\*\\\*@\u200bortega-it\.example — who apply may no longer change: S\\\*\\\*\\\* O\\\*\\\*\\\* \(/,
      );
      expect(text).toMatch(/safety\.min-active-admins: 1 → 0: the guard is off/);
      expect(text).not.toMatch(/Sam Ortega|new-vendor|Dana Whitfield/);
    }
  });

  it('from a fork without secrets: validates, says the impact needs credentials, and passes', async () => {
    const run = await runActionInProcess({
      inputs: { mode: 'audit', 'github-token': TOKEN },
      env: githubEnv(),
      event: {
        name: 'pull_request',
        payload: {
          repository: { private: false },
          pull_request: { number: 6, head: { repo: { fork: true } } },
        },
      },
      files: { [POLICY]: starter },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('pass');
    expect(run.summary).toMatch(/credentials/);
    expect(github.calls.filter((c) => c.method !== 'GET' && c.path.includes('/issues/6/'))).toEqual([]);
  });
});

describe('manual run', () => {
  it('workflow_dispatch audits like a scheduled run and touches no issue unless asked', async () => {
    const before = github.calls.length;
    const run = await runActionInProcess({
      inputs: { mode: 'audit', ...credentials(), 'fail-on': 'never' },
      env: githubEnv(),
      event: { name: 'workflow_dispatch', payload: { repository: { private: true } } },
      files: { [POLICY]: starter },
    });
    expect(run.outputs.status).toBe('pass');
    expect(github.calls.length).toBe(before);
  });
});
