/**
 * Policy inheritance (`extends`, SPEC §10): maps merge key by key, rules by id, some lists append,
 * and every problem is reported in the file that has it, at its line.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyError, type PolicyIssue } from '../../src/errors.js';
import { loadPolicyFile, parsePolicy } from '../../src/policy/load.js';
import { NOW } from './support.js';

const BASE = `version: 1
organization:
  name: Acme Group
  internal-domains: [acme-group.com]
  internal-users: [ops-bot@gmail.com]
permissions:
  generate-api-key: { id: 10421, label: Generate API Application Key }
  manage-api-access: { id: 10422 }
rules:
  - id: no-external-api-access
    severity: critical
    applies-to: { audience: external }
    forbid: { permissions: [generate-api-key, manage-api-access] }
    fix: lock
  - id: at-most-three-admins
    severity: medium
    max-holders: { roles: [Admin, Owner], max: 3 }
  - id: no-technician-admins
    applies-to: { kinds: [technician] }
    forbid: { roles: [Admin] }
exemptions:
  - user: partner@integrator.example
    rules: [no-external-api-access]
    reason: Integration partner, contract 2231
    expires: 2026-12-31
    approved-by: security@acme-group.com
safety:
  protected-users: [owner@acme-group.com]
  admin-roles: [Admin, Owner]
`;

let root: string;

/** Writes files under a fresh repository folder and returns its path. */
async function repo(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(root, 'repo-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

async function load(dir: string, file: string, workspace?: string) {
  return loadPolicyFile(join(dir, file), {
    now: NOW,
    displayPath: file,
    ...(workspace !== undefined ? { workspace } : {}),
  });
}

async function issues(dir: string, file: string, workspace?: string): Promise<PolicyIssue[]> {
  const error = await load(dir, file, workspace).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PolicyError)) throw new Error(`expected a PolicyError, got ${String(error)}`);
  return error.issues;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'policy-extends-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('extends: how a policy builds on its base', () => {
  it('merges maps key by key, appends the listed lists and replaces every other list', async () => {
    const dir = await repo({
      '.github/base.yml': BASE,
      '.github/access/north.yml': `extends: ../base.yml
organization:
  internal-domains: [north-hvac.com]
  external-users: [temp@north-hvac.com]
permissions:
  generate-api-key: { id: 20421 }
exemptions:
  - user: kiosk@north-hvac.com
    rules: [no-technician-admins]
    reason: Shop kiosk
    expires: 2026-06-30
    approved-by: it@north-hvac.com
safety:
  protected-users: [gm@north-hvac.com]
  admin-roles: [Owner]
`,
    });
    const policy = await load(dir, '.github/access/north.yml');
    expect(policy.organization.name).toBe('Acme Group');
    expect(policy.organization.internalDomains).toEqual(['acme-group.com', 'north-hvac.com']);
    expect(policy.organization.internalUsers.map((u) => u.raw)).toEqual(['ops-bot@gmail.com']);
    expect(policy.organization.externalUsers.map((u) => u.raw)).toEqual(['temp@north-hvac.com']);
    // the nearer file's id wins, the base's label stays
    expect(policy.permissions.find((p) => p.name === 'generate-api-key')).toMatchObject({
      id: 20421,
      label: 'Generate API Application Key',
    });
    expect(policy.exemptions.map((e) => e.user?.raw)).toEqual([
      'partner@integrator.example',
      'kiosk@north-hvac.com',
    ]);
    expect(policy.safety.protectedUsers.map((u) => u.raw)).toEqual([
      'owner@acme-group.com',
      'gm@north-hvac.com',
    ]);
    expect(policy.safety.adminRoles).toEqual(['Owner']);
  });

  it('replaces a rule of the same id in place, removes a disabled one and appends new ones', async () => {
    const dir = await repo({
      'base.yml': BASE,
      'south.yml': `extends: base.yml
rules:
  - id: new-rule
    forbid: { roles: [Owner] }
  - id: at-most-three-admins
    disabled: true
  - id: no-external-api-access
    severity: high
    applies-to: { audience: external }
    forbid: { permissions: [generate-api-key] }
`,
    });
    const policy = await load(dir, 'south.yml');
    expect(policy.rules.map((r) => [r.id, r.severity])).toEqual([
      ['no-external-api-access', 'high'],
      ['no-technician-admins', 'high'],
      ['new-rule', 'high'],
    ]);
    const replaced = policy.rules[0]!;
    expect(replaced.kind === 'forbid' && replaced.forbid.permissions).toEqual(['generate-api-key']);
    // each rule points at the file and line it was written in
    expect(policy.rules.map((r) => r.position)).toEqual([
      { line: 7, column: 5 },
      { line: 18, column: 5, file: 'base.yml' },
      { line: 3, column: 5 },
    ]);
  });

  it('follows a chain of bases and records each one with the SHA-256 of its bytes', async () => {
    const middle = 'extends: ../base.yml\norganization:\n  internal-domains: [brand.com]\n';
    const top = 'extends: ../shared/brand.yml\norganization:\n  internal-domains: [east.brand.com]\n';
    const dir = await repo({ 'base.yml': BASE, 'shared/brand.yml': middle, 'tenants/east.yml': top });
    const policy = await load(dir, 'tenants/east.yml');
    expect(policy.organization.internalDomains).toEqual(['acme-group.com', 'brand.com', 'east.brand.com']);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(policy.source).toEqual({
      path: 'tenants/east.yml',
      sha256: sha(top),
      extends: [
        { path: 'shared/brand.yml', sha256: sha(middle) },
        { path: 'base.yml', sha256: sha(BASE) },
      ],
    });
  });

  it('lets the policy exempt a base rule, and refuses an exemption of a rule it disabled, in its own file', async () => {
    const dir = await repo({
      'base.yml': BASE,
      'west.yml': `extends: base.yml
rules:
  - id: no-technician-admins
    disabled: true
exemptions:
  - user: tech@west.example
    rules: [no-technician-admins]
    reason: Trainer
    expires: 2026-06-30
    approved-by: it@west.example
`,
    });
    const found = await issues(dir, 'west.yml');
    expect(found).toEqual([
      expect.objectContaining({ file: 'west.yml', line: 7, code: 'policy.unknown-rule' }),
    ]);
  });

  it('switches off a disabled rule in a policy that extends nothing, keeping the others where they are', () => {
    const policy = parsePolicy(
      `version: 1
rules:
  - id: paused
    disabled: true
    forbid: { roles: [Admin] }
  - id: kept
    forbid: { roles: [Owner] }
`,
      'single.yml',
      { now: NOW },
    );
    expect(policy.rules.map((r) => [r.id, r.position])).toEqual([['kept', { line: 6, column: 5 }]]);
    expect(policy.source.extends).toBeUndefined();
  });
});

