import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeEvidencePack } from '../../src/evidence/pack.js';
import { verifyEvidencePack } from '../../src/evidence/verify.js';
import {
  baseUsers,
  HOSTILE_NAMES,
  hostileUsers,
  packInput,
  readCsv,
  tempDir,
  tenantUser,
} from './fixtures.js';

const FORMULA_START = /^[=+\-@\t\r]/;

async function csvFiles(dir: string): Promise<Map<string, string[][]>> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.csv'));
  return new Map(
    await Promise.all(
      files.map(async (f) => [f, readCsv(await readFile(path.join(dir, f), 'utf8'))] as const),
    ),
  );
}

describe('a pack built from hostile names', () => {
  // the hostile users hold an external admin role too, so they appear in findings and the plan
  const users = [
    ...baseUsers(),
    ...hostileUsers().map((u) => ({
      ...u,
      email: `${u.name}@outside.example`,
      roles: ['Admin'],
      permissions: { '1234': 'True' },
    })),
  ];

  it('neutralises every formula-looking cell in every CSV and quotes the rest correctly', async () => {
    const dir = path.join(await tempDir(), 'pack');
    await writeEvidencePack(packInput(dir, users));
    const files = await csvFiles(dir);
    expect([...files.keys()].sort()).toEqual(['exemptions.csv', 'findings.csv', 'plan.csv', 'roster.csv']);
    for (const [file, rows] of files) {
      const width = rows[0]!.length;
      for (const row of rows) {
        expect(row, file).toHaveLength(width);
        for (const cell of row) expect(cell, `${file}: ${JSON.stringify(cell)}`).not.toMatch(FORMULA_START);
      }
    }
    const roster = files.get('roster.csv')!;
    const names = roster.slice(1).map((r) => r[3]);
    for (const name of HOSTILE_NAMES) {
      expect(names).toContain(FORMULA_START.test(name) ? `'${name}` : name);
    }
    const findingNames = files.get('findings.csv')!.map((r) => r[7]);
    expect(findingNames).toContain(`'=HYPERLINK("http://x")`);
    expect(findingNames).toContain(`'@SUM(1)`);
    const planNames = files.get('plan.csv')!.map((r) => r[6]);
    expect(planNames).toContain(`'=HYPERLINK("http://x")`);
    expect(await verifyEvidencePack(dir)).toMatchObject({ ok: true });
  });
});

describe('a redacted pack', () => {
  it('carries no original name, email or login in any file', async () => {
    const users = [
      ...baseUsers(),
      tenantUser({
        id: 9,
        name: 'Mallory Mole',
        email: 'mallory@outside.example',
        login: 'mmole',
        roles: ['Admin'],
      }),
    ];
    const input = packInput(path.join(await tempDir(), 'pack'), users, { redact: true });
    await writeEvidencePack(input);
    const people = users.flatMap((u) => [u.name, u.email, u.login]).filter((x): x is string => Boolean(x));
    people.push('security@acme-hvac.com', 'Pat Partner');
    for (const file of await readdir(input.dir)) {
      const text = (await readFile(path.join(input.dir, file), 'utf8')).toLowerCase();
      for (const person of people)
        expect(text, `${file} shows ${person}`).not.toContain(person.toLowerCase());
    }
    const roster = readCsv(await readFile(path.join(input.dir, 'roster.csv'), 'utf8'));
    expect(roster.find((r) => r[1] === '9')!.slice(3, 6)).toEqual([
      'M*** M***',
      'm***@outside.example',
      'm***',
    ]);
    const exemptions = readCsv(await readFile(path.join(input.dir, 'exemptions.csv'), 'utf8'));
    const covered = input.report.findings.filter((f) => f.exemption !== null).map((f) => f.id);
    expect(covered).toHaveLength(1);
    expect(exemptions[1]!.slice(0, 8)).toEqual([
      'p***@integrator.example', 'no-external-api-access', 'active', 's***@acme-hvac.com', 'SEC-123', '2026-03-31',
      'Integration partner P*** P***, contract 2231', covered[0],
    ]); // prettier-ignore
    const manifest = JSON.parse(await readFile(path.join(input.dir, 'manifest.json'), 'utf8'));
    expect(manifest.redacted).toBe(true);
    expect(await verifyEvidencePack(input.dir)).toMatchObject({ ok: true });
  });
});
