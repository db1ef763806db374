import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { sha256Hex } from '../../src/evidence/manifest.js';
import { policyCopyName, writeEvidencePack, type PackInput } from '../../src/evidence/pack.js';
import { inspectPackTarget, removeEarlierPack } from '../../src/evidence/target.js';
import { verifyEvidencePack } from '../../src/evidence/verify.js';
import { renderJson } from '../../src/report/json.js';
import { baseUsers, packInput, POLICY_TEXT, readCsv, tempDir } from './fixtures.js';

const PACK_FILES = [
  'exemptions.csv',
  'findings.csv',
  'manifest.json',
  'plan.csv',
  'report.json',
  'roster.csv',
  'servicetitan-access.yml',
];

async function writePack(users = baseUsers()) {
  const root = await tempDir();
  const dir = path.join(root, 'pack');
  const input = packInput(dir, users);
  const written = await writeEvidencePack(input);
  return { root, dir, input, written };
}

const csvOf = async (dir: string, file: string) => readCsv(await readFile(path.join(dir, file), 'utf8'));

describe('writeEvidencePack', () => {
  it('writes every file of the pack and a manifest that hashes each of them', async () => {
    const { dir, input, written } = await writePack();
    expect((await readdir(dir)).sort()).toEqual(PACK_FILES);
    expect([...written.files].sort()).toEqual(PACK_FILES);
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      version: 1,
      tool: { name: 'servicetitan-access-guard', version: '1.0.0' },
      tenant: '1234',
      environment: 'production',
      policy: { path: '.github/servicetitan-access.yml', sha256: sha256Hex(POLICY_TEXT) },
      startedAt: input.report.startedAt,
      finishedAt: input.report.finishedAt,
      runUrl: 'https://github.com/acme/access/actions/runs/42',
    });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(
      PACK_FILES.filter((f) => f !== 'manifest.json'),
    );
    for (const f of manifest.files) {
      const bytes = await readFile(path.join(dir, f.path));
      expect(f).toEqual({ path: f.path, sha256: sha256Hex(bytes), bytes: bytes.byteLength });
    }
    expect(await verifyEvidencePack(dir)).toMatchObject({ ok: true, problems: [] });
  });

  it('copies the policy file byte for byte and the report as the JSON renderer writes it', async () => {
    const { dir, input } = await writePack();
    expect(await readFile(path.join(dir, 'servicetitan-access.yml'), 'utf8')).toBe(POLICY_TEXT);
    expect(await readFile(path.join(dir, 'report.json'), 'utf8')).toBe(renderJson(input.report));
  });

  it('lists every user in the roster, inactive ones too, with each mapped permission held per its granted values', async () => {
    const { dir } = await writePack();
    const [header, ...rows] = await csvOf(dir, 'roster.csv');
    expect(header).toEqual([
      'kind', 'id', 'userId', 'name', 'email', 'login', 'audience', 'active', 'locked', 'roles', 'built-in role',
      'business unit', 'business unit id', 'generate-api-key', 'manage-api-access',
    ]); // prettier-ignore
    const byName = new Map(rows.map((r) => [r[3], r]));
    expect(rows).toHaveLength(5);
    // "TRUE" is held: granted values compare case-insensitively
    expect(byName.get('Pat Partner')).toEqual([
      'employee', '3', '1003', 'Pat Partner', 'partner@integrator.example', 'patp', 'external', 'yes', 'no', '', '', '', '',
      'yes', 'no',
    ]); // prettier-ignore
    expect(byName.get('Tess Tech')!.slice(-2)).toEqual(['no', 'yes']);
    expect(byName.get('Olga Old')!.slice(6, 9)).toEqual(['internal', 'no', 'no']);
    expect(byName.get('Bob Office')!.slice(9, 13)).toEqual(['Office', '', 'Plumbing', '7']);
  });

  it('records each exemption with its status, approver, ticket, expiry, reason and the findings it covers', async () => {
    const { dir, input } = await writePack();
    const [header = [], ...rows] = await csvOf(dir, 'exemptions.csv');
    const covered = input.report.findings.filter((f) => f.exemption !== null).map((f) => f.id);
    expect(covered).toHaveLength(1);
    expect(header.slice(0, 8)).toEqual([
      'user',
      'rules',
      'status',
      'approved by',
      'ticket',
      'expires',
      'reason',
      'findings',
    ]);
    expect(rows).toEqual([
      [
        'partner@integrator.example', 'no-external-api-access', 'active', 'security@acme-hvac.com', 'SEC-123',
        '2026-03-31', 'Integration partner Pat Partner, contract 2231', covered[0], '', '19',
      ],
    ]); // prettier-ignore
  });

  it('writes one findings row per finding and the plan with its outcomes', async () => {
    const input = packInput('', baseUsers());
    input.report.plan = input.report.plan.map((s) => ({
      ...s,
      status: 'failed',
      error: 'ServiceTitan said 409',
    }));
    const root = await tempDir();
    input.dir = path.join(root, 'pack');
    await writeEvidencePack(input);
    const findings = await csvOf(input.dir, 'findings.csv');
    expect(findings.slice(1).map((r) => r[0])).toEqual(input.report.findings.map((f) => f.id));
    const plan = await csvOf(input.dir, 'plan.csv');
    expect(plan.slice(1).map((r) => [r[0], r[10], r[11]])).toEqual(
      input.report.plan.map((s) => [s.action, 'failed', 'ServiceTitan said 409']),
    );
  });

  it('replaces an earlier pack in the same folder and leaves no temporary folder behind', async () => {
    const { root, dir, input } = await writePack();
    const before = await readFile(path.join(dir, 'manifest.json'), 'utf8');
    input.report.finishedAt = '2026-03-01T09:00:00.000Z';
    await writeEvidencePack(input);
    expect((await readdir(dir)).sort()).toEqual(PACK_FILES);
    expect(await readFile(path.join(dir, 'manifest.json'), 'utf8')).not.toBe(before);
    expect(await verifyEvidencePack(dir)).toMatchObject({ ok: true });
    expect(await readdir(root)).toEqual(['pack']);
  });

  it('writes into an empty folder', async () => {
    const root = await tempDir();
    const dir = path.join(root, 'pack');
    await mkdir(dir);
    await writeEvidencePack(packInput(dir, baseUsers()));
    expect((await readdir(dir)).sort()).toEqual(PACK_FILES);
    expect(await readdir(root)).toEqual(['pack']);
  });

  it('refuses to write into a folder that holds other files, and leaves it untouched', async () => {
    const root = await tempDir();
    const dir = path.join(root, 'docs');
    await mkdir(dir);
    await writeFile(path.join(dir, 'notes.md'), 'mine');
    const error = await writeEvidencePack(packInput(dir, baseUsers())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe('evidence.folder-not-empty');
    expect(await readdir(dir)).toEqual(['notes.md']);
    expect(await readdir(root)).toEqual(['docs']);
  });
  it('writes a pack without a roster when the run fetched no tenant, and it still verifies', async () => {
    const input = { ...packInput(path.join(await tempDir(), 'pack'), baseUsers()), snapshot: null };
    const written = await writeEvidencePack(input);
    expect(written.files).not.toContain('roster.csv');
    expect(await verifyEvidencePack(input.dir)).toMatchObject({ ok: true });
  });

  it('names the policy copy after the original unless that name is one the pack writes', () => {
    expect(policyCopyName('.github/servicetitan-access.yml')).toBe('servicetitan-access.yml');
    expect(policyCopyName('conf/report.json')).toBe('policy-report.json');
    expect(policyCopyName('')).toBe('policy.yml');
  });
});

