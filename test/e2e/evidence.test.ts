/**
 * Evidence packs: written by a scheduled audit, verified and diffed with the CLI the way a
 * reviewer hands them to an auditor. The two audits of the first case and its first verify run
 * through the committed bundles; the rest runs the action's `run()` and the CLI's commands in
 * this process.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTenant, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ROOT, runAction, runCli, sandboxInputs } from './harness.js';
import { runActionInProcess, runCliInProcess } from '../helpers/in-process.js';

const POLICY = '.github/servicetitan-access.yml';
const HOSTILE_NAME = '=HYPERLINK("http://x.example","click")';
const HOSTILE_LOGIN = '@SUM(1)';
/** ESC sequences that colour a terminal and a right-to-left override that disguises the rest */
const INVISIBLE_NAME = 'Mal\u001b[31mlory\u001b[0m \u202Emoc.evil\u200B';
let sandbox: Sandbox;
let starter: string;

beforeAll(async () => {
  const data = sampleTenant();
  const target = data.employees.find((e) => e.id === 150);
  if (!target) throw new Error('sample tenant changed: no employee 150');
  target.name = HOSTILE_NAME;
  target.loginName = HOSTILE_LOGIN;
  const disguised = data.employees.find((e) => e.id === 151);
  if (!disguised) throw new Error('sample tenant changed: no employee 151');
  disguised.name = INVISIBLE_NAME;
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
    expect(roster).toContain('Mal\\u{001B}[31mlory\\u{001B}[0m \\u{202E}moc.evil\\u{200B}');
    for (const file of ['roster.csv', 'findings.csv', 'exemptions.csv', 'plan.csv']) {
      const text = await readFile(path.join(one, file), 'utf8');
      for (const cell of text.split(/,|\r\n/)) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]/);
      // no raw ESC, other control, bidi override or isolate, or zero-width character
      expect(text, file).not.toMatch(/(?![\t\n\r])[\p{Cc}\p{Cf}\u2028\u2029]/u);
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

    const diff = await runCliInProcess(['diff', one, two, '--json']);
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
    const tampered = await runCliInProcess(['evidence', 'verify', two]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout + tampered.stderr).toMatch(/modified: roster\.csv/);
  });
});

/** Every file under `dir` with its content, `.git` included, to show a refusal changed nothing. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, file)] = await readFile(file, 'utf8');
    }
  }
  return out;
}

describe('an evidence folder the tool did not write', () => {
  const checkout: Record<string, string> = {
    'manifest.json': '{"name": "acme-portal", "version": "2.1.0"}\n',
    'index.html': '<h1>Acme</h1>\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/config': '[core]\n\trepositoryformatversion = 0\n',
    'site/manifest.json': '{"name": "Acme", "start_url": "/"}\n',
    'site/app.js': 'console.log("hi");\n',
  };

  it.each([
    ['.', 'evidence.protected-folder'],
    ['site', 'evidence.not-a-pack'],
  ])(
    '`evidence: %s` in a checkout with a manifest.json is refused, and nothing is deleted',
    async (folder, code) => {
      const run = await runActionInProcess({
        inputs: inputs({ evidence: folder }),
        event: schedule,
        files: { ...checkout, [POLICY]: starter },
      });
      // fail-on is never: the refused evidence folder is the only failure
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`[${code}]`);
      expect(run.stdout).not.toMatch(/This is a bug/);
      expect(run.outputs.evidence).toBe('');
      const after = await tree(run.workspace);
      for (const [file, content] of Object.entries({ ...checkout, [POLICY]: starter })) {
        expect(after[file], file).toBe(content);
      }
    },
  );
});

describe('diff on damaged inputs', () => {
  it('names the file and line of an exemptions.csv with an unterminated quote, and of a snapshot with a numeric permission', async () => {
    const run = await runActionInProcess({
      inputs: inputs({ evidence: 'pack' }),
      event: schedule,
      files: { [POLICY]: starter },
    });
    const pack = path.join(run.workspace, 'pack');
    const exemptions = path.join(pack, 'exemptions.csv');
    const text = await readFile(exemptions, 'utf8');
    await writeFile(exemptions, text + '"someone@outside.example,no-external-admins\r\n');
    const line = text.split('\n').length;
    const csv = await runCliInProcess(['diff', pack, pack]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain(`${exemptions}:${line}: a quoted cell starts here and is never closed.`);
    expect(csv.stderr).toContain('[evidence.invalid-file]');
    expect(csv.stderr).not.toMatch(/bug/);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-e2e-'));
    const snapshot = path.join(dir, 'snapshot.json');
    const users = [{ kind: 'employee', id: 1, name: 'Ann', permissions: { '10421': 'True' } }];
    const damaged = [{ kind: 'employee', id: 1, name: 'Ann', permissions: { '10421': 1 } }];
    const damagedText = JSON.stringify({ tenant: '1', users: damaged }, null, 2);
    await writeFile(snapshot, damagedText);
    const permissionLine = damagedText.split('\n').findIndex((l) => l.includes('"10421": 1')) + 1;
    const good = path.join(dir, 'good.json');
    await writeFile(good, JSON.stringify({ tenant: '1', users }, null, 2));
    const numeric = await runCliInProcess(['diff', good, snapshot]);
    expect(numeric.code).toBe(2);
    expect(numeric.stderr).toContain(
      `${snapshot}:${permissionLine}: users[0].permissions["10421"] is the number 1, where a snapshot has the text ServiceTitan sent ("True", "False") or null.`,
    );
    expect(numeric.stderr).not.toMatch(/bug/);
  });
});