describe('extends: problems, each in the file that has it', () => {
  it('reports a base policy’s mistake at its line in the base, and the policy’s own in the policy', async () => {
    const dir = await repo({
      'base.yml': BASE.replace(
        '    applies-to: { audience: external }',
        '    aplies-to: { audience: external }',
      ),
      'north.yml':
        'extends: base.yml\nrules:\n  - id: extra\n    severity: hihg\n    forbid: { roles: [Admin] }\n',
    });
    const found = await issues(dir, 'north.yml');
    expect(found.map((i) => [i.file, i.line, i.code, i.hint])).toEqual([
      ['north.yml', 4, 'policy.invalid-value', 'did you mean `high`?'],
      ['base.yml', 12, 'policy.unknown-key', 'did you mean `applies-to`?'],
    ]);
  });

  it('reports a YAML syntax error of the base in the base', async () => {
    const dir = await repo({ 'base.yml': 'version: 1\nrules: [\n', 'top.yml': 'extends: base.yml\n' });
    const [first] = await issues(dir, 'top.yml');
    expect(first).toMatchObject({ file: 'base.yml', code: 'policy.yaml-syntax' });
  });

  it('names both files of a cycle, at the `extends` that closes it', async () => {
    const dir = await repo({
      'a.yml': 'extends: b.yml\nversion: 1\n',
      'b.yml': '# the shared base\nextends: a.yml\n',
    });
    const found = await issues(dir, 'a.yml');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'b.yml', line: 2, column: 10, code: 'policy.extends-cycle' });
    expect(found[0]!.message).toContain('b.yml extends a.yml');
    expect(found[0]!.message).toContain('already extends b.yml');
  });

  it('calls a policy that extends itself a cycle', async () => {
    const dir = await repo({ 'self.yml': 'version: 1\nextends: ./self.yml\n' });
    const [issue] = await issues(dir, 'self.yml');
    expect(issue).toMatchObject({ file: 'self.yml', line: 2, code: 'policy.extends-cycle' });
    expect(issue!.message).toContain('self.yml extends itself');
  });

  it('says where a missing base was looked for, at the `extends` line', async () => {
    const dir = await repo({ '.github/north.yml': 'version: 1\nextends: ../bsae.yml\n' });
    const [issue] = await issues(dir, '.github/north.yml');
    expect(issue).toMatchObject({ file: '.github/north.yml', line: 2, code: 'policy.extends-not-found' });
    expect(issue!.message).toContain('(bsae.yml)');
  });

  it('refuses `extends` that is not a path', async () => {
    const dir = await repo({ 'p.yml': 'version: 1\nextends: [a.yml]\n' });
    const [issue] = await issues(dir, 'p.yml');
    expect(issue).toMatchObject({ file: 'p.yml', line: 2, code: 'policy.invalid-extends' });
  });

  it('suggests the base rule meant by a disabled id that matches none', async () => {
    const dir = await repo({
      'base.yml': BASE,
      'top.yml': 'extends: base.yml\nrules:\n  - id: no-external-api-acess\n    disabled: true\n',
    });
    const [issue] = await issues(dir, 'top.yml');
    expect(issue).toMatchObject({
      file: 'top.yml',
      line: 3,
      code: 'policy.disabled-unknown-rule',
      hint: 'did you mean `no-external-api-access`?',
    });
  });

  it('keeps a base inside the repository when the run is bound to it, symlinks included', async () => {
    const outside = await repo({ 'base.yml': BASE });
    const dir = await repo({ 'top.yml': 'extends: ../elsewhere/base.yml\n' });
    await mkdir(join(dir, 'link'), { recursive: true });
    await symlink(join(outside, 'base.yml'), join(dir, 'link', 'base.yml'));
    await writeFile(join(dir, 'via-link.yml'), 'extends: link/base.yml\n');
    const [direct] = await issues(dir, 'top.yml', dir);
    expect(direct).toMatchObject({ code: 'policy.extends-not-found' });
    const [linked] = await issues(dir, 'via-link.yml', dir);
    expect(linked).toMatchObject({ file: 'via-link.yml', line: 1, code: 'policy.outside-workspace' });
    // on the command line the user names the files they mean
    await expect(load(dir, 'via-link.yml')).resolves.toMatchObject({ organization: { name: 'Acme Group' } });
  });
});
