/**
 * What keeps a review trustworthy: a review that closes itself once everything is decided, whose
 * revocation of a protected user is refused whole by apply; a start that stopped half-way and is
 * finished only while the tenant is unchanged; a roster edited in an issue body, refused; names
 * masked everywhere when the run redacts; and the mistakes a user can make, each named.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { parseRosterBlock, renderRosterBlock } from '../../src/review/blocks.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { at, bench, user, type Bench } from './support.js';

let sandbox: Sandbox;
let gh: GitHubFake;
let b: Bench;

beforeEach(async () => {
  sandbox = await startSandbox();
  gh = await startGitHubFake();
  b = await bench(sandbox, gh);
});
afterEach(async () => {
  await gh.close();
  await sandbox.close();
});

const numbers = () => gh.state.issues.map((i) => i.number);
const writesTo = (from: number) =>
  sandbox.requests.slice(from).filter((r) => r.method !== 'GET' && !r.path.endsWith('/connect/token'));

describe('a review that closes itself', () => {
  it('closes once every account is decided; apply then refuses the whole plan for a protected user', async () => {
    const started = await b.review('start');
    const [tech, staff] = started.result.report.review!.issues.map((i) => i.number);
    at(b, '2025-01-08T10:00:00Z');
    gh.addComment(tech!, '/keep all crew leads, checked against the roster', user('field-lead'));
    gh.addComment(
      staff!,
      '/revoke employee:103 owner account, should be a named person\n/keep all reviewed with HR',
      user('security-lead'),
    );
    at(b, '2025-01-08T11:00:00Z');
    const { result } = await b.review('sync', { evidence: 'evidence' });
    expect(result.report.errors).toEqual([]);
    const review = result.report.review!;
    expect(review.closed).toBe(true);
    expect([review.kept, review.revoked, review.undecided]).toEqual([7, 1, 0]);
    expect(gh.state.issues.every((i) => i.state === 'closed')).toBe(true);
    expect(result.evidenceWritten?.files).toContain('attestations.csv');
    // the close already shows what apply would do: robert.hallorann is protected
    expect(result.report.plan).toEqual([
      expect.objectContaining({ action: 'lock', status: 'skipped', reason: 'protected user' }),
    ]);
    expect(result.report.refusals.map((r) => r.code)).toEqual(['apply.protected-user']);
    await writeFile(path.join(b.workspace, 'close.json'), renderJson(result.report));

    const from = sandbox.requests.length;
    const applied = await b.pipeline('apply', { 'review-report': 'close.json', report: 'apply.json' });
    expect(applied.report.errors).toEqual([]);
    expect(applied.report.status).toBe('fail');
    expect(applied.exitCode).toBe(1);
    expect(applied.report.refusals.map((r) => r.code)).toContain('apply.protected-user');
    expect(applied.report.plan.map((s) => s.status)).toEqual(['skipped']);
    expect(writesTo(from)).toEqual([]);
    expect(sandbox.state.employees.find((e) => e.id === 103)!.accountLocked).toBe(false);
  });

  it('refuses a review report of another tenant, and a plan that revokes what the review kept', async () => {
    const started = await b.review('start');
    const [tech, staff] = started.result.report.review!.issues.map((i) => i.number);
    gh.addComment(tech!, '/keep all ok', user('field-lead'));
    gh.addComment(staff!, '/revoke employee:161 left\n/keep all ok', user('it-lead'));
    at(b, '2025-01-06T12:00:00Z');
    const { result } = await b.review('close');
    const json = JSON.parse(renderJson(result.report));
    await writeFile(path.join(b.workspace, 'other.json'), JSON.stringify({ ...json, tenant: '999' }));
    const other = await b.pipeline('apply', { 'review-report': 'other.json' });
    expect(other.report.errors.map((e) => e.code)).toEqual(['input.review-report-wrong-tenant']);
    expect(other.exitCode).toBe(2);

    const forged = {
      ...json,
      plan: [...json.plan, { ...json.plan[0], user: { ...json.plan[0].user, id: 101 } }],
    };
    await writeFile(path.join(b.workspace, 'forged.json'), JSON.stringify(forged));
    const from = sandbox.requests.length;
    const refused = await b.pipeline('apply', { 'review-report': 'forged.json' });
    expect(refused.report.errors[0]!.code).toBe('input.invalid-review-report');
    expect(refused.report.errors[0]!.message).toContain('employee:101');
    expect(writesTo(from)).toEqual([]);
  });
});

describe('a start that stopped half-way', () => {
  it('opens the missing issue on the next start while the tenant is unchanged, and refuses once it changed', async () => {
    await b.review('start');
    const lost = gh.state.issues.pop()!; // as if opening the second issue had failed
    const again = await b.review('start');
    expect(again.result.report.errors).toEqual([]);
    expect(gh.state.issues).toHaveLength(2);
    expect(gh.state.issues[1]!.body).toContain(lost.body.match(/hash=([0-9a-f]{64})/)![0]);
    expect(again.result.notes.join(' ')).toMatch(/missing one was opened now/);
    const synced = await b.review('sync');
    expect(synced.result.report.errors).toEqual([]);

    gh.state.issues.pop();
    sandbox.state.employees.find((e) => e.id === 160)!.accountLocked = true;
    const changed = await b.review('start');
    expect(changed.result.report.errors.map((e) => e.code)).toEqual(['review.incomplete-campaign']);
    expect(changed.result.report.errors[0]!.message).toMatch(/the tenant has changed since/);
    const sync = await b.review('sync');
    expect(sync.result.report.errors.map((e) => e.code)).toEqual(['review.incomplete-campaign']);
  });
});

describe('a roster edited in an issue', () => {
  it('is refused: the accounts no longer hash to the frozen roster', async () => {
    await b.review('start');
    const staff = gh.state.issues[1]!;
    const accounts = parseRosterBlock(staff.body)!;
    const fewer = accounts.filter((a) => a.key !== 'employee:162');
    staff.body = staff.body.replace(
      /<!-- servicetitan-access-review:roster [^>]*-->/,
      renderRosterBlock(fewer),
    );
    const { result } = await b.review('sync');
    expect(result.report.errors.map((e) => e.code)).toEqual(['review.roster-mismatch']);
    expect(result.exitCode).toBe(2);
    const closing = await b.review('close');
    expect(closing.result.report.errors.map((e) => e.code)).toEqual(['review.roster-mismatch']);
    expect(gh.state.issues.every((i) => i.state === 'open')).toBe(true);
  });
});

describe('redaction', () => {
  it('masks names and emails in the issues, their hidden roster and the report', async () => {
    const { result } = await b.review('start', { redact: 'true' });
    const bodies = gh.state.issues.map((i) => i.body).join('\n');
    for (const name of [
      'Dana Whitfield',
      'dana.whitfield',
      'Sam Ortega',
      'sam@ortega-it.example',
      'Rick Dalton',
    ]) {
      expect(bodies).not.toContain(name);
    }
    expect(bodies).toContain('D\\*\\*\\* W\\*\\*\\*');
    const hidden = gh.state.issues.flatMap((i) => parseRosterBlock(i.body)!);
    expect(JSON.stringify(hidden)).not.toMatch(/Whitfield|sam@|jmorrison|Morrison/);
    const report = renderJson(result.report);
    expect(report).not.toMatch(/Whitfield|sam@|Morrison|Ortega/);
    expect(result.report.review!.attestations.find((a) => a.key === 'employee:162')!.email).toBe(
      's***@ortega-it.example',
    );
  });
});

describe('mistakes', () => {
  it('names each: no reviews section, no review action, no review to close', async () => {
    const missing = await b.review('start', { policy: 'nowhere.yml' });
    expect(missing.result.report.errors.map((e) => e.code)).toEqual(['policy.not-found']);

    await writeFile(
      path.join(b.workspace, 'plain.yml'),
      'version: 1\nrules:\n  - id: r\n    forbid: { account: true }\n',
    );
    const plain = await b.review('start', { policy: 'plain.yml' });
    expect(plain.result.report.errors.map((e) => e.code)).toEqual(['review.not-configured']);
    expect(plain.result.exitCode).toBe(2);

    await expect(b.review('' as 'start')).rejects.toMatchObject({ code: 'input.invalid-review' });
    await expect(
      b.pipeline('apply', { 'review-report': 'close.json', plan: 'plan.json' }),
    ).rejects.toMatchObject({
      code: 'input.invalid-review-report',
    });

    const none = await b.review('close');
    expect(none.result.report.errors.map((e) => e.code)).toEqual(['review.no-campaign']);
    const quiet = await b.review('sync');
    expect(quiet.result.report.errors).toEqual([]);
    expect(quiet.result.notes.join(' ')).toMatch(/No access review is open/);
    expect(numbers()).toEqual([]);
  });
});
