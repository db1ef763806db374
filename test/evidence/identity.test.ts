/**
 * The evidence of a policy with `identity`: the roster's identity columns, read back by `diff`,
 * which lists whose identity state changed; packs without the columns still compare.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Directory } from '../../src/domain/identity.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { TenantUser } from '../../src/engine/snapshot.js';
import { diffReviews, loadReviewState } from '../../src/evidence/diff.js';
import { writeEvidencePack } from '../../src/evidence/pack.js';
import { renderDiffMarkdown, renderDiffText } from '../../src/evidence/render-diff.js';
import { buildReport } from '../../src/report/build.js';
import { redactReport } from '../../src/report/redact.js';
import { baseUsers, loadPolicy, NOW, POLICY_FILE, POLICY_TEXT, snapshotOf, tempDir } from './fixtures.js';

const IDENTITY = `
identity:
  sources:
    - id: hr
      csv: people/roster.csv
`;
const WITH_IDENTITY = POLICY_TEXT.replace('exemptions:', `${IDENTITY.trim()}\nexemptions:`);

function roster(states: Record<string, 'active' | 'terminated'>): Directory {
  return {
    sourceId: 'hr',
    kind: 'csv',
    people: Object.entries(states).map(([email, state]) => ({
      personId: email,
      emails: [email],
      aadObjectId: null,
      name: null,
      state,
      type: email.endsWith('@integrator.example') ? 'contractor' : 'employee',
      lastSignIn: null,
      createdAt: null,
    })),
    signInReported: false,
    signInUnavailable: null,
  };
}

async function pack(
  users: TenantUser[],
  opts: { policyText?: string; directory?: Directory; redact?: boolean } = {},
): Promise<string> {
  const dir = path.join(await tempDir(), 'pack');
  const policyText = opts.policyText ?? POLICY_TEXT;
  const policy = loadPolicy(policyText);
  const snapshot = snapshotOf(users);
  const evaluation = evaluate(policy, snapshot, NOW, opts.directory ? [opts.directory] : []);
  const report = buildReport(
    {
      mode: 'audit',
      tenant: snapshot.tenant,
      environment: snapshot.environment,
      policy: { path: POLICY_FILE, sha256: policy.source.sha256 },
      startedAt: NOW,
      finishedAt: NOW,
      failOn: 'high',
      toolVersion: '1.0.0',
    },
    { evaluation },
  );
  await writeEvidencePack({
    dir,
    report: opts.redact ? redactReport(report) : report,
    snapshot,
    policy,
    policyText,
    policyFileName: 'servicetitan-access.yml',
    redact: opts.redact ?? false,
    toolVersion: '1.0.0',
    identity: evaluation.identity?.roster ?? null,
  });
  return dir;
}

const everyone = {
  'alice@acme-hvac.com': 'active',
  'bob@acme-hvac.com': 'active',
  'partner@integrator.example': 'active',
  'olga@acme-hvac.com': 'terminated',
} as const;

describe('the evidence roster with identity', () => {
  it('has the identity columns between the fixed ones and the permissions', async () => {
    const dir = await pack(baseUsers(), { policyText: WITH_IDENTITY, directory: roster(everyone) });
    const [header, ...rows] = (await readFile(path.join(dir, 'roster.csv'), 'utf8')).trim().split('\r\n');
    expect(header).toBe(
      'kind,id,userId,name,email,login,audience,active,locked,roles,built-in role,business unit,business unit id,' +
        'identity source,identity state,matched by,person id,last sign-in,audience from,generate-api-key,manage-api-access',
    );
    // the contractor is external by the roster; the technician no source knows, by the domain rule
    expect(rows.find((r) => r.startsWith('employee,3,'))).toContain(
      ',external,yes,no,,,,,hr,active,email,partner@integrator.example,,directory,yes,no',
    );
    expect(rows.find((r) => r.startsWith('technician,4,'))).toContain(',,unmatched,,,,domain,no,yes');
  });

  it('masks the person id of a roster row when the run redacts', async () => {
    const dir = await pack(baseUsers(), {
      policyText: WITH_IDENTITY,
      directory: roster(everyone),
      redact: true,
    });
    const text = await readFile(path.join(dir, 'roster.csv'), 'utf8');
    expect(text).toContain(',hr,active,email,a***@acme-hvac.com,,');
    expect(text).not.toContain('alice@');
  });

  it('has no identity columns for a policy without identity', async () => {
    const dir = await pack(baseUsers());
    const header = (await readFile(path.join(dir, 'roster.csv'), 'utf8')).split('\r\n')[0];
    expect(header).not.toContain('identity');
    expect(header).toMatch(/business unit id,generate-api-key,manage-api-access$/);
  });
});

describe('diff with identity', () => {
  it('lists whose identity state changed between two packs, and reads their permissions right', async () => {
    const before = await pack(baseUsers(), { policyText: WITH_IDENTITY, directory: roster(everyone) });
    const { 'bob@acme-hvac.com': _bob, ...withoutBob } = everyone;
    const after = await pack(baseUsers(), {
      policyText: WITH_IDENTITY,
      directory: roster({ ...withoutBob, 'alice@acme-hvac.com': 'terminated' }),
    });
    const diff = diffReviews(await loadReviewState(before), await loadReviewState(after));
    expect(diff.identityChanged?.map((c) => [c.user.id, c.before, c.after])).toEqual([
      [1, 'active (hr)', 'terminated (hr)'],
      [2, 'active (hr)', 'unmatched'],
    ]);
    expect(diff.permissionsGained).toEqual([]);
    expect(diff.permissionsLost).toEqual([]);
    expect(renderDiffText(diff, { color: false })).toContain('Identity changed (2)');
    expect(renderDiffMarkdown(diff)).toContain('| active \\(hr\\) | terminated \\(hr\\) |');
  });

  it('compares a pack without identity columns with one that has them, and says why states are not', async () => {
    const before = await pack(baseUsers());
    const after = await pack(baseUsers(), { policyText: WITH_IDENTITY, directory: roster(everyone) });
    const diff = diffReviews(await loadReviewState(before), await loadReviewState(after));
    expect(diff.identityChanged).toBeUndefined();
    expect(diff.permissionsGained).toEqual([]);
    expect(diff.notes).toContain(
      'Identity states are not compared: only one of the two reviews had identity sources.',
    );
  });
});
