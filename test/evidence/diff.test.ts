import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TenantUser } from '../../src/engine/snapshot.js';
import { ConfigurationError } from '../../src/errors.js';
import { diffReviews, loadReviewState, type AccessDiff } from '../../src/evidence/diff.js';
import { writeEvidencePack } from '../../src/evidence/pack.js';
import { baseUsers, NOW, packInput, POLICY_TEXT, snapshotOf, tempDir, tenantUser } from './fixtures.js';

const WEEK_LATER = new Date(NOW.getTime() + 7 * 86_400_000);

async function pack(users: TenantUser[], opts: { now?: Date; policyText?: string; redact?: boolean } = {}) {
  const dir = path.join(await tempDir(), 'pack');
  await writeEvidencePack(packInput(dir, users, opts));
  return dir;
}

async function snapshotFile(users: TenantUser[]) {
  const file = path.join(await tempDir(), 'snapshot.json');
  await writeFile(file, JSON.stringify(snapshotOf(users)));
  return file;
}

/** The week's changes: Bob's account is locked and an outside admin appears. */
function lockedAndOutsider(): TenantUser[] {
  return [
    ...baseUsers().map((u) => (u.id === 2 ? { ...u, locked: true } : u)),
    tenantUser({ id: 6, name: 'Eve Outsider', email: 'eve@outside.example', roles: ['Admin'], roleIds: [1] }),
  ];
}

const EMPTY: Omit<AccessDiff, 'from' | 'to' | 'notes'> = {
  joined: [],
  left: [],
  audienceChanged: [],
  rolesChanged: [],
  businessUnitChanged: [],
  permissionsGained: [],
  permissionsLost: [],
  findingsOpened: [],
  findingsClosed: [],
  exemptionsAdded: [],
  exemptionsExpired: [],
  exemptionsRemoved: [],
};

const bob = { kind: 'employee', id: 2, name: 'Bob Office', contact: 'bob@acme-hvac.com' };
const eve = { kind: 'employee', id: 6, name: 'Eve Outsider', contact: 'eve@outside.example' };

