/**
 * The CLI run as a user runs it: validate, an audit's table, demo and help through the committed
 * bundle (`dist/cli.js`); the other cases through the command line's `runCommand` in this process.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ROOT, runCli, sandboxEnv } from './harness.js';
import { runCliInProcess } from '../helpers/in-process.js';

let sandbox: Sandbox;
let env: Record<string, string>;
const STARTER = path.join(ROOT, 'examples/policies/starter.yml');

beforeAll(async () => {
  sandbox = await startSandbox();
  env = sandboxEnv(sandbox);
});
afterAll(() => sandbox.close());

describe('st-access-guard', () => {
  it('validate: exit 0 for a valid policy, no credentials needed', async () => {
    const res = await runCli(['validate', '--policy', STARTER]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });

  it('validate: exit 2 with file:line:column and a hint for a misspelt key', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-cli-'));
    const file = path.join(dir, 'policy.yml');
    const text = (await readFile(STARTER, 'utf8')).replace('applies-to:', 'aplies-to:');
    await writeFile(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('aplies-to:')) + 1;
    const res = await runCliInProcess(['validate', '--policy', file]);
    expect(res.code).toBe(2);
    expect(res.stdout + res.stderr).toContain(`${file}:${line}:`);
    expect(res.stdout + res.stderr).toMatch(/applies-to/);
  });

  it('audit: exit 1 on critical findings, a readable table, and --json for machines', async () => {
    const table = await runCli(['audit', '--policy', STARTER], { env });
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('no-external-api-access');
    expect(table.stdout).not.toContain('{"version"');
    const json = await runCliInProcess(['audit', '--policy', STARTER, '--json', '--fail-on', 'never'], {
      env,
    });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.status).toBe('pass');
    expect(report.counts.critical).toBeGreaterThan(0);
  });

  it('audit: exit 2 naming the variables when credentials are missing', async () => {
    const res = await runCliInProcess(['audit', '--policy', STARTER], { env: { ST_TENANT: sandbox.tenant } });
    expect(res.code).toBe(2);
    expect(res.stdout + res.stderr).toMatch(/ST_CLIENT_SECRET/);
  });

  it('audit: exit 2 with a clear message for a wrong client secret, which is never printed', async () => {
    const wrong = 'cs1.definitely-wrong-secret-value';
    const res = await runCliInProcess(['audit', '--policy', STARTER], {
      env: { ...env, ST_CLIENT_SECRET: wrong },
    });
    expect(res.code).toBe(2);
    expect(res.stdout + res.stderr).toMatch(/client/i);
    expect(res.stdout + res.stderr).not.toContain(wrong);
  });

  it('discover: lists permission ids with their values, and the changes since a snapshot', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-cli-'));
    const snap = path.join(dir, 'before.json');
    const first = await runCliInProcess(['discover', '--policy', STARTER, '--snapshot', snap, '--json'], {
      env,
    });
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    const ids = report.discovery.permissions.map((p: { id: number }) => p.id);
    expect(ids).toContain(10421);
    expect(ids).toContain(10422);
    // Toggle one permission on a test user, as the README's recipe says, then discover again.
    const user = sandbox.state.employees.find((e) => e.id === 150);
    const perm = user?.permissions?.find((p) => p?.id === 10405);
    if (!perm) throw new Error('sample tenant changed: employee 150 has no permission 10405');
    perm.value = perm.value === 'True' ? 'False' : 'True';
    const second = await runCliInProcess(
      ['discover', '--policy', STARTER, '--baseline-snapshot', snap, '--json'],
      {
        env,
      },
    );
    const changes = JSON.parse(second.stdout).discovery.changes;
    expect(changes).toEqual([
      expect.objectContaining({ permission: 10405, user: expect.objectContaining({ id: 150 }) }),
    ]);
  });

  it('demo: audits the sandbox with the starter policy and says where the reports went', async () => {
    const res = await runCli(['demo'], { cwd: os.tmpdir() });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('no-external-api-access');
    // the sandbox's directories: a leaver, an account no one knows, a dormant one, a broken SSO link
    for (const rule of ['identity-leaver', 'identity-unmatched', 'identity-dormant', 'identity-sso-broken'])
      expect(res.stdout, rule).toContain(rule);
    expect(res.stdout).toMatch(/Dana Whitfield[\s\S]*identity-leaver/);
    expect(res.stdout).toContain('IDENTITY');
    expect(res.stdout).toMatch(/servicetitan-access-report\.json/);
    expect(res.stdout).toMatch(/\.sarif/);
  });

  it('prints help for every command and exits 2 on an unknown one', async () => {
    const commands = ['validate', 'audit', 'apply', 'discover', 'sandbox', 'demo'];
    const [unknown, ...helps] = await Promise.all([
      runCli(['frobnicate']),
      ...commands.map((command) => runCli([command, '--help'])),
    ]);
    helps.forEach((res, i) => {
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(`st-access-guard ${commands[i]}`);
    });
    expect(unknown?.code).toBe(2);
  });
});
