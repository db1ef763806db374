/**
 * Identity sources end to end, in-process: `runPipeline` with the settings the CLI would parse,
 * against the sandbox's ServiceTitan API and its Entra directory over HTTP, plus an HR roster CSV
 * in the workspace. Every run starts in `beforeAll` and each test awaits its own, so the file takes
 * about as long as its slowest run.
 *
 * The sandbox's directory (src/sandbox/sample-directory.ts) has a leaver (employee 101, disabled
 * in Entra, joined by aadUserId), a dormant technician (208), a broken SSO link (145), an account
 * no one knows (164) and guests (160-162). The roster here adds a terminated technician (201), one
 * whose end date has passed (202, exempted), a contractor listed in internal-users (203) and a
 * contractor on leave (205); the tenant below adds an account whose Entra object is gone (106).
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, sampleTenant, type Sandbox } from '../../src/sandbox/index.js';
import { runPipeline, type PipelineResult } from '../../src/pipeline.js';
import { parseSettings, type InputName } from '../../src/settings.js';
import { recordingLogger } from '../../src/logger.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderJson } from '../../src/report/json.js';
import { writeRunEvidence } from '../../src/evidence/sink.js';
import type { Finding } from '../../src/engine/types.js';
import type { Report } from '../../src/report/model.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POLICY = '.github/servicetitan-access.yml';
const ROSTER = 'people/roster.csv';
const GONE_OBJECT = '0badf00d-0000-4000-8000-00000000dead';
const ROSTER_TEXT = [
  'email,name,status,end_date,type',
  'chloe.gutierrez@acme-hvac.com,Chloe Gutierrez,terminated,,employee',
  'dylan.hale@acme-hvac.com,Dylan Hale,active,2020-01-31,employee',
  'erin.jensen@acme-hvac.com,Erin Jensen,active,,contractor',
  'grace.lyons@acme-hvac.com,Grace Lyons,leave,,contractor',
  '',
].join('\n');

function policyText(sandbox: Sandbox, starter: string): string {
  const today = new Date();
  const soon = new Date(today.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  return starter
    .replace(
      'internal-domains: [acme-hvac.com]',
      'internal-domains: [acme-hvac.com]\n  internal-users: [technician:203]',
    )
    .concat(
      `
exemptions:
  - user: technician:202
    rules: [identity-leaver]
    reason: Handover until the end of the quarter
    expires: ${soon}
    approved-by: security@acme-hvac.com

identity:
  sources:
    - id: hr
      csv: ${ROSTER}
    - id: entra
      entra: { tenant-id: ${sandbox.identity.entraTenantId} }
  match: [aad, email]
  leaver-fix: lock
  dormant-after-days: 90
  unmatched: medium
`,
    );
}

interface Run {
  result: PipelineResult;
  output: string;
  sandbox: Sandbox;
  workspace: string;
  /** the evidence's Markdown of what changed since the baseline pack */
  sinceLastReview: string | null;
}

const sandboxes: Sandbox[] = [];
let starter: string;

async function sandbox(): Promise<Sandbox> {
  // employee 106 keeps a link to an Entra object that is gone, under an address no source knows
  const data = sampleTenant();
  const carmen = data.employees.find((e) => e.id === 106)!;
  carmen.aadUserId = GONE_OBJECT;
  carmen.email = 'carmen.c@acme-hvac.com';
  const s = await startSandbox({ data });
  sandboxes.push(s);
  return s;
}

async function run(
  mode: 'validate' | 'audit' | 'apply' | 'discover',
  options: {
    inputs?: Partial<Record<InputName, string>>;
    roster?: string;
    workspace?: string;
    s?: Sandbox;
  } = {},
): Promise<Run> {
  const s = options.s ?? (await sandbox());
  const workspace = options.workspace ?? (await mkdtemp(path.join(os.tmpdir(), 'st-guard-identity-')));
  await mkdir(path.join(workspace, '.github'), { recursive: true });
  await mkdir(path.join(workspace, 'people'), { recursive: true });
  await writeFile(path.join(workspace, POLICY), policyText(s, starter));
  await writeFile(path.join(workspace, ROSTER), options.roster ?? ROSTER_TEXT);
  const c = s.identity.credentials;
  const inputs: Partial<Record<InputName, string>> = {
    mode,
    policy: POLICY,
    report: 'report.json',
    tenant: s.tenant,
    'client-id': s.credentials.clientId,
    'client-secret': s.credentials.clientSecret,
    'app-key': s.credentials.appKey,
    'api-url': s.url,
    'auth-url': s.authUrl,
    'entra-client-id': c.entraClientId!,
    'entra-client-secret': c.entraClientSecret!,
    'entra-authority-url': c.entraAuthorityUrl,
    'graph-url': c.graphUrl,
    redact: 'false',
    'request-timeout': '5',
    'retry-budget': '2',
    ...options.inputs,
  };
  const settings = parseSettings(
    { get: (name) => inputs[name] ?? '', label: (name) => `--${name}` },
    { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} },
    workspace,
  );
  const logger = recordingLogger();
  const result = await runPipeline(settings, { logger, now: () => new Date() });
  const evidence = settings.evidencePath ? await writeRunEvidence(settings, result) : null;
  return {
    result,
    output: logger.lines.join('\n'),
    sandbox: s,
    workspace,
    sinceLastReview: evidence?.sinceLastReview ?? null,
  };
}