/** The folder's files and their contents, to show that a refusal changed nothing. */
async function contentsOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, file)] = await readFile(file, 'utf8');
    }
  }
  return out;
}

async function refusal(input: PackInput): Promise<ConfigurationError> {
  const error = await writeEvidencePack(input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

describe('writeEvidencePack never deletes what it did not write', () => {
  it("refuses a folder whose manifest.json is not a pack's, such as a web app's, and leaves it untouched", async () => {
    const root = await tempDir();
    const dir = path.join(root, 'site');
    await mkdir(dir);
    await writeFile(path.join(dir, 'manifest.json'), '{"name": "Acme", "start_url": "/"}');
    await writeFile(path.join(dir, 'index.html'), '<h1>Acme</h1>');
    const before = await contentsOf(dir);
    const error = await refusal(packInput(dir, baseUsers()));
    expect(error.code).toBe('evidence.not-a-pack');
    expect(error.message).toContain('not a pack this tool wrote');
    expect(error.hint).toMatch(/folder of its own/);
    expect(await contentsOf(dir)).toEqual(before);
    expect(await readdir(root)).toEqual(['site']);
  });

  it('refuses the workspace root, even an empty one, and any folder that holds it', async () => {
    const root = await tempDir();
    const workspace = path.join(root, 'workspace');
    await mkdir(workspace);
    const inWorkspace = (dir: string) => ({ ...packInput(dir, baseUsers()), protectedDirs: [workspace] });
    expect((await refusal(inWorkspace(workspace))).code).toBe('evidence.protected-folder');
    expect((await refusal(inWorkspace(root))).code).toBe('evidence.protected-folder');
    expect(await readdir(workspace)).toEqual([]);
    expect(await readdir(root)).toEqual(['workspace']);
    // a folder inside the workspace is fine
    await writeEvidencePack(inWorkspace(path.join(workspace, 'evidence')));
    expect((await readdir(path.join(workspace, 'evidence'))).sort()).toEqual(PACK_FILES);
  });

  it('refuses a folder that holds .git, even with a manifest of its own, and one inside .git', async () => {
    const { dir, input } = await writePack();
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const before = await contentsOf(dir);
    const error = await refusal(input);
    expect(error.code).toBe('evidence.protected-folder');
    expect(error.message).toContain('.git');
    expect(await contentsOf(dir)).toEqual(before);
    expect((await refusal({ ...input, dir: path.join(dir, '.git', 'evidence') })).code).toBe(
      'evidence.protected-folder',
    );
  });

  it("refuses a manifest that names another tool, one whose listed file is missing or changed, and one that lists a subfolder's file", async () => {
    const cases: [string, (dir: string) => Promise<void>, RegExp][] = [
      [
        'another tool',
        async (dir) => {
          const file = path.join(dir, 'manifest.json');
          const manifest = JSON.parse(await readFile(file, 'utf8'));
          manifest.tool.name = 'other-tool';
          await writeFile(file, JSON.stringify(manifest));
        },
        /names "other-tool" as its tool/,
      ],
      ['a missing file', (dir) => rm(path.join(dir, 'plan.csv')), /plan\.csv it lists is missing/],
      [
        'a changed file',
        (dir) => appendFile(path.join(dir, 'roster.csv'), 'employee,99,,Added By Hand\r\n'),
        /roster\.csv was changed since the tool wrote it/,
      ],
      [
        'a nested path',
        async (dir) => {
          const file = path.join(dir, 'manifest.json');
          const manifest = JSON.parse(await readFile(file, 'utf8'));
          await mkdir(path.join(dir, 'sub'));
          await writeFile(path.join(dir, 'sub', 'x.csv'), 'x');
          manifest.files.push({ path: 'sub/x.csv', sha256: sha256Hex('x'), bytes: 1 });
          await writeFile(file, JSON.stringify(manifest));
        },
        /lists files in subfolders \(sub\/x\.csv\)/,
      ],
    ];
    for (const [what, damage, message] of cases) {
      const { dir, input } = await writePack();
      await damage(dir);
      const before = await contentsOf(dir);
      const error = await refusal(input);
      expect(error.code, what).toBe('evidence.not-a-pack');
      expect(error.message, what).toMatch(message);
      expect(await contentsOf(dir), what).toEqual(before);
    }
  });

  it('refuses an earlier pack that also holds files it did not write, and names them', async () => {
    const { root, dir, input } = await writePack();
    await writeFile(path.join(dir, 'signed-off.pdf'), "the auditor's copy");
    const before = await contentsOf(dir);
    const error = await refusal(input);
    expect(error.code).toBe('evidence.folder-not-empty');
    expect(error.message).toContain('signed-off.pdf');
    expect(error.hint).toMatch(/never deletes a file it did not write/);
    expect(await contentsOf(dir)).toEqual(before);
    expect(await readdir(root)).toEqual(['pack']);
  });

  it('when replacing, deletes only the listed files still as written, and keeps a file that appeared meanwhile', async () => {
    const { dir } = await writePack();
    const earlier = await inspectPackTarget(dir, []);
    expect(earlier.kind).toBe('pack');
    await writeFile(path.join(dir, 'late.txt'), 'added after the check');
    await appendFile(path.join(dir, 'plan.csv'), 'edited after the check\r\n');
    await removeEarlierPack(dir, earlier);
    expect((await readdir(dir)).sort()).toEqual(['late.txt', 'plan.csv']);
  });
});

describe('verifyEvidencePack', () => {
  it('fails and names the file when one byte is altered', async () => {
    const { dir } = await writePack();
    const file = path.join(dir, 'roster.csv');
    const bytes = await readFile(file);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    await writeFile(file, bytes);
    expect(await verifyEvidencePack(dir)).toMatchObject({
      ok: false,
      problems: [{ file: 'roster.csv', problem: 'modified' }],
    });
  });

  it('names a missing file and an unexpected one', async () => {
    const { dir } = await writePack();
    await rm(path.join(dir, 'plan.csv'));
    await mkdir(path.join(dir, 'extra'));
    await writeFile(path.join(dir, 'extra', 'added.csv'), 'x\r\n');
    const result = await verifyEvidencePack(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { file: 'plan.csv', problem: 'missing' },
      { file: 'extra/added.csv', problem: 'unexpected' },
    ]);
  });

  it('reports a missing or unreadable manifest on its own', async () => {
    const { dir } = await writePack();
    await appendFile(path.join(dir, 'manifest.json'), '{');
    expect((await verifyEvidencePack(dir)).problems).toEqual([
      { file: 'manifest.json', problem: 'modified' },
    ]);
    await rm(path.join(dir, 'manifest.json'));
    expect(await verifyEvidencePack(dir)).toEqual({
      ok: false,
      problems: [{ file: 'manifest.json', problem: 'missing' }],
      manifest: null,
      authorship: { checked: false, signedBy: null },
    });
  });

  it('does not follow a manifest entry that points outside the pack', async () => {
    const { dir } = await writePack();
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    manifest.files.push({ path: '../outside.txt', sha256: 'a'.repeat(64), bytes: 1 });
    await writeFile(manifestPath, JSON.stringify(manifest));
    expect((await verifyEvidencePack(dir)).problems).toEqual([
      { file: 'manifest.json', problem: 'modified' },
    ]);
  });

  it('says clearly when the folder does not exist', async () => {
    const root = await tempDir();
    await expect(verifyEvidencePack(path.join(root, 'nope'))).rejects.toMatchObject({
      code: 'evidence.not-found',
    });
  });
});
