/**
 * A newcomer's first minutes with the committed CLI bundle: typos, help, version, credentials
 * given as flags, a slow ServiceTitan, a broken policy file, and the sandbox. The slow
 * ServiceTitan, the broken policy file and the sandbox's permission recipe run the command line
 * (`runCommand`) and the action in this process; the rest is the bundle's own.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { NODE, ROOT, runCli, sandboxEnv, sandboxInputs } from './harness.js';
import { runActionInProcess, runCliInProcess } from '../helpers/in-process.js';

const STARTER = path.join(ROOT, 'examples/policies/starter.yml');
const VERSION = (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

describe('the command line', () => {
  it('suggests the option a typo meant, in words, with no raw parser message', async () => {
    const res = await runCli(['audit', '--polcy', 'policy.yml']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown option `--polcy`: did you mean `--policy`?');
    expect(res.stderr).not.toMatch(/To specify a positional argument|'-- "/);
  });

  it('says that credentials come from ST_* variables when an option is unknown', async () => {
    const res = await runCli(['audit', '--token', 'x']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown option `--token`');
    expect(res.stderr).toMatch(/ST_TENANT, ST_CLIENT_ID, ST_CLIENT_SECRET, ST_APP_KEY/);
  });

  it('refuses a client secret given as a flag, names its variable and never repeats the secret', async () => {
    const secret = 'cs1.typed-on-the-command-line';
    for (const args of [
      ['audit', '--client-secret', secret],
      ['audit', `--client-secret=${secret}`],
    ]) {
      const res = await runCli(args);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('`--client-secret` is not an option');
      expect(res.stderr).toContain('environment variable ST_CLIENT_SECRET');
      expect(res.stdout + res.stderr).not.toContain(secret);
    }
    expect((await runCli(['audit', '--tenant', '42'])).stderr).toContain('environment variable ST_TENANT');
  });

  it('suggests the command a typo meant', async () => {
    const res = await runCli(['audti']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown command `audti`: did you mean `audit`?');
  });

  it('prints a command’s help for `help COMMAND`, as `COMMAND --help` does', async () => {
    const help = await runCli(['help', 'audit']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: st-access-guard audit');
    expect(help.stdout).toBe((await runCli(['audit', '--help'])).stdout);
    const typo = await runCli(['help', 'audti']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean `audit`?');
  });

  it('prints the version for `version` and `--version`', async () => {
    for (const args of [['version'], ['--version']]) {
      const res = await runCli(args);
      expect(res.code).toBe(0);
      expect(res.stdout).toBe(`${VERSION}\n`);
    }
  });

  it('names every command in the usage line, evidence and diff included', async () => {
    const res = await runCli(['frobnicate']);
    expect(res.code).toBe(2);
    const usage = res.stderr.split('\n').find((line) => line.startsWith('Usage:')) ?? '';
    for (const command of [
      'validate',
      'audit',
      'apply',
      'discover',
      'undo',
      'evidence',
      'diff',
      'sandbox',
      'demo',
    ]) {
      expect(usage).toMatch(new RegExp(`[ |]${command}[ |]`));
    }
  });
});

describe('a ServiceTitan that asks to wait', () => {
  let sandbox: Sandbox;
  const RETRY =
    /ServiceTitan answered 429 \(rate limited\) to GET \/settings\/v2\/tenant\/\d+\/employees: retrying in 1 s \(attempt 2 of \d+\)/;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() =>
    sandbox.setFaults({
      rules: [
        { match: { method: 'GET', path: '/employees' }, kind: 'status-429', times: 2, retryAfterSeconds: 1 },
      ],
    }),
  );

  it('shows each retry and its wait on the CLI without --debug, off a terminal, secrets kept out', async () => {
    const res = await runCliInProcess(['audit', '--policy', STARTER, '--fail-on', 'never'], {
      env: sandboxEnv(sandbox),
    });
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(RETRY);
    expect(res.stderr).toMatch(/attempt 3 of/);
    expect(res.stdout + res.stderr).not.toContain(sandbox.credentials.clientSecret);
    expect(res.stdout + res.stderr).not.toContain(sandbox.credentials.appKey);
  });

  it('shows it in the action’s log too', async () => {
    const run = await runActionInProcess({
      inputs: sandboxInputs(sandbox, { 'fail-on': 'never' }),
      files: { '.github/servicetitan-access.yml': await readFile(STARTER, 'utf8') },
    });
    expect(run.outputs.status).toBe('pass');
    expect(run.stdout).toMatch(RETRY);
  });
});

describe('a policy with a YAML syntax error', () => {
  async function validate(edit: (text: string) => string) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-yaml-'));
    const file = path.join(dir, 'policy.yml');
    const text = edit(await readFile(STARTER, 'utf8'));
    await writeFile(file, text);
    const table = await runCliInProcess(['validate', '--policy', file], { cwd: dir });
    const json = await runCliInProcess(['validate', '--policy', file, '--json'], { cwd: dir });
    const errors = (JSON.parse(json.stdout) as { errors: { code: string; line: number; column: number }[] })
      .errors;
    return { table, errors, lines: text.split('\n') };
  }
  const lineOf = (lines: string[], start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;

  it('reports a line indented by 3 spaces once, at that line', async () => {
    const { table, errors, lines } = await validate((t) =>
      t.replace('    label: Generate API Application Key', '     label: Generate API Application Key'),
    );
    expect(table.code).toBe(2);
    const line = lineOf(lines, '     label: Generate');
    expect(errors).toEqual([expect.objectContaining({ code: 'policy.yaml-syntax', line, column: 6 })]);
    expect(table.stdout.match(/policy\.yaml-syntax/g)).toHaveLength(1);
    expect(table.stdout).toContain(`policy.yml:${line}:6`);
    expect(table.stdout).toContain(`indented further than line ${line - 1}`);
  });

  it('reports a tab once, not as a cascade', async () => {
    const { table, errors, lines } = await validate((t) =>
      t.replace('    severity: critical', '\tseverity: critical'),
    );
    const line = lineOf(lines, '\tseverity');
    expect(errors).toEqual([expect.objectContaining({ code: 'policy.yaml-syntax', line, column: 1 })]);
    expect(table.stdout.match(/policy\.yaml-syntax/g)).toHaveLength(1);
    expect(table.stdout).toContain('indented with a tab');
  });

  // The issue carries its source line (PolicyIssue.sourceLine) into the report's errors, and the
  // console draws the line and a caret under the column.
  it('quotes the line with a caret under the column', async () => {
    const { table, lines } = await validate((t) =>
      t.replace('    severity: critical', '\tseverity: critical'),
    );
    const line = lineOf(lines, '\tseverity');
    expect(table.stdout).toContain(`${line} | →severity: critical\n`);
    expect(table.stdout).toMatch(/\n +\| \^\n/);
  });

  it('does not say "fails on" in the header of validate, which fail-on does not apply to', async () => {
    const { table } = await validate((t) => t);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).not.toMatch(/fails on/);
  });
});

/** Starts `st-access-guard sandbox` as a user would, and reads what it prints until it is ready. */
async function startSandboxCommand(args: string[]) {
  const child = spawn(NODE, [path.join(ROOT, 'dist', 'cli.js'), 'sandbox', '--port', '0', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start: ${stderr}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('Ctrl-C stops it.')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('close', () => reject(new Error(`the sandbox exited: ${stderr}`)));
  });
  const stop = async () => {
    child.kill('SIGINT');
    return exited;
  };
  return { stdout, stop };
}