const runs = {} as Record<
  'audit' | 'redacted' | 'apply' | 'discover' | 'wrongSecret' | 'wrongSecretApply',
  Promise<Run>
>;
let packs: string;
const byRule = (report: Report, rule: string) => report.findings.filter((f) => f.rule === rule);
const about = (report: Report, kind: string, id: number): Finding[] =>
  report.findings.filter((f) => f.user?.kind === kind && f.user.id === id);
const writes = (s: Sandbox) => s.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/token'));

beforeAll(async () => {
  starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
  packs = await mkdtemp(path.join(os.tmpdir(), 'st-guard-identity-packs-'));
  runs.audit = run('audit', { inputs: { evidence: path.join(packs, 'before') } });
  // the next review: Erin has left since, and this run masks names
  runs.redacted = runs.audit.then(() =>
    run('audit', {
      roster: ROSTER_TEXT.replace(
        'erin.jensen@acme-hvac.com,Erin Jensen,active',
        'erin.jensen@acme-hvac.com,Erin Jensen,terminated',
      ),
      inputs: {
        redact: 'true',
        evidence: path.join(packs, 'after'),
        'baseline-evidence': path.join(packs, 'before'),
      },
    }),
  );
  runs.apply = run('apply');
  runs.discover = run('discover');
  runs.wrongSecret = run('audit', { inputs: { 'entra-client-secret': 'not-the-secret' } });
  runs.wrongSecretApply = run('apply', { inputs: { 'entra-client-secret': 'not-the-secret' } });
  await Promise.all(Object.values(runs).map((r) => r.catch(() => undefined)));
}, 60_000);
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
});

