/**
 * A whole quarter of access review, in-process against the ServiceTitan sandbox and the GitHub
 * REST fake: start, decisions by the right and the wrong people, an edit, a GitHub that fails in
 * the middle of a sync, reminders across days as the clock moves, the close with its evidence
 * pack and attestations.csv, and apply carrying out the revocations through the one gate.
 *
 * The steps build on each other (one campaign through the quarter), so they run in order.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/evidence/csv.js';
import { verifyEvidencePack } from '../../src/evidence/verify.js';
import { renderJson } from '../../src/report/json.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startGitHubFake, type FakeComment, type GitHubFake } from '../helpers/github-fake.js';
import { at, bench, user, type Bench } from './support.js';

let sandbox: Sandbox;
let gh: GitHubFake;
let b: Bench;

beforeAll(async () => {
  sandbox = await startSandbox();
  gh = await startGitHubFake();
  b = await bench(sandbox, gh);
});
afterAll(async () => {
  await gh.close();
  await sandbox.close();
});

const issue = (n: number) => gh.state.issues.find((i) => i.number === n)!;
const toolComments = (n: number) =>
  gh.state.comments.filter((c) => c.issue_number === n && c.user.login === 'github-actions[bot]');
const say = (n: number, login: string, body: string): FakeComment => gh.addComment(n, body, user(login));
/** The visible part of a body: what a person reads, without the hidden blocks. */
const visible = (body: string) => body.replace(/<!--[\s\S]*?-->/g, '');

