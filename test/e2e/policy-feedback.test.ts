/**
 * What the policy silently ignored, and what the output says about a policy change, against the
 * sandbox: names that match nothing in the tenant, a run that only validated, and a finding a
 * change exempts rather than resolves. The action (`run()`), the CLI (`runCommand`) and the demo
 * run in this process.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { ROOT, sandboxEnv, sandboxInputs } from './harness.js';
import { runActionInProcess, runCliInProcess } from '../helpers/in-process.js';

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

async function writes(): Promise<{ method: string; path: string }[]> {
  const log = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as {
    method: string;
    path: string;
  }[];
  return log.filter((r) => r.method !== 'GET' && !r.path.endsWith('/connect/token'));
}

async function reportOf(run: { workspace: string }) {
  return JSON.parse(await readFile(path.join(run.workspace, 'servicetitan-access-report.json'), 'utf8'));
}

/** 1-based line and column of `text` in `policy` */
function at(policy: string, text: string): { line: number; column: number } {
  const lines = policy.split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  return { line: line + 1, column: (lines[line] ?? '').indexOf(text) + 1 };
}

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

function withExemption(policy: string, user: string, expires: string): string {
  return policy.replace(
    /\nsafety:/,
    `\nexemptions:\n  - user: ${user}\n    rules: [no-external-api-access]\n    reason: Integration partner, contract 2231\n` +
      `    expires: ${expires}\n    approved-by: security@acme-hvac.com\n    ticket: SEC-123\n\nsafety:`,
  );
}