describe('an audit with an HR roster and Entra ID', () => {
  it('finds leavers in every state, by the first source that knows them and the key that joined them', async () => {
    const { report } = (await runs.audit).result;
    expect(report.status).toBe('fail');
    const leavers = byRule(report, 'identity-leaver').map((f) => ({
      who: `${f.user!.kind}:${f.user!.id}`,
      severity: f.severity,
      identity: f.user!.identity,
      exempt: f.exemption?.status === 'active',
    }));
    expect(leavers).toEqual([
      // Admin holding the API-key permissions, disabled in Entra: critical, joined by aadUserId
      {
        who: 'employee:101',
        severity: 'critical',
        identity: expect.objectContaining({ source: 'entra', state: 'suspended', matchedBy: 'aad' }),
        exempt: false,
      },
      // linked to an Entra object that no longer exists, and no other key matches
      {
        who: 'employee:106',
        severity: 'high',
        identity: {
          source: 'entra',
          personId: GONE_OBJECT,
          state: 'deleted',
          matchedBy: 'aad',
          lastSignIn: null,
        },
        exempt: false,
      },
      // terminated in the roster, though active in Entra: the roster comes first
      {
        who: 'technician:201',
        severity: 'high',
        identity: {
          source: 'hr',
          personId: 'chloe.gutierrez@acme-hvac.com',
          state: 'terminated',
          matchedBy: 'email',
          lastSignIn: null,
        },
        exempt: false,
      },
      // an end date in the past counts as terminated; this one is exempted
      {
        who: 'technician:202',
        severity: 'high',
        identity: expect.objectContaining({ source: 'hr', state: 'terminated' }),
        exempt: true,
      },
    ]);
    // a person on leave is judged like an active one
    expect(about(report, 'technician', 205)).toEqual([]);
  });

  it('finds the account no source knows, the dormant one and the broken SSO link', async () => {
    const { report } = (await runs.audit).result;
    expect(byRule(report, 'identity-unmatched').map((f) => [f.user!.id, f.severity])).toEqual([
      [164, 'medium'],
    ]);
    expect(byRule(report, 'identity-unmatched')[0]!.user!.identity).toBeNull();
    const [dormant] = byRule(report, 'identity-dormant');
    expect([dormant!.user!.kind, dormant!.user!.id, dormant!.severity]).toEqual(['technician', 208, 'low']);
    expect(dormant!.message).toMatch(
      /has not signed in to entra \(Microsoft Entra ID\) since \d{4}-\d{2}-\d{2}: (199|200) days, more than the 90 days/,
    );
    const [sso] = byRule(report, 'identity-sso-broken');
    expect([sso!.user!.id, sso!.severity]).toEqual([145, 'medium']);
    expect(sso!.user!.identity).toMatchObject({ source: 'entra', state: 'active', matchedBy: 'email' });
  });

  it('takes the audience from the directory, lets internal-users win, and says what decided', async () => {
    const { report } = (await runs.audit).result;
    const users = new Map(
      report.findings.filter((f) => f.user).map((f) => [`${f.user!.kind}:${f.user!.id}`, f.user!]),
    );
    // an Entra guest: external by the directory (the starter's rule finds the API-key permissions)
    expect(users.get('employee:160')).toMatchObject({ audience: 'external', audienceFrom: 'directory' });
    expect(users.get('employee:101')).toMatchObject({ audience: 'internal', audienceFrom: 'directory' });
    // no email and no login, no source: the domain rule
    expect(users.get('employee:164')).toMatchObject({ audience: 'external', audienceFrom: 'domain' });
    const roster = (await runs.audit).result.identity!;
    expect(roster({ kind: 'technician', id: 203 })).toMatchObject({
      audience: 'internal',
      audienceFrom: 'list',
    });
    expect(roster({ kind: 'technician', id: 205 })).toMatchObject({
      audience: 'external',
      audienceFrom: 'directory',
    });
  });

  it('plans the leavers’ fixes like any other, leaving the exempted one out', async () => {
    const { report } = (await runs.audit).result;
    const planned = report.plan.filter((s) => s.rules.includes('identity-leaver'));
    expect(planned.map((s) => `${s.action} ${s.user.kind}:${s.user.id}`)).toEqual([
      'lock employee:101',
      'lock employee:106',
      'lock technician:201',
    ]);
  });

  it('says in the summary what the sources decided', async () => {
    const { report } = (await runs.audit).result;
    expect(report.identity).toMatchObject({
      unmatched: 1,
      leavers: 4,
      dormant: 1,
      ssoBroken: 1,
      dormantAfterDays: 90,
    });
    expect(report.identity!.sources.map((s) => [s.id, s.matched, s.leavers])).toEqual([
      ['hr', 4, 2],
      ['entra', report.identity!.matched - 4, 2],
    ]);
    const summary = renderSummary(report);
    expect(summary).toContain('### Identity');
    expect(summary).toContain('For source hr, dormancy is unavailable: an HR roster records no sign-ins.');
    expect(summary).toMatch(/\| `entra` \| Microsoft Entra ID \| 90 \|/);
  });

  it('reports identity fields that fit the report schema', async () => {
    const schema = JSON.parse(await readFile(path.join(ROOT, 'schema/report.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    for (const name of ['audit', 'redacted', 'discover'] as const) {
      const json = JSON.parse(renderJson((await runs[name]).result.report));
      expect(validate(json), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});

describe('apply', () => {
  it('locks the leavers through the guarded plan, verifies each by reading back, and journals it', async () => {
    const { result, sandbox: s, workspace } = await runs.apply;
    expect(result.report.errors).toEqual([]);
    const steps = result.report.plan.filter((p) => p.rules.includes('identity-leaver'));
    expect(steps.map((p) => [p.user.id, p.action, p.status])).toEqual([
      [101, 'lock', 'verified'],
      [106, 'lock', 'verified'],
      [201, 'lock', 'verified'],
    ]);
    expect(
      steps.every(
        (p) => typeof p.seal === 'string' && p.before?.locked === false && p.after?.locked === true,
      ),
    ).toBe(true);
    expect(s.state.employees.find((e) => e.id === 101)!.accountLocked).toBe(true);
    expect(s.state.technicians.find((t) => t.id === 202)!.accountLocked).not.toBe(true);
    const journal = JSON.parse(await readFile(path.join(workspace, 'report.json'), 'utf8'));
    expect(journal.plan.filter((p: { status: string }) => p.status === 'verified').length).toBe(
      result.report.plan.length,
    );
    const leaver = byRule(result.report, 'identity-leaver').find((f) => f.user!.id === 101)!;
    expect(leaver.remediated).toBe(true);
  });
});

describe('a directory that cannot be read', () => {
  it('ends the audit with status error and its identity code, never a pass on a partial directory', async () => {
    const { result } = await runs.wrongSecret;
    expect(result.report.status).toBe('error');
    expect(result.report.errors.map((e) => e.code)).toEqual(['identity.auth-failed']);
    expect(result.report.findings).toEqual([]);
    expect(result.exitCode).toBe(2);
  });

  it('ends apply before anything is written', async () => {
    const { result, sandbox: s, output } = await runs.wrongSecretApply;
    expect(result.report.status).toBe('error');
    expect(result.report.errors[0]!.code).toMatch(/^identity\./);
    expect(result.report.plan).toEqual([]);
    expect(writes(s)).toEqual([]);
    expect(output).not.toContain('not-the-secret');
  });
});

describe('redaction and evidence', () => {
  it('masks a roster person id (an email) and keeps a directory object id', async () => {
    const { report } = (await runs.redacted).result;
    expect(report.redacted).toBe(true);
    const chloe = about(report, 'technician', 201).find((f) => f.rule === 'identity-leaver')!;
    expect(chloe.user!.identity!.personId).toBe('c***@acme-hvac.com');
    const dana = about(report, 'employee', 101).find((f) => f.rule === 'identity-leaver')!;
    expect(dana.user!.identity!.personId).toMatch(/^[0-9a-f-]{36}$/);
    expect(renderJson(report)).not.toContain('chloe.gutierrez');
  });

  it('writes the identity columns into the evidence roster, masked when the run redacts', async () => {
    await runs.redacted;
    const before = await readFile(path.join(packs, 'before', 'roster.csv'), 'utf8');
    const after = await readFile(path.join(packs, 'after', 'roster.csv'), 'utf8');
    expect(before.split('\r\n')[0]).toContain(
      'business unit id,identity source,identity state,matched by,person id,last sign-in,audience from,generate-api-key',
    );
    const row = (csv: string, record: string) => csv.split('\r\n').find((line) => line.startsWith(record))!;
    expect(row(before, 'technician,201,')).toContain(
      ',hr,terminated,email,chloe.gutierrez@acme-hvac.com,,directory,',
    );
    expect(row(after, 'technician,201,')).toContain(',hr,terminated,email,c***@acme-hvac.com,,directory,');
    expect(row(before, 'employee,164,')).toContain(',,unmatched,,,,domain,');
    expect(after).not.toContain('chloe.gutierrez');
  });

  it('shows, since the last review, whose identity state changed', async () => {
    const { sinceLastReview } = await runs.redacted;
    const { diffReviews, loadReviewState } = await import('../../src/evidence/diff.js');
    const diff = diffReviews(
      await loadReviewState(path.join(packs, 'before')),
      await loadReviewState(path.join(packs, 'after')),
    );
    expect(diff.identityChanged).toEqual([
      {
        user: expect.objectContaining({ kind: 'technician', id: 203 }),
        before: 'active (hr)',
        after: 'terminated (hr)',
      },
    ]);
    expect(diff.notes.join(' ')).not.toContain('Identity states are not compared');
    expect(sinceLastReview).toContain('#### Identity changed (1)');
    expect(sinceLastReview).toContain('(technician 203\\) | active \\(hr\\) | terminated \\(hr\\) |');
  });
});

describe('discover', () => {
  it('lists the accounts no identity source knows', async () => {
    const { report } = (await runs.discover).result;
    expect(report.discovery?.unmatched).toEqual([
      { kind: 'employee', id: 164, name: 'Front Desk Tablet', email: null, login: null },
    ]);
    expect(report.findings).toEqual([]);
  });
});

describe('validate', () => {
  it('reads the roster with no network and no credentials, and points at a bad cell', async () => {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'st-guard-identity-validate-'));
    const s = await sandbox();
    const { result } = await run('validate', {
      s,
      workspace,
      roster: ROSTER_TEXT.replace('Grace Lyons,leave', 'Grace Lyons,retired'),
      inputs: {
        tenant: '',
        'client-id': '',
        'client-secret': '',
        'app-key': '',
        'entra-client-id': '',
        'entra-client-secret': '',
      },
    });
    expect(result.report.status).toBe('error');
    const [issue] = result.policyIssues;
    expect(issue).toMatchObject({ file: ROSTER, line: 5, column: 39 });
    expect(s.requests).toEqual([]);
  });

  it('passes a good roster', async () => {
    const s = await sandbox();
    const { result, output } = await run('validate', { s, inputs: { tenant: '', 'client-id': '' } });
    expect(result.report.status).toBe('pass');
    expect(output).toContain('the HR rosters list 4 people');
    expect(s.requests).toEqual([]);
  });
});
