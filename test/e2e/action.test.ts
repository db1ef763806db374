/**
 * The action, run as GitHub's runner runs it, against the sandbox on loopback: a validate and a
 * full audit through the committed bundle (dist/index.js); the other cases run the action's
 * `run()` in this process, with the same inputs, files and outputs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ROOT, runAction, sandboxInputs } from './harness.js';
import { runActionInProcess } from '../helpers/in-process.js';

let sandbox: Sandbox;
let starter: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
});

function credentials(): Record<string, string> {
  return sandboxInputs(sandbox);
}

const POLICY = '.github/servicetitan-access.yml';

describe('mode: validate', () => {
  it('passes a valid policy without any credentials and says so in the summary (the bundle)', async () => {
    const run = await runAction({ inputs: { mode: 'validate' }, files: { [POLICY]: starter } });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('pass');
    expect(run.summary).toMatch(/policy valid \(not audited\)/);
    const report = JSON.parse(
      await readFile(path.join(run.workspace, 'servicetitan-access-report.json'), 'utf8'),
    );
    expect(report.mode).toBe('validate');
    expect(report.policy.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fails an invalid policy with an error annotation at its line and column', async () => {
    const broken = starter.replace('applies-to:', 'aplies-to:');
    const run = await runActionInProcess({ inputs: { mode: 'validate' }, files: { [POLICY]: broken } });
    expect(run.code).not.toBe(0);
    expect(run.outputs.status).toBe('error');
    const line = broken.split('\n').findIndex((l) => l.includes('aplies-to:')) + 1;
    const annotation = run.annotations.find((a) => a.level === 'error' && a.props.file === POLICY);
    expect(annotation?.props.line).toBe(String(line));
    expect(annotation?.message).toMatch(/applies-to/);
  });

  it('names the input when a value is invalid', async () => {
    const run = await runActionInProcess({
      inputs: { mode: 'validate', 'fail-on': 'whatever' },
      files: { [POLICY]: starter },
    });
    expect(run.code).not.toBe(0);
    expect(run.outputs.status).toBe('error');
    expect(run.stdout).toMatch(/fail-on/);
  });

  it('refuses a tenant id carrying a newline and a workflow command', async () => {
    const run = await runActionInProcess({
      inputs: { mode: 'audit', ...credentials(), tenant: '1\n::set-output name=status::pass' },
      files: { [POLICY]: starter },
    });
    expect(run.code).not.toBe(0);
    expect(run.outputs.status).toBe('error');
    expect(run.stdout).toMatch(/tenant/);
  });
});

describe('mode: audit', () => {
  it('audits the sample tenant: outputs, report, summary and one annotation per rule (the bundle)', async () => {
    const run = await runAction({
      inputs: { mode: 'audit', ...credentials(), sarif: 'out/guard.sarif' },
      files: { [POLICY]: starter },
    });
    expect(run.outputs.status).toBe('fail');
    expect(run.code).toBe(1);
    expect(Number(run.outputs.critical)).toBeGreaterThanOrEqual(3);
    expect(run.outputs.report).toBe('servicetitan-access-report.json');
    expect(run.outputs.sarif).toBe('out/guard.sarif');

    const report = JSON.parse(await readFile(path.join(run.workspace, run.outputs.report as string), 'utf8'));
    const schema = JSON.parse(await readFile(path.join(ROOT, 'schema/report.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    const valid = ajv.validate(schema, report);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(report.counts.users).toBe(91);
    const emails = report.findings.map((f: { user: { email: string } | null }) => f.user?.email);
    expect(emails).toContain('kevin.tran@coolit-integrations.example');
    expect(emails).toContain('jake.morrison.hvac@gmail.com');
    expect(emails).toContain('sam@ortega-it.example');
    expect(String(report.findings.length)).toBe(
      String(Number(run.outputs.findings) + Number(run.outputs.exempted)),
    );

    const ruleAnnotations = run.annotations.filter((a) => a.props.file === POLICY);
    const rules = new Set(report.findings.map((f: { rule: string }) => f.rule));
    expect(ruleAnnotations.length).toBe(rules.size);
    expect(run.summary).toContain('no-external-api-access');
    expect(run.summary.length).toBeLessThan(1024 * 1024);

    const sarif = JSON.parse(await readFile(path.join(run.workspace, 'out/guard.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBe(report.findings.length);
  });

  it('writes no report when `report` is empty, and still writes the summary', async () => {
    const run = await runActionInProcess({
      inputs: { mode: 'audit', ...credentials(), report: '' },
      files: { [POLICY]: starter },
    });
    expect(run.outputs.report).toBe('');
    expect(run.summary.length).toBeGreaterThan(100);
  });

  it('passes with fail-on never, whatever it finds', async () => {
    const run = await runActionInProcess({
      inputs: { mode: 'audit', ...credentials(), 'fail-on': 'never' },
      files: { [POLICY]: starter },
    });
    expect(run.outputs.status).toBe('pass');
    expect(run.code).toBe(0);
  });

  it('masks every secret and never prints one', async () => {
    const run = await runActionInProcess({
      inputs: { mode: 'audit', ...credentials() },
      files: { [POLICY]: starter },
    });
    for (const secret of [sandbox.credentials.clientSecret, sandbox.credentials.appKey]) {
      expect(run.masks).toContain(secret);
      const elsewhere = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
      expect(elsewhere.join('\n')).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
      expect(run.summary).not.toContain(secret);
      expect(JSON.stringify(run.outputs)).not.toContain(secret);
    }
    // The access token is masked too, the moment it is issued.
    expect(run.masks.length).toBeGreaterThanOrEqual(4);
  });

  it('on a pull request without credentials validates only and passes', async () => {
    const run = await runActionInProcess({
      inputs: { mode: 'audit' },
      event: {
        name: 'pull_request',
        payload: { repository: { private: false }, pull_request: { number: 7 } },
      },
      files: { [POLICY]: starter },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('pass');
    expect(run.summary).toMatch(/credentials/i);
  });

  it('names the missing credentials outside pull requests', async () => {
    const run = await runActionInProcess({
      inputs: { mode: 'audit', tenant: sandbox.tenant },
      files: { [POLICY]: starter },
    });
    expect(run.outputs.status).toBe('error');
    expect(run.stdout).toMatch(/client-id/);
    expect(run.stdout).toMatch(/client-secret/);
  });

  it('redacts names and emails when the repository is public', async () => {
    const run = await runActionInProcess({
      inputs: { mode: 'audit', ...credentials() },
      event: { name: 'schedule', payload: { repository: { private: false } } },
      files: { [POLICY]: starter },
    });
    const report = await readFile(path.join(run.workspace, 'servicetitan-access-report.json'), 'utf8');
    for (const channel of [run.stdout, run.summary, report]) {
      expect(channel).not.toContain('kevin.tran@coolit-integrations.example');
      expect(channel).not.toContain('Kevin Tran');
    }
    expect(JSON.parse(report).redacted).toBe(true);
  });
});