describe('st-access-guard sandbox', () => {
  it('prints commands that work from a clone, serves the sample data file, and takes a permission change', async () => {
    const sandbox = await startSandboxCommand(['--data', 'examples/sandbox/tenant.json']);
    try {
      const lines = sandbox.stdout.split('\n').map((l) => l.trim());
      expect(sandbox.stdout).toContain('(Acme HVAC: 12 employees, 4 technicians');
      expect(sandbox.stdout).not.toMatch(/^\s*st-access-guard /m);
      // the environment it tells the user to export
      const env = Object.fromEntries(
        lines
          .filter((l) => l.startsWith('export '))
          .flatMap((l) => l.slice('export '.length).split(' '))
          .map((pair) => pair.split('=') as [string, string]),
      );
      expect(Object.keys(env).sort()).toEqual(
        [
          ...['ST_API_URL', 'ST_APP_KEY', 'ST_AUTH_URL', 'ST_CLIENT_ID', 'ST_CLIENT_SECRET', 'ST_TENANT'],
          // the identity directories of the data file
          ...['ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET', 'ENTRA_AUTHORITY_URL', 'GRAPH_URL'],
          ...['GOOGLE_CREDENTIALS', 'GOOGLE_SUBJECT', 'GOOGLE_TOKEN_URL', 'GOOGLE_API_URL'],
        ].sort(),
      );
      // the audit it suggests, run as printed
      const audit = lines.find((l) => l.includes(' audit --policy')) ?? '';
      expect(audit).toBe('node dist/cli.js audit --policy examples/policies/starter.yml');
      const audited = await runCli(audit.split(' ').slice(2), { env });
      expect(audited.code).toBe(1);
      expect(audited.stdout).toContain('no-external-api-access');

      // the permission recipe it suggests: snapshot, toggle, compare
      const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-recipe-'));
      const snapshot = path.join(dir, 'before.json');
      const discover = lines.find((l) => l.includes(' discover --snapshot')) ?? '';
      expect(discover).toBe('node dist/cli.js discover --snapshot before.json');
      expect((await runCliInProcess(['discover', '--snapshot', snapshot], { env })).code).toBe(0);
      const curl = /^curl -X POST (\S+) -d '(.+)'$/.exec(lines.find((l) => l.startsWith('curl ')) ?? '');
      expect(curl).not.toBeNull();
      const toggled = await fetch(curl![1]!, { method: 'POST', body: curl![2]! });
      expect(toggled.status).toBe(200);
      const compared = await runCliInProcess(['discover', '--baseline-snapshot', snapshot, '--json'], {
        env,
      });
      const changes = (JSON.parse(compared.stdout) as { discovery: { changes: unknown[] } }).discovery
        .changes;
      expect(changes).toEqual([
        expect.objectContaining({ permission: 10405, user: expect.objectContaining({ id: 150 }) }),
      ]);
    } finally {
      expect(await sandbox.stop()).toBe(0);
    }
  });

  it('takes the change docs/permission-ids.md shows: 10421 on Marcus Bell', async () => {
    const sandbox = await startSandboxCommand([]);
    try {
      const url = /listening on (\S+)/.exec(sandbox.stdout)?.[1] ?? '';
      const docs = await readFile(path.join(ROOT, 'docs/permission-ids.md'), 'utf8');
      const body = /-d '(\{"user": "employee:102", "permission": 10421\})'/.exec(docs)?.[1];
      expect(body).toBeDefined();
      const res = await fetch(`${url}/__sandbox/permissions`, { method: 'POST', body: body! });
      expect(await res.json()).toMatchObject({
        user: { id: 102, name: 'Marcus Bell' },
        before: 'False',
        after: 'True',
      });
    } finally {
      await sandbox.stop();
    }
  });
});
