import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDiffCommand, runEvidenceCommand, type CommandOutput } from '../../src/evidence/cli.js';
import { writeEvidencePack } from '../../src/evidence/pack.js';
import { baseUsers, packInput, tempDir, tenantUser } from './fixtures.js';

function capture(isTTY = false): CommandOutput & { out: string; err: string } {
  const c = {
    out: '',
    err: '',
    isTTY,
    stdout: (t: string) => void (c.out += t),
    stderr: (t: string) => void (c.err += t),
  };
  return c;
}

async function pack(users = baseUsers()) {
  const dir = path.join(await tempDir(), 'pack');
  await writeEvidencePack(packInput(dir, users));
  return dir;
}

describe('st-access-guard evidence verify', () => {
  it('says the pack is intact and exits 0', async () => {
    const io = capture();
    expect(await runEvidenceCommand(['verify', await pack()], {}, io)).toBe(0);
    expect(io.out).toMatch(
      /^intact: 6 files verified\nintegrity checked; authorship not checked \(unsigned\)\n/,
    );
  });

  it('names each problem and exits 1 when the pack was changed', async () => {
    const dir = await pack();
    await writeFile(
      path.join(dir, 'findings.csv'),
      (await readFile(path.join(dir, 'findings.csv'), 'utf8')) + 'x',
    );
    const io = capture();
    expect(await runEvidenceCommand(['verify', dir], {}, io)).toBe(1);
    expect(io.out).toContain('not intact');
    expect(io.out).toContain('modified: findings.csv');
  });

  it('exits 2 with the usage on a bad command line', async () => {
    const io = capture();
    expect(await runEvidenceCommand(['check', 'x'], {}, io)).toBe(2);
    expect(await runEvidenceCommand(['verify'], {}, io)).toBe(2);
    expect(io.err).toContain('Usage: st-access-guard evidence verify DIR');
  });

  it('throws a configuration error for a folder that does not exist', async () => {
    const io = capture();
    await expect(
      runEvidenceCommand(['verify', path.join(await tempDir(), 'gone')], {}, io),
    ).rejects.toMatchObject({
      code: 'evidence.not-found',
      exitCode: 2,
    });
  });
});

describe('st-access-guard diff', () => {
  const later = () => [
    ...baseUsers().map((u) => (u.id === 2 ? { ...u, locked: true } : u)),
    tenantUser({ id: 6, name: 'Eve Outsider', email: 'eve@outside.example', roles: ['Admin'] }),
  ];

  it('prints a plain table by default, without colour off a terminal', async () => {
    const io = capture(false);
    expect(await runDiffCommand([await pack(), await pack(later())], {}, io)).toBe(0);
    expect(io.out).toContain('Joined (1)');
    expect(io.out).toContain('Eve Outsider');
    expect(io.out).not.toContain('\u001b');
  });

  it('prints JSON with --json and Markdown with --markdown', async () => {
    const [a, b] = [await pack(), await pack(later())];
    const json = capture();
    await runDiffCommand([a, b], { json: true }, json);
    expect(JSON.parse(json.out)).toMatchObject({
      left: [{ how: 'locked', user: { id: 2 } }],
      joined: [{ user: { id: 6 } }],
    });
    const md = capture();
    await runDiffCommand([a, b], { markdown: true }, md);
    expect(md.out).toMatch(/^### Access changes since the last review/);
  });

  it('exits 2 with the usage on a bad command line', async () => {
    const io = capture();
    expect(await runDiffCommand(['only-one'], {}, io)).toBe(2);
    expect(await runDiffCommand(['a', 'b'], { json: true, markdown: true }, io)).toBe(2);
    expect(io.err).toContain('Usage: st-access-guard diff OLD NEW');
  });

  it('throws a configuration error for a file that is neither a pack nor a snapshot', async () => {
    const file = path.join(await tempDir(), 'notes.txt');
    await writeFile(file, 'hello');
    await expect(runDiffCommand([file, await pack()], {}, capture())).rejects.toMatchObject({
      code: 'evidence.not-a-pack',
    });
  });
});
