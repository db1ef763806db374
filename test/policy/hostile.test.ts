import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, PolicyError } from '../../src/errors.js';
import { loadPolicyFile, MAX_POLICY_BYTES, parsePolicy } from '../../src/policy/load.js';
import { issuesOf, NOW, policy } from './support.js';

const only = (text: string) => issuesOf(text).map((i) => `${i.line}:${i.column} ${i.code}`);

describe('hostile or broken YAML', () => {
  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [from, to] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'g'],
    ]) {
      bomb.push(`${to}: &${to} [${Array(9).fill(`*${from}`).join(', ')}]`);
    }
    const started = Date.now();
    expect(only(bomb.join('\n'))).toEqual(['2:8 policy.alias-limit']);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses text over 1 MB before parsing it', () => {
    const text = `${policy()}# ${'x'.repeat(MAX_POLICY_BYTES)}\n`;
    expect(only(text)).toEqual(['1:1 policy.too-large']);
  });

  it('refuses a document that is a list, not a mapping', () => {
    expect(only('- version: 1\n')).toEqual(['1:1 policy.not-a-mapping']);
  });

  it('refuses a document that is a plain string', () => {
    expect(only('\n\njust some words\n')).toEqual(['3:1 policy.not-a-mapping']);
  });

  it('refuses several documents, pointing at the second', () => {
    expect(only(`${policy()}---\nversion: 1\n`)).toEqual(['9:1 policy.multiple-documents']);
  });

  it.each([
    ['a JavaScript function tag', 'version: !!js/function "function () {}"\n', '1:10 policy.custom-tag'],
    ['a local tag', 'version: 1\nrules: !rules []\n', '2:8 policy.custom-tag'],
    ['a binary tag', 'version: 1\nblob: !!binary aGVsbG8=\n', '2:7 policy.custom-tag'],
    ['a set tag', 'version: 1\nthings: !!set { a, b }\n', '2:9 policy.custom-tag'],
  ])('refuses %s', (_name, text, expected) => {
    expect(only(text)).toEqual([expected]);
  });

  it('refuses a duplicate key', () => {
    expect(only(policy('    severity: low\n    severity: high\n'))).toEqual(['10:5 policy.duplicate-key']);
  });

  it('refuses a merge key as an unknown key rather than merging', () => {
    expect(only(`${policy()}x: &base { severity: low }\nsafety:\n  <<: *base\n`)).toEqual([
      '9:1 policy.unknown-key',
      '11:3 policy.unknown-key',
    ]);
  });

  it('refuses deeply nested brackets without a crash', () => {
    const issues = issuesOf(`version: 1\nrules: ${'['.repeat(100_000)}\n`);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.length).toBeLessThanOrEqual(10);
    for (const issue of issues) expect(issue.line).toBeGreaterThanOrEqual(1);
  });

  it('refuses deeply nested mappings without a crash', () => {
    const text = Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(issuesOf(text).length).toBeGreaterThan(0);
  });

  it('refuses binary garbage, pointing at the first control character', () => {
    expect(only('version: 1\nrul\u0000es\u0001\u00ff')).toEqual(['2:4 policy.not-text']);
  });

  it('refuses an empty file and a file of comments only', () => {
    expect(only('')).toEqual(['1:1 policy.empty']);
    expect(only('# nothing yet\n')).toEqual(['1:1 policy.empty']);
  });

  it('reports a syntax error at its place', () => {
    expect(only('version: 1\nrules: [a, b\n')).toEqual(['3:1 policy.yaml-syntax']);
  });

  it('refuses tabs used as indentation', () => {
    expect(only('version: 1\nrules:\n\t- id: x\n').every((line) => line.endsWith('policy.yaml-syntax'))).toBe(
      true,
    );
  });
});

describe('loadPolicyFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'policy-load-'));
    await mkdir(join(dir, 'repo', '.github'), { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a file and records the SHA-256 of its bytes', async () => {
    const file = join(dir, 'repo', '.github', 'servicetitan-access.yml');
    await writeFile(file, policy());
    const loaded = await loadPolicyFile(file, { now: NOW, workspace: join(dir, 'repo') });
    expect(loaded.source).toEqual({
      path: file,
      sha256: createHash('sha256').update(policy()).digest('hex'),
    });
  });

  it('says where a policy is expected when the file is missing', async () => {
    const error = await loadPolicyFile(join(dir, 'nope.yml'), { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe('policy.not-found');
    expect((error as ConfigurationError).hint).toContain('.github/servicetitan-access.yml');
    expect((error as ConfigurationError).hint).toContain('`policy` input');
  });

  it('refuses a folder', async () => {
    const error = await loadPolicyFile(dir, { now: NOW }).catch((e: unknown) => e);
    expect((error as ConfigurationError).code).toBe('policy.not-readable');
  });

  it('refuses a file over 1 MB from its size, without parsing it', async () => {
    const file = join(dir, 'huge.yml');
    await writeFile(file, Buffer.alloc(MAX_POLICY_BYTES + 1, 0x61));
    const error = await loadPolicyFile(file, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe('policy.too-large');
  });

  it('refuses a file that is not UTF-8', async () => {
    const file = join(dir, 'latin1.yml');
    await writeFile(file, Buffer.from([0x76, 0x3a, 0x20, 0xe9, 0xff, 0x0a]));
    const error = await loadPolicyFile(file, { now: NOW }).catch((e: unknown) => e);
    expect((error as PolicyError).issues.map((i) => i.code)).toEqual(['policy.not-text']);
  });

  it('refuses a symlink that leads outside the workspace', async () => {
    const outside = join(dir, 'outside.yml');
    await writeFile(outside, policy());
    const link = join(dir, 'repo', 'linked.yml');
    await symlink(outside, link);
    const error = await loadPolicyFile(link, { now: NOW, workspace: join(dir, 'repo') }).catch(
      (e: unknown) => e,
    );
    expect((error as ConfigurationError).code).toBe('policy.outside-workspace');
  });

  it('refuses a path that climbs out of the workspace', async () => {
    const file = join(dir, 'repo', '..', 'outside.yml');
    const error = await loadPolicyFile(file, { now: NOW, workspace: join(dir, 'repo') }).catch(
      (e: unknown) => e,
    );
    expect((error as ConfigurationError).code).toBe('policy.outside-workspace');
  });

  it('reports policy problems from a file with the file name', async () => {
    const file = join(dir, 'bad.yml');
    await writeFile(file, 'version: 1\nrules: []\n');
    const error = await loadPolicyFile(file, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).issues[0]).toMatchObject({ file, line: 2, column: 8 });
    expect((error as PolicyError).exitCode).toBe(2);
  });
});

describe('the error message', () => {
  it('lists every problem as file:line:column with its code and hint', () => {
    let message = '';
    try {
      parsePolicy(policy().replace('applies-to', 'aplies-to'), '.github/servicetitan-access.yml', {
        now: NOW,
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      '.github/servicetitan-access.yml:7:5 `aplies-to` is not a key of `rules[0]`. [policy.unknown-key] (did you mean `applies-to`?)',
    );
  });
});
