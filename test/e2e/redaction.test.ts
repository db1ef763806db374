/**
 * Redaction through the committed bundle against names written to break it: outsiders whose
 * name, email or login runs to 50,000 characters. The run must complete, and no channel it
 * publishes (log, summary, annotations, report, SARIF, evidence pack) may show any tenant user's
 * name, email or login, nor quote them in an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTenant, startSandbox, type Sandbox, type TenantData } from '../../src/sandbox/index.js';
import { POLICY, readReport, sandboxInputs, starterPolicy } from './guard.support.js';
import { runAction, type ActionRun } from './harness.js';
import { actionChannels, leaks } from './leaks.support.js';

const LONG = 50_000;
const GIANT = {
  name: `Sam ${'Quixote'.repeat(LONG / 7)}`,
  email: `${'y'.repeat(LONG)}@ortega-it.example`,
  login: 'z'.repeat(LONG),
} as const;

/** The sample tenant with its three flagged outsiders given a giant name, email and login. */
function giantTenant(): TenantData {
  const data = sampleTenant();
  for (const employee of data.employees) {
    if (employee.id === 160) employee.name = GIANT.name;
    if (employee.id === 161) employee.email = GIANT.email;
    if (employee.id === 162) employee.loginName = GIANT.login;
  }
  return data;
}

let sandbox: Sandbox;
let policy: string;
let run: ActionRun;
const tenant = giantTenant();

beforeAll(async () => {
  [sandbox, policy] = await Promise.all([startSandbox({ data: tenant }), starterPolicy()]);
  run = await runAction({
    inputs: sandboxInputs(sandbox, { mode: 'audit', redact: 'true', sarif: 'guard.sarif', evidence: 'pack' }),
    files: { [POLICY]: policy },
  });
}, 60_000);
afterAll(async () => {
  await sandbox.close();
});

describe('redaction of a tenant with 50,000-character names, emails and logins', () => {
  it('completes the audit and finds the outsiders, masked', async () => {
    expect(run.stdout).not.toMatch(/Invalid regular expression|Unexpected error/);
    expect(run.outputs.status).toBe('fail');
    const report = await readReport(run);
    expect(report?.redacted).toBe(true);
    expect(report?.errors).toEqual([]);
    const flagged = report?.findings.filter((f) => [160, 161, 162].includes(f.user?.id ?? 0));
    expect(flagged?.map((f) => f.user?.id).sort()).toEqual([160, 161, 162]);
    expect(flagged?.find((f) => f.user?.id === 160)?.user?.name).toBe('S*** Q***');
  });

  it('publishes no name, email or login of any tenant user in any channel', async () => {
    const personal: Record<string, string[]> = {};
    for (const user of [...tenant.employees, ...tenant.technicians]) {
      personal[`user ${user.id}`] = [user.name, user.email ?? '', user.loginName ?? ''].filter(
        (v) => v.length >= 3,
      );
    }
    // and no recognisable piece of the giant values
    personal.giant = ['QuixoteQuixote', 'y'.repeat(40), 'z'.repeat(40)];
    const channels = await actionChannels(run, [POLICY]);
    expect(Object.keys(channels).some((c) => c.includes('pack'))).toBe(true);
    expect(leaks(channels, personal, true)).toEqual([]);
  });
});