describe('a quarterly access review', () => {
  let hash: string;
  let employees: number;
  let technicians: number;

  it('starts: freezes the roster in scope and opens one labelled issue per reviewer group', async () => {
    const { result } = await b.review('start');
    expect(result.report.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(gh.state.issues).toHaveLength(2);
    const review = result.report.review!;
    hash = review.rosterSha256!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(review.due).toBe('2025-01-20');
    // the technicians' group first (its applies-to), everyone left to the second
    const [tech, staff] = [issue(review.issues[0]!.number), issue(review.issues[1]!.number)];
    technicians = review.issues[0]!.number;
    employees = review.issues[1]!.number;
    expect(tech.labels).toEqual(['servicetitan-access-review']);
    expect(staff.labels).toEqual(['servicetitan-access-review']);
    expect(visible(tech.body)).toContain('`technician:230`');
    expect(visible(tech.body)).toContain('@field-lead');
    const keys = [...visible(staff.body).matchAll(/\| `(employee:\d+)` \|/g)].map((m) => m[1]);
    // privileged (API permissions or an admin role) and external accounts, active ones only
    expect(keys).toEqual([
      'employee:101',
      'employee:102',
      'employee:103',
      'employee:160',
      'employee:161',
      'employee:162',
      'employee:164',
    ]);
    expect(visible(staff.body)).toContain('@it-lead @security-lead');
    expect(visible(staff.body)).toContain('**0 of 7 decided**');
    expect(visible(staff.body)).toMatch(/Sam Ortega[\s\S]*admin role Admin; external/);
    expect(visible(staff.body)).toContain('/keep KEY why the access is still needed');
    expect(visible(staff.body)).toContain('`/keep all REASON`');
    // the same hash, visibly, in every issue; the sibling issues named beside it
    for (const i of [tech, staff]) expect(visible(i.body)).toContain(`Frozen roster SHA-256: \`${hash}\``);
    expect(visible(staff.body)).toContain(`#${technicians}, #${employees}`);
    // found again by listing the label, never by search
    expect(gh.calls.some((c) => c.path.includes('/search/'))).toBe(false);
  });

  it('does not start a second review while one is open', async () => {
    const { result } = await b.review('start');
    expect(gh.state.issues).toHaveLength(2);
    expect(result.notes.join(' ')).toMatch(/already open/);
    expect(result.report.review!.rosterSha256).toBe(hash);
  });

  it('counts decisions from the group only, refuses a revoke without reason, and ignores an edited comment', async () => {
    at(b, '2025-01-07T15:00:00Z');
    say(
      employees,
      'it-lead',
      '/keep employee:101 CFO approved\n/revoke employee:161 contractor, left in December',
    );
    const mallory = say(employees, 'mallory', '/revoke employee:101 not needed');
    const noReason = say(employees, 'security-lead', 'Looked at Sam:\n/revoke employee:162');
    const edited = say(employees, 'it-lead', '/keep employee:160 integration partner');
    at(b, '2025-01-07T16:00:00Z');
    gh.editComment(edited.id, '/keep employee:160 integration partner, contract 2231');
    say(
      technicians,
      'field-lead',
      '> /revoke technician:230 quoted, not mine\n/keep technician:230 subcontractor, Jones job',
    );
    at(b, '2025-01-07T18:00:00Z');

    const { result } = await b.review('sync');
    expect(result.report.errors).toEqual([]);
    const review = result.report.review!;
    expect(review.decided).toBe(3);
    const decision = (key: string) => review.attestations.find((a) => a.key === key)!;
    expect(decision('employee:101')).toMatchObject({
      decision: 'keep',
      reviewer: 'it-lead',
      reason: 'CFO approved',
    });
    expect(decision('employee:161').decision).toBe('revoke');
    expect(decision('employee:162').decision).toBe('undecided');
    expect(decision('employee:160').decision).toBe('undecided');
    expect(decision('technician:230')).toMatchObject({ decision: 'keep', reviewer: 'field-lead' });
    expect(decision('technician:230').at).toBe('2025-01-07T16:00:00Z');

    // one reply answers the three comments, each once
    const replies = toolComments(employees);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!.body;
    expect(reply).toContain('@mallory: you are not a reviewer');
    expect(reply).toContain(mallory.html_url);
    expect(reply).toMatch(/@security-lead: a revoke needs a reason, so `employee:162`/);
    expect(reply).toContain(noReason.html_url);
    expect(reply).toMatch(/@it-lead: \[your comment\]\([^)]*\) was edited after it was posted/);
    expect(toolComments(technicians)).toHaveLength(0);
    expect(visible(issue(employees).body)).toContain('**2 of 7 decided** (1 keep, 1 revoke)');
    expect(visible(issue(technicians).body)).toContain('**1 of 1 decided**');
    // a body rewritten on every sync pings nobody: the deciding reviewer is named without `@`
    expect(visible(issue(employees).body)).toMatch(/✅ keep · it-lead · \[2025-01-07\]/);
    // due in 13 days: no reminder yet
    expect(gh.state.comments.some((c) => c.body.includes(':reminder'))).toBe(false);

    // a second sync the same day says nothing twice
    const before = gh.state.comments.length;
    const again = await b.review('sync');
    expect(again.result.report.review!.decided).toBe(3);
    expect(gh.state.comments).toHaveLength(before);
  });

  it('reads every page of comments, and asks GitHub with `since` only for what may need a reply', async () => {
    at(b, '2025-01-08T10:00:00Z');
    gh.state.maxPageSize = 2;
    const calls = gh.calls.length;
    const { result } = await b.review('sync');
    gh.state.maxPageSize = 100;
    expect(result.report.errors).toEqual([]);
    expect(result.report.review!.decided).toBe(3);
    const listings = gh.calls
      .slice(calls)
      .filter((c) => c.route === 'GET /repos/{owner}/{repo}/issues/{number}/comments');
    expect(listings.some((c) => /[?&]page=3\b/.test(c.path))).toBe(true);
    expect(listings.some((c) => /[?&]since=2025-01-07T1/.test(c.path))).toBe(true);
  });

  it('loses no decision when GitHub fails in the middle of a sync: the rerun converges', async () => {
    at(b, '2025-01-10T09:00:00Z');
    say(
      employees,
      'security-lead',
      '/revoke employee:162 outside admin, no contract on file\n/keep employee:102 backup admin',
    );
    const second = say(employees, 'mallory', '/keep all');
    gh.forbid('POST /repos/{owner}/{repo}/issues/{number}/comments', 502, 1);
    const failed = await b.review('sync');
    expect(failed.result.report.status).toBe('error');
    expect(failed.result.report.errors[0]!.code).toBe('review.github-failed');
    expect(failed.result.exitCode).toBe(3);

    at(b, '2025-01-10T09:30:00Z');
    const { result } = await b.review('sync');
    expect(result.report.errors).toEqual([]);
    expect(result.report.review!.decided).toBe(5);
    const answering = toolComments(employees).filter((c) => c.body.includes(String(second.id)));
    expect(answering).toHaveLength(1);
    expect(answering[0]!.body).toContain('@mallory');
    expect(visible(issue(employees).body)).toContain('**4 of 7 decided** (2 keep, 2 revoke)');
  });

  it('reminds the group once a day from three days before the due date, and when overdue', async () => {
    const reminders = () => toolComments(employees).filter((c) => c.body.includes(':reminder'));
    at(b, '2025-01-16T08:00:00Z');
    await b.review('sync');
    expect(reminders()).toHaveLength(0);

    at(b, '2025-01-17T08:00:00Z');
    await b.review('sync');
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.body).toMatch(
      /^@it-lead @security-lead: 3 of 7 accounts .* due 2025-01-20 \(in 3 days\)/,
    );
    at(b, '2025-01-17T20:00:00Z');
    await b.review('sync');
    expect(reminders()).toHaveLength(1);
    // the technicians' issue is fully decided: nothing to remind
    expect(toolComments(technicians).filter((c) => c.body.includes(':reminder'))).toHaveLength(0);

    at(b, '2025-01-18T08:00:00Z');
    await b.review('sync');
    expect(reminders()).toHaveLength(2);
    at(b, '2025-01-22T08:00:00Z');
    await b.review('sync');
    expect(reminders()).toHaveLength(3);
    expect(reminders()[2]!.body).toContain('(2 days overdue)');
  });

  let closeReport: string;

  it('closes: evidence pack with attestations.csv, the issues closed with a summary, the revocations as the plan', async () => {
    at(b, '2025-01-23T10:00:00Z');
    const { result } = await b.review('close', { evidence: 'review-evidence' });
    expect(result.report.errors).toEqual([]);
    expect(result.report.status).toBe('pass');
    const review = result.report.review!;
    expect(review.closed).toBe(true);
    expect([review.kept, review.revoked, review.undecided]).toEqual([3, 2, 3]);
    for (const n of [employees, technicians]) {
      expect(issue(n).state).toBe('closed');
      expect(toolComments(n).some((c) => c.body.startsWith('Review closed:'))).toBe(true);
    }
    expect(toolComments(employees).find((c) => c.body.startsWith('Review closed:'))!.body).toContain(
      '3 undecided: listed as `undecided`',
    );

    const dir = path.join(b.workspace, 'review-evidence');
    const verified = await verifyEvidencePack(dir);
    expect(verified.ok).toBe(true);
    const { header, records } = parseCsvRecords(await readFile(path.join(dir, 'attestations.csv'), 'utf8'));
    expect(header.slice(0, 8)).toEqual([
      'key',
      'user',
      'decision',
      'reason',
      'reviewer',
      'time',
      'comment_url',
      'roster_sha256',
    ]);
    const row = (key: string) => records.find((r) => r[0] === key)!;
    expect(records).toHaveLength(8);
    expect(row('employee:161').slice(2, 5)).toEqual(['revoke', 'contractor, left in December', 'it-lead']);
    expect(row('employee:162').slice(2, 5)).toEqual([
      'revoke',
      'outside admin, no contract on file',
      'security-lead',
    ]);
    expect(row('employee:162')[6]).toMatch(/^https:\/\/github\.example\/o\/r\/issues\/\d+#issuecomment-\d+$/);
    // the edited keep of employee:160 never counted: undecided, never kept
    expect(row('employee:160').slice(2, 5)).toEqual(['undecided', '', '']);
    expect(records.every((r) => r[7] === hash)).toBe(true);

    // the plan: lock each revoked account, as the review froze it
    const plan = result.report.plan;
    expect(plan.map((s) => `${s.action} ${s.user.kind}:${s.user.id} ${s.status}`)).toEqual([
      'lock employee:161 planned',
      'lock employee:162 planned',
    ]);
    expect(plan[0]!.before).toEqual({ active: true, locked: false, roleIds: expect.any(Array) });

    const schema = JSON.parse(
      await readFile(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
    );
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats.default(ajv);
    const json = renderJson(result.report);
    expect(ajv.validate(schema, JSON.parse(json)), JSON.stringify(ajv.errors)).toBe(true);
    closeReport = path.join(b.workspace, 'close-report.json');
    await writeFile(closeReport, json);
  });

  it('apply with review-report locks the revoked accounts and shows, not applies, one that changed since the freeze', async () => {
    // Sam Ortega (employee:162) was locked by hand after the review froze the roster
    sandbox.state.employees.find((e) => e.id === 162)!.accountLocked = true;
    const writes = sandbox.requests.length;
    const result = await b.pipeline('apply', { 'review-report': 'close-report.json', report: 'apply.json' });
    expect(result.report.errors).toEqual([]);
    expect(result.report.refusals).toEqual([]);
    const step = (id: number) => result.report.plan.find((s) => s.user.id === id)!;
    expect(step(161).status).toBe('verified');
    expect(step(161).action).toBe('lock');
    expect(step(162).status).toBe('skipped');
    expect(step(162).reason).toMatch(
      /changed since the review froze the roster: locked is true \(when frozen false\)/,
    );
    expect(result.report.plan).toHaveLength(2);
    expect(sandbox.state.employees.find((e) => e.id === 161)!.accountLocked).toBe(true);
    const changed = sandbox.requests
      .slice(writes)
      .filter((r) => r.method !== 'GET' && !r.path.endsWith('/connect/token'))
      .map((r) => r.path);
    expect(changed).toEqual([expect.stringMatching(/\/employees\/161$/)]);
  });
});