describe('diffReviews between two packs', () => {
  it('shows a locked user and a new outside admin, and nothing else', async () => {
    const before = await loadReviewState(await pack(baseUsers()));
    const after = await loadReviewState(await pack(lockedAndOutsider(), { now: WEEK_LATER }));
    const { from, to, ...diff } = diffReviews(before, after);
    expect(from.takenAt).toBe(NOW.toISOString());
    expect(to.takenAt).toBe(WEEK_LATER.toISOString());
    expect(diff).toEqual({
      ...EMPTY,
      left: [{ user: bob, how: 'locked' }],
      joined: [{ user: eve, how: 'new', audience: 'external', roles: ['Admin'] }],
      findingsOpened: [
        {
          id: expect.any(String) as string,
          rule: 'no-external-admins',
          severity: 'high',
          message: expect.stringContaining('Eve Outsider') as string,
          user: { kind: 'employee', id: 6, name: 'Eve Outsider' },
          exempt: false,
        },
      ],
      notes: [],
    });
  });

  it('shows moves: audience, roles, business unit, and permissions gained and lost', async () => {
    const moved = baseUsers().map((u): TenantUser => {
      if (u.id === 1) return { ...u, roles: ['Office'], roleIds: [2] };
      if (u.id === 2)
        return { ...u, businessUnit: null, businessUnitId: null, permissions: { '1234': 'True' } };
      if (u.id === 4) return { ...u, email: 'tess@freelance.example', permissions: {} };
      return u;
    });
    const diff = diffReviews(
      await loadReviewState(await pack(baseUsers())),
      await loadReviewState(await pack(moved)),
    );
    expect(diff.rolesChanged).toEqual([
      { user: expect.objectContaining({ id: 1 }), added: ['Office'], removed: ['Admin'] },
    ]);
    expect(diff.businessUnitChanged).toEqual([
      { user: expect.objectContaining({ id: 2 }), before: 'Plumbing', after: null },
    ]);
    expect(diff.permissionsGained).toEqual([
      { user: expect.objectContaining({ id: 2 }), permission: 'generate-api-key' },
    ]);
    expect(diff.permissionsLost).toEqual([
      { user: expect.objectContaining({ kind: 'technician', id: 4 }), permission: 'manage-api-access' },
    ]);
    expect(diff.audienceChanged).toEqual([
      { user: expect.objectContaining({ id: 4 }), before: 'internal', after: 'external' },
    ]);
    // Tess is now external but holds nothing the policy forbids outsiders
    expect(diff.findingsOpened).toEqual([]);
    expect(diff.joined).toEqual([]);
    expect(diff.left).toEqual([]);
  });

  it('shows exemptions added, expired and removed', async () => {
    const early = POLICY_TEXT.replace('expires: 2026-03-31', 'expires: 2026-03-05');
    const addedAndRemoved = early
      .replace('user: partner@integrator.example', 'user: employee:9')
      .concat(
        '  - user: partner@integrator.example\n    rules: [no-external-admins]\n    reason: Pilot\n' +
          '    expires: 2026-04-30\n    approved-by: security@acme-hvac.com\n',
      );
    const first = await loadReviewState(await pack(baseUsers(), { policyText: early }));
    const expired = await loadReviewState(await pack(baseUsers(), { policyText: early, now: WEEK_LATER }));
    expect(diffReviews(first, expired).exemptionsExpired).toEqual([
      expect.objectContaining({
        user: 'partner@integrator.example',
        expires: '2026-03-05',
        ticket: 'SEC-123',
      }),
    ]);
    const changed = await loadReviewState(await pack(baseUsers(), { policyText: addedAndRemoved }));
    const d = diffReviews(first, changed);
    expect(d.exemptionsAdded.map((e) => [e.user, e.rules])).toEqual([
      ['employee:9', ['no-external-api-access']],
      ['partner@integrator.example', ['no-external-admins']],
    ]);
    expect(d.exemptionsRemoved.map((e) => [e.user, e.rules])).toEqual([
      ['partner@integrator.example', ['no-external-api-access']],
    ]);
  });

  it('compares redacted packs by record, so masks do not count as changes', async () => {
    const d = diffReviews(
      await loadReviewState(await pack(baseUsers(), { redact: true })),
      await loadReviewState(await pack(lockedAndOutsider(), { redact: true, now: WEEK_LATER })),
    );
    expect(d.left).toEqual([
      { user: { kind: 'employee', id: 2, name: 'B*** O***', contact: 'b***@acme-hvac.com' }, how: 'locked' },
    ]);
    expect(d.joined.map((j) => j.user.id)).toEqual([6]);
    expect(d.rolesChanged.length + d.exemptionsAdded.length + d.exemptionsRemoved.length).toBe(0);
  });
});

describe('diffReviews with snapshots', () => {
  it('shows the same joiner and leaver between two snapshot files, and says findings were not compared', async () => {
    const d = diffReviews(
      await loadReviewState(await snapshotFile(baseUsers())),
      await loadReviewState(await snapshotFile(lockedAndOutsider())),
    );
    expect(d.left).toEqual([{ user: bob, how: 'locked' }]);
    expect(d.joined).toEqual([{ user: eve, how: 'new', audience: null, roles: ['Admin'] }]);
    expect({ ...d, left: [], joined: [], notes: [], from: null, to: null }).toEqual({
      ...EMPTY,
      notes: [],
      from: null,
      to: null,
    });
    expect(d.notes.join(' ')).toMatch(/Findings are not compared/);
  });

  it('lines a snapshot up with a pack by the permission ids the pack mapped', async () => {
    const gained = baseUsers().map((u) =>
      u.id === 2 ? { ...u, permissions: { '1234': 'True', '1235': 'False' } } : u,
    );
    const d = diffReviews(
      await loadReviewState(await pack(baseUsers())),
      await loadReviewState(await snapshotFile(gained)),
    );
    expect(d.permissionsGained).toEqual([{ user: bob, permission: 'generate-api-key' }]);
    expect(d.permissionsLost).toEqual([]);
  });

  it('reports a deactivated user and a user gone from the tenant as leavers', async () => {
    const later = baseUsers()
      .filter((u) => u.id !== 3)
      .map((u) => (u.id === 1 ? { ...u, active: false } : u));
    const d = diffReviews(
      await loadReviewState(await snapshotFile(baseUsers())),
      await loadReviewState(await snapshotFile(later)),
    );
    expect(d.left.map((l) => [l.user.id, l.how])).toEqual([
      [1, 'deactivated'],
      [3, 'gone'],
    ]);
  });
});

