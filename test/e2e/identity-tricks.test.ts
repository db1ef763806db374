/**
 * Two ways round the policy that only show against a tenant: an exemption approved by the
 * exempted person under another name, and an outsider whose email only looks as if it were at an
 * internal domain. The CLI case runs through the committed bundle; the action's run its `run()`
 * in this process.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTenant, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { POLICY, readReport, starterPolicy } from './guard.support.js';
import { runCli, sandboxEnv, sandboxInputs } from './harness.js';
import { runActionInProcess } from '../helpers/in-process.js';

const HOSTILE_EMAIL = 'kevin@evil.io .acme-hvac.com';
let sandbox: Sandbox;
let starter: string;

beforeAll(async () => {
  const data = sampleTenant();
  // employee 160, an outsider holding both API permissions, given an address that ends in the
  // internal domain after a space
  const kevin = data.employees.find((e) => e.id === 160)!;
  kevin.email = HOSTILE_EMAIL;
  [sandbox, starter] = await Promise.all([startSandbox({ data }), starterPolicy()]);
});
afterAll(() => sandbox.close());

function inAMonth(): string {
  return new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
}

/** The starter policy with one exemption; returns it and the line `approved-by` is on. */
function withExemption(user: string, approver: string): { text: string; line: number } {
  const exemption = [
    'exemptions:',
    `  - user: ${user}`,
    '    rules: [no-external-api-access]',
    '    reason: Integration partner, contract 2231',
    `    expires: ${inAMonth()}`,
    `    approved-by: ${approver}`,
    '',
  ].join('\n');
  const text = starter.replace(/\nsafety:/, `\n${exemption}\nsafety:`);
  expect(text).toContain(exemption);
  const line = text.split('\n').findIndex((l) => l.includes(`approved-by: ${approver}`)) + 1;
  return { text, line };
}

describe('an exemption approved by the exempted person under another name', () => {
  it('is refused in the action when an email is approved by that user’s login', async () => {
    // employee 161 is jake.morrison.hvac@gmail.com, login jmorrison
    const { text, line } = withExemption('jake.morrison.hvac@gmail.com', 'login:jmorrison');
    const run = await runActionInProcess({
      inputs: sandboxInputs(sandbox, { mode: 'audit' }),
      files: { [POLICY]: text },
    });
    expect(run.outputs.status).toBe('error');
    expect(run.code).toBe(1);
    const annotation = run.annotations.find((a) => a.props.title === 'policy.self-approved');
    expect(annotation?.props).toMatchObject({ file: POLICY, line: String(line), col: '18' });
    const report = await readReport(run);
    expect(report?.errors.map((e) => e.code)).toContain('policy.self-approved');
  });

  it('is refused by the CLI when employee:ID is approved by that employee’s email, with file:line:column', async () => {
    const { text, line } = withExemption('employee:161', 'Jake.Morrison.HVAC@gmail.com');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-self-approval-'));
    await writeFile(path.join(dir, 'policy.yml'), text);
    const run = await runCli(['audit', '--policy', 'policy.yml', '--retry-budget', '5'], {
      cwd: dir,
      env: sandboxEnv(sandbox),
    });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain(`policy.yml:${line}:18`);
    expect(run.stdout + run.stderr).toContain('policy.self-approved');
  });

  it('still accepts an exemption approved by someone else', async () => {
    const { text } = withExemption('jake.morrison.hvac@gmail.com', 'security@acme-hvac.com');
    const run = await runActionInProcess({
      inputs: sandboxInputs(sandbox, { mode: 'audit' }),
      files: { [POLICY]: text },
    });
    expect(run.outputs.status).not.toBe('error');
    expect(run.outputs.exempted).toBe('1');
  });
});

describe('an email that only looks internal', () => {
  it(`classifies \`${HOSTILE_EMAIL}\` as external and reports its API access`, async () => {
    const run = await runActionInProcess({
      inputs: sandboxInputs(sandbox, { mode: 'audit', redact: 'false' }),
      files: { [POLICY]: starter },
    });
    const report = await readReport(run);
    const kevin = report?.findings.filter((f) => f.user?.id === 160) ?? [];
    expect(kevin.map((f) => f.rule)).toContain('no-external-api-access');
    expect(kevin[0]?.user).toMatchObject({ email: HOSTILE_EMAIL, audience: 'external' });
  });
});
