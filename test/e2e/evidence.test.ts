/**
 * Evidence packs through the committed bundle: written by a scheduled audit, verified and diffed
 * with the CLI the way a reviewer hands them to an auditor.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTenant, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ROOT, runAction, runCli, sandboxInputs } from './harness.js';

const POLICY = '.github/servicetitan-access.yml';
const HOSTILE_NAME = '=HYPERLINK("http://x.example","click")';
const HOSTILE_LOGIN = '@SUM(1)';
let sandbox: Sandbox;
let starter: string;

beforeAll(async () => {
  const data = sampleTenant();
  const target = data.employees.find((e) => e.id === 150);
  if (!target) throw new Error('sample tenant changed: no employee 150');
  target.name = HOSTILE_NAME;
  target.loginName = HOSTILE_LOGIN;
  sandbox = await startSandbox({ data });
  starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
});
afterAll(() => sandbox.close());

function inputs(extra: Record<string, string>): Record<string, string> {
  return sandboxInputs(sandbox, { mode: 'audit', redact: 'false', 'fail-on': 'never', ...extra });
}

const schedule = { name: 'schedule', payload: { repository: { private: true } } };

describe('evidence packs', () => {
  it('a scheduled audit writes a pack that verifies, neutralises formulas, and diffs to exactly what changed', async () => {
    const first = await runAction({
      inputs: inputs({ evidence: 'pack' }),
      event: schedule,
      files: { [POLICY]: starter },
    });
    expect(first.outputs.evidence).toBe('pack');
    const one = path.join(first.workspace, 'pack');

    const verified = await runCli(['evidence', 'verify', one]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/intact/);

    const roster = await readFile(path.join(one, 'roster.csv'), 'utf8');
    expect(roster).toContain(`"'=HYPERLINK(""http://x.example"",""click"")"`);
    expect(roster).toContain(`'@SUM(1)`);
    for (const file of ['roster.csv', 'findings.csv', 'exemptions.csv', 'plan.csv']) {
      const text = await readFile(path.join(one, file), 'utf8');
      for (const cell of text.split(/,|\r\n/)) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]/);
    }

    // Between two reviews: one user is locked, and an outside admin appears.
    const locked = sandbox.state.employees.find((e) => e.id === 140);
    if (!locked) throw new Error('sample tenant changed: no employee 140');
    locked.accountLocked = true;
    const template = sandbox.state.employees.find((e) => e.id === 162);
    if (!template) throw new Error('sample tenant changed: no employee 162');
    sandbox.state.employees.push({
      ...template,
      id: 170,
      userId: 5170,
      name: 'Nora Quint',
      email: 'nora@quint-consulting.example',
      loginName: 'nora.quint',
    });

    const second = await runAction({
      inputs: inputs({ evidence: 'pack', 'baseline-evidence': one }),
      event: schedule,
      files: { [POLICY]: starter },
    });
    const two = path.join(second.workspace, 'pack');
    expect(second.summary).toMatch(/since the last review/i);
    expect(second.summary).toContain('Nora Quint');

    const diff = await runCli(['diff', one, two, '--json']);
    expect(diff.code).toBe(0);
    const d = JSON.parse(diff.stdout);
    expect(d.joined.map((j: { user: { id: number } }) => j.user.id)).toEqual([170]);
    expect(d.left).toEqual([
      expect.objectContaining({ how: 'locked', user: expect.objectContaining({ id: 140 }) }),
    ]);
    for (const section of [
      'audienceChanged',
      'rolesChanged',
      'businessUnitChanged',
      'permissionsGained',
      'permissionsLost',
    ]) {
      expect(d[section]).toEqual([]);
    }
    expect(d.findingsOpened.map((f: { rule: string; user: { id: number } }) => [f.rule, f.user.id])).toEqual([
      ['no-external-admins', 170],
    ]);
    expect(d.findingsClosed).toEqual([]);

    // One byte changed after the fact: verify fails and names the file.
    const rosterTwo = path.join(two, 'roster.csv');
    const text = await readFile(rosterTwo, 'utf8');
    await writeFile(rosterTwo, text.replace('Nora Quint', 'Nora Quinn'));
    const tampered = await runCli(['evidence', 'verify', two]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout + tampered.stderr).toMatch(/modified: roster\.csv/);
  });
});
