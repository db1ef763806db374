/**
 * Names and emails come from ServiceTitan, where anyone who can edit an employee controls them:
 * in an issue or comment they must stay inert text, and a redacted report must stay redacted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderImpactComment } from '../../src/github/pr-comment.js';
import { syncTrackingIssue } from '../../src/github/tracking-issue.js';
import { recordingLogger } from '../../src/logger.js';
import { redactReport } from '../../src/report/redact.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { auditReport, context, finding, person, POLICY_PATH } from './fixtures.js';

let gh: GitHubFake;
beforeEach(async () => {
  gh = await startGitHubFake();
});
afterEach(async () => {
  await gh.close();
});

const hostile = finding({
  id: 'hostile-1',
  user: person({
    name: '@everyone <img src=x onerror=alert(1)>',
    email: '::error::pwned@evil.example',
    login: null,
  }),
  message: '@everyone <img src=x> ::error::forged',
  fix: { action: 'manual', steps: ['ping @security-team #1 <script>'] },
});
const jane = finding();

/** Every text GitHub got from us: issue bodies and comments. */
function published(): string {
  return [
    ...gh.state.issues.map((i) => `${i.title}\n${i.body}`),
    ...gh.state.comments.map((c) => c.body),
  ].join('\n');
}

async function sync(report: ReturnType<typeof auditReport>, runId: string) {
  return syncTrackingIssue(context(gh.url, { runId }), report, {
    policyPath: POLICY_PATH,
    logger: recordingLogger(),
  });
}

describe('hostile names', () => {
  it('stay inert in the issue body and its comments: no mention, no HTML, no workflow command', async () => {
    // every body as it stood after each run, since each run replaces the last
    const seen: string[] = [];
    for (const [findings, run] of [
      [[jane], '1'],
      [[jane, hostile], '2'],
      [[jane], '3'],
    ] as const) {
      await sync(auditReport([...findings]), run);
      seen.push(published());
    }
    const text = seen.join('\n');
    expect(gh.state.comments.length).toBe(2);
    expect(text).toContain('everyone');
    expect(text).not.toMatch(/@[A-Za-z0-9]/);
    expect(text).not.toContain('<img');
    expect(text).not.toContain('<script');
    expect(text).not.toContain('::error');
    expect(text).not.toMatch(/#\d/);
  });

  it('stay inert in the impact comment', () => {
    const report = auditReport([hostile], {
      comparison: { added: [hostile.id], resolved: [], exempted: [] },
    });
    const body = renderImpactComment(report, { policyPath: POLICY_PATH });
    expect(body).not.toMatch(/@[A-Za-z0-9]/);
    expect(body).not.toContain('<img');
    expect(body).not.toContain('::error');
  });
});

describe('redaction', () => {
  const bob = finding({
    rule: 'no-admins',
    user: person({
      kind: 'technician',
      id: 7,
      name: 'Bob Stone',
      email: 'bob@acme.example',
      login: 'bstone',
    }),
    message: 'Bob Stone (bob@acme.example) holds Admin',
    fix: { action: 'manual', steps: ['Remove Admin from Bob Stone'] },
  });
  const secrets = ['Jane', 'Roe', 'jane.roe', 'jroe', 'Bob', 'Stone', 'bob@', 'bstone'];

  it('never puts a name or email back into the issue, its comments or its title', async () => {
    const seen: string[] = [];
    for (const [findings, run] of [
      [[jane], '1'],
      [[jane, bob], '2'],
      [[], '3'],
      [[bob], '4'],
    ] as const) {
      await sync(redactReport(auditReport([...findings])), run);
      seen.push(published());
    }
    const text = seen.join('\n');
    expect(text).toContain('Names and emails are masked');
    for (const s of secrets) expect(text).not.toContain(s);
  });

  it('masks the base findings it is given in the impact comment', () => {
    const report = redactReport(
      auditReport([jane], { comparison: { added: [jane.id], resolved: [bob.id], exempted: [] } }),
    );
    // base findings straight from the base evaluation, not yet masked
    const body = renderImpactComment(report, { policyPath: POLICY_PATH, baseFindings: [bob] });
    expect(body).toContain('technician 7');
    for (const s of secrets) expect(body).not.toContain(s);
  });
});