describe('a name that matches nothing in the tenant', () => {
  it('a protected user no account has: a high finding at its line, and apply refuses and writes nothing', async () => {
    const policy = starter.replace(/protected-users: \[.*\]/, 'protected-users: [owner@acme-hvac.com]');
    expect(policy).toContain('[owner@acme-hvac.com]');
    const run = await runActionInProcess({
      inputs: sandboxInputs(sandbox, { mode: 'apply' }),
      files: { [POLICY]: policy },
    });
    expect(run.outputs.status).toBe('fail');
    expect(run.outputs['applied-changes']).toBe('0');
    expect(await writes()).toEqual([]);
    const report = await reportOf(run);
    const unmatched = report.findings.filter((f: { rule: string }) => f.rule === 'reference-unmatched');
    expect(unmatched).toEqual([
      expect.objectContaining({
        severity: 'high',
        evidence: {
          reference: { kind: 'user', value: 'owner@acme-hvac.com', key: 'safety.protected-users' },
        },
        location: at(policy, 'owner@acme-hvac.com'),
      }),
    ]);
    expect(report.refusals.map((r: { code: string }) => r.code)).toEqual(['apply.reference-unmatched']);
    const schema = JSON.parse(await readFile(path.join(ROOT, 'schema/report.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.validate(schema, report);
    expect(ajv.errors ?? []).toEqual([]);
    expect(run.stdout).toMatch(/apply\.reference-unmatched|safety guards name what the tenant does not have/);
    const annotation = run.annotations.find((a) => a.props.line === String(at(policy, 'owner@').line));
    expect(annotation?.props.file).toBe(POLICY);
  });

  it('a misnamed role in a rule: the external admin is no longer flagged, and the finding says so', async () => {
    const policy = starter.replace(
      '    applies-to:\n      audience: external\n    forbid:\n      roles: [Admin, Owner]',
      '    applies-to:\n      audience: external\n      roles: [Admins]\n    forbid:\n      roles: [Admin, Owner]',
    );
    expect(policy).toContain('roles: [Admins]');
    const run = await runActionInProcess({
      inputs: sandboxInputs(sandbox, { mode: 'audit' }),
      files: { [POLICY]: policy },
    });
    const report = await reportOf(run);
    const ids = report.findings.map((f: { rule: string; user: { id: number } | null }) => [
      f.rule,
      f.user?.id,
    ]);
    expect(ids).not.toContainEqual(['no-external-admins', 162]);
    const [unmatched] = report.findings.filter((f: { rule: string }) => f.rule === 'reference-unmatched');
    expect(unmatched).toMatchObject({
      severity: 'medium',
      evidence: {
        reference: { kind: 'role', value: 'Admins', key: 'applies-to.roles', rule: 'no-external-admins' },
      },
      location: at(policy, 'Admins'),
    });
    expect(unmatched.fix.steps[0]).toContain('did you mean "Admin"?');
    expect(run.summary).toContain('reference-unmatched');
    expect(report.refusals).toEqual([]);
  });

  it('the starter policy matches the sandbox: no unmatched name, and apply goes ahead', async () => {
    const run = await runActionInProcess({
      inputs: sandboxInputs(sandbox, { mode: 'audit' }),
      files: { [POLICY]: starter },
    });
    const report = await reportOf(run);
    expect(report.findings.filter((f: { rule: string }) => f.rule === 'reference-unmatched')).toEqual([]);
    expect(report.refusals).toEqual([]);
  });

  it('the demo shows the intended story: no unmatched name, and apply would go ahead', async () => {
    const res = await runCliInProcess(['demo', '--json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.findings.map((f: { rule: string }) => f.rule)).not.toContain('reference-unmatched');
    expect(report.refusals).toEqual([]);
    expect(report.plan.length).toBeGreaterThan(0);
  });
});

describe('a run that only validated the policy', () => {
  const expired = () => withExemption(starter, 'kevin.tran@coolit-integrations.example', day(-3));

  it('validate: titled "policy valid (not audited)", warning about the expired exemption at its line', async () => {
    const policy = expired();
    const run = await runActionInProcess({ inputs: { mode: 'validate' }, files: { [POLICY]: policy } });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('pass');
    expect(run.summary).toContain('## ✅ ServiceTitan policy valid (not audited)');
    expect(run.summary).toContain('### ⚠️ Exemptions to renew (1)');
    expect(run.summary).toContain(`(${POLICY}:${at(policy, '- user: kevin').line})`);
    // it ended 23:59:59 UTC that day: 2 or 3 whole days ago, by the time of day
    expect(run.summary).toMatch(/expired on \d{4}-\d{2}-\d{2} \\\([23] days ago\\\)/);
    expect(run.summary).not.toMatch(/users audited|: pass/);
  });

  it('a fork pull request without credentials: never "pass … 0 users audited"', async () => {
    const run = await runActionInProcess({
      inputs: { mode: 'audit' },
      event: {
        name: 'pull_request',
        payload: { repository: { private: false }, pull_request: { number: 7 } },
      },
      files: { [POLICY]: expired() },
    });
    expect(run.code).toBe(0);
    expect(run.summary).toMatch(/credentials/);
    expect(run.summary).toContain('## ✅ ServiceTitan policy valid (not audited)');
    expect(run.summary).toContain('Exemptions to renew (1)');
    // redact is auto and the repository public: the exempted user is masked
    expect(run.summary).not.toContain('kevin.tran');
    expect(run.summary).not.toMatch(/users audited|access audit: pass/);
  });

  it('the CLI: validate is titled as such', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-validate-'));
    const file = path.join(dir, 'policy.yml');
    await writeFile(file, expired());
    const res = await runCliInProcess(['validate', '--policy', file, '--no-color']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^✔ POLICY VALID \(not audited\)/);
    expect(res.stdout).not.toMatch(/PASS|users audited/);
  });
});

describe('a policy change that exempts a finding', () => {
  const base = () => starter;
  // the head exempts Kevin Tran's key permissions and drops the rule that flags Sam Ortega
  const head = () =>
    withExemption(starter, 'kevin.tran@coolit-integrations.example', day(20)).replace(
      /\n {2}- id: no-external-admins[\s\S]*?fix: lock\n/,
      '\n',
    );

  it('says "exempted by this change" with who and until when, never "resolved", in the comment and summary', async () => {
    github.state.files.set(`ba5e0999abcd:${POLICY}`, base());
    github.addIssue({ number: 9, body: 'Exempt a partner', labels: [], pull_request: { url: 'pulls/9' } });
    const run = await runActionInProcess({
      inputs: sandboxInputs(sandbox, { mode: 'audit', 'github-token': TOKEN, redact: 'false' }),
      env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/access-policy', GITHUB_RUN_ID: '42' },
      event: {
        name: 'pull_request',
        payload: {
          repository: { private: true },
          number: 9,
          pull_request: {
            number: 9,
            base: { sha: 'ba5e0999abcd', ref: 'main' },
            head: { sha: 'bead0999abcd' },
          },
        },
      },
      files: { [POLICY]: head() },
    });
    const report = await reportOf(run);
    const kevin = report.findings.find(
      (f: { rule: string; user: { id: number } | null }) =>
        f.rule === 'no-external-api-access' && f.user?.id === 160,
    );
    expect(kevin.exemption.status).toBe('active');
    expect(report.comparison.exempted).toEqual([kevin.id]);
    const schema = JSON.parse(await readFile(path.join(ROOT, 'schema/report.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.validate(schema, report);
    expect(ajv.errors ?? []).toEqual([]);
    expect(report.comparison.resolved).toHaveLength(1);
    expect(report.comparison.resolved).not.toContain(kevin.id);

    const body = github.state.comments.find((c) => c.issue_number === 9)?.body ?? '';
    for (const text of [body, run.summary]) {
      expect(text).toContain('0 findings added, 1 resolved, 1 exempted');
      expect(text).toContain('Findings this change exempts (1)');
      expect(text).toMatch(/Findings this change resolves \(1\)[\s\S]*Sam Ortega/);
    }
    const exempts = body.slice(body.indexOf('Findings this change exempts'));
    expect(exempts).toMatch(
      /Kevin Tran[\s\S]*security&commat;acme-hvac\.com \| Integration partner, contract 2231 · SEC-123/,
    );
    const resolves = body.slice(
      body.indexOf('Findings this change resolves'),
      body.indexOf('Findings this change exempts'),
    );
    expect(resolves).not.toContain('Kevin Tran');
    // the job summary's own impact table names users and rules, not ids
    const table = run.summary.slice(run.summary.indexOf('### Policy change impact'));
    expect(table).toMatch(/\| exempted by this change \| no-external-api-access \| \*\*Kevin Tran\*\*/);
    expect(table).toMatch(/\| resolved \| no-external-admins \| \*\*Sam Ortega\*\*/);
    expect(table.slice(0, table.indexOf('\n###', 5))).not.toContain(kevin.id);
  });

  it('the CLI with --baseline-policy names them in the console', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-impact-'));
    await writeFile(path.join(dir, 'base.yml'), base());
    await writeFile(path.join(dir, 'head.yml'), head());
    const res = await runCliInProcess(
      ['audit', '--policy', 'head.yml', '--baseline-policy', 'base.yml', '--fail-on', 'never', '--no-color'],
      { env: { ...sandboxEnv(sandbox), COLUMNS: '400' }, cwd: dir },
    );
    expect(res.code).toBe(0);
    const section = res.stdout.slice(res.stdout.indexOf('POLICY CHANGE'));
    expect(section).toContain('POLICY CHANGE  0 findings added, 1 resolved, 1 exempted');
    expect(section).toContain(
      '- resolved · critical no-external-admins · Sam Ortega <sam@ortega-it.example> (employee 162)',
    );
    expect(section).toMatch(
      /~ exempted by this change · critical no-external-api-access · Kevin Tran <kevin\.tran@coolit-integrations\.example> \(employee 160\) · until \d{4}-\d{2}-\d{2}, approved by security@acme-hvac\.com/,
    );
  });
});