describe('loadReviewState', () => {
  it('says clearly when the path is missing, or is neither a pack nor a snapshot', async () => {
    const root = await tempDir();
    await expect(loadReviewState(path.join(root, 'missing'))).rejects.toMatchObject({
      code: 'evidence.not-found',
    });
    await expect(loadReviewState(root)).rejects.toMatchObject({ code: 'evidence.not-a-pack' });
    const notes = path.join(root, 'notes.json');
    await writeFile(notes, '{"hello": 1}');
    await expect(loadReviewState(notes)).rejects.toMatchObject({ code: 'evidence.not-a-pack' });
  });
});

describe('loadReviewState on a damaged input', () => {
  it('names the file and line of an exemptions.csv with an unterminated quote', async () => {
    const dir = await pack(baseUsers());
    const file = path.join(dir, 'exemptions.csv');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text + '"partner@integrator.example,no-external-admins,active\r\n');
    const line = text.split('\n').length;
    const error = await loadReviewState(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({
      code: 'evidence.invalid-file',
      message: `${file}:${line}: a quoted cell starts here and is never closed.`,
    });
  });

  it('names the file and line of a roster.csv with an unterminated quote', async () => {
    const dir = await pack(baseUsers());
    const file = path.join(dir, 'roster.csv');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Bob Office', '"Bob Office'));
    await expect(loadReviewState(dir)).rejects.toMatchObject({
      code: 'evidence.invalid-file',
      message: `${file}:3: a quoted cell starts here and is never closed.`,
    });
  });

  it('names the file and line of a report.json that is not JSON', async () => {
    const dir = await pack(baseUsers());
    const file = path.join(dir, 'report.json');
    await writeFile(file, '{\n  "findings": [\n    {"id": 1,}\n  ]\n}\n');
    await expect(loadReviewState(dir)).rejects.toMatchObject({
      code: 'evidence.invalid-file',
      message: `${file}:3: the report is not valid JSON.`,
    });
  });

  it.each([
    [
      'a numeric permission value',
      (u: Record<string, unknown>) => (u.permissions = { '1234': 1, '1235': 'False' }),
      'users[1].permissions["1234"] is the number 1, where a snapshot has the text ServiceTitan sent ("True", "False") or null',
      '"1234": 1',
    ],
    [
      'a boolean permission value',
      (u: Record<string, unknown>) => (u.permissions = { '1234': true }),
      'users[1].permissions["1234"] is true, where a snapshot has the text ServiceTitan sent ("True", "False") or null',
      '"1234": true',
    ],
    [
      'a numeric name',
      (u: Record<string, unknown>) => (u.name = 42),
      'users[1].name is the number 42, where a snapshot has text',
      '"name": 42',
    ],
    [
      'roles that are not a list of names',
      (u: Record<string, unknown>) => (u.roles = ['Office', 4242]),
      'users[1].roles[1] is the number 4242, where a snapshot has a role name (text)',
      '4242',
    ],
    [
      'a record without a numeric id',
      (u: Record<string, unknown>) => (u.id = '2'),
      'users[1].id is the text "2", where a snapshot has a whole number',
      '"id": "2"',
    ],
  ])('names the file and line of a snapshot with %s', async (_what, damage, problem, lineText) => {
    const snapshot = snapshotOf(baseUsers());
    damage(snapshot.users[1] as unknown as Record<string, unknown>);
    const text = JSON.stringify(snapshot, null, 2);
    const file = path.join(await tempDir(), 'snapshot.json');
    await writeFile(file, text);
    const line = text.split('\n').findIndex((l) => l.includes(lineText)) + 1;
    expect(line).toBeGreaterThan(1);
    const error = await loadReviewState(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ code: 'evidence.invalid-file', message: `${file}:${line}: ${problem}.` });
  });
});
