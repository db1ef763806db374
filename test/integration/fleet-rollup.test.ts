/**
 * `fleet-report` over real tenant reports: three sandbox tenants with different data are audited
 * in-process (the pipeline, as the command line runs it), each with a policy that `extends` a
 * shared base; their reports and evidence packs are laid out as actions/download-artifact leaves
 * them, and the roll-up reads that folder.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInputs } from '../../src/cli/run.js';
import { writeRunEvidence } from '../../src/evidence/sink.js';
import { runFleetReport, type FleetReportResult } from '../../src/fleet/run.js';
import { recordingLogger } from '../../src/logger.js';
import { runPipeline } from '../../src/pipeline.js';
import { renderJson } from '../../src/report/json.js';
import type { Report } from '../../src/report/model.js';
import {
  generateTenant,
  sampleTenant,
  startSandbox,
  type EmployeeRecord,
  type Sandbox,
  type TenantData,
} from '../../src/sandbox/index.js';
import { parseSettings, type EventContext } from '../../src/settings.js';

const CLI_EVENT: EventContext = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };
const JAKE = 'jake.morrison.hvac@gmail.com';
const KEVIN = 'kevin.tran@coolit-integrations.example';

const BASE = `version: 1
organization:
  name: Acme Group
  internal-domains: [acme-hvac.com]
permissions:
  generate-api-key: { id: 10421, label: Generate API Application Key, granted: ['True'] }
  manage-api-access: { id: 10422, label: Manage API Application Access, granted: ['True'] }
rules:
  - id: no-external-api-access
    severity: critical
    applies-to: { audience: external }
    forbid: { permissions: [generate-api-key, manage-api-access] }
    fix: lock
  - id: no-external-admins
    severity: high
    applies-to: { audience: external }
    forbid: { roles: [Admin, Owner] }
`;

let root: string;
const sandboxes: Sandbox[] = [];
const reports = new Map<string, Report>();
let reportsDir: string;
let workspace: string;

/** The sample tenant's outsider with both API permissions, as another tenant would hold them. */
function copyOf(id: number, data: TenantData, changes: Partial<EmployeeRecord>): EmployeeRecord {
  const source = sampleTenant().employees.find((e) => e.id === id)!;
  const next = Math.max(...data.employees.map((e) => e.id)) + 1;
  return { ...structuredClone(source), id: next, userId: next + 50_000, ...changes };
}

function tenants(): { north: TenantData; south: TenantData; east: TenantData } {
  const north = { ...sampleTenant(), tenant: 1000001 };
  const south = { ...generateTenant({ users: 60, seed: 7 }), tenant: 1000002 };
  // Kevin is locked here and still active (with the API permissions) in north; Jake holds them here too
  south.employees.push(copyOf(160, south, { accountLocked: true }));
  south.employees.push(copyOf(161, south, { email: 'Jake.Morrison.HVAC@Gmail.com' }));
  const east = { ...generateTenant({ users: 40, seed: 11 }), tenant: 1000003 };
  east.employees.push(copyOf(161, east, {}));
  return { north, south, east };
}

/** One tenant's audit, in-process, as `st-access-guard audit` runs it; its artifact laid out in `reports/<name>`. */
async function audit(name: string, data: TenantData, policy: string, evidence: boolean): Promise<void> {
  const sandbox = await startSandbox({ data });
  sandboxes.push(sandbox);
  const env = {
    ST_TENANT: sandbox.tenant,
    ST_CLIENT_ID: sandbox.credentials.clientId,
    ST_CLIENT_SECRET: sandbox.credentials.clientSecret,
    ST_APP_KEY: sandbox.credentials.appKey,
    ST_API_URL: sandbox.url,
    ST_AUTH_URL: sandbox.authUrl,
  };
  const values = {
    policy,
    report: `out/${name}/servicetitan-access-report.json`,
    ...(evidence ? { evidence: `out/${name}/evidence` } : {}),
  };
  const settings = parseSettings(cliInputs('audit', values, env), CLI_EVENT, workspace);
  const result = await runPipeline(settings, { logger: recordingLogger(), now: () => new Date() });
  expect(result.report.status, `${name}: ${JSON.stringify(result.report.errors)}`).toBe('fail');
  reports.set(name, result.report);
  await mkdir(path.join(workspace, 'out', name), { recursive: true });
  await writeFile(path.join(workspace, values.report), renderJson(result.report));
  if (evidence)
    await writeRunEvidence(settings, result, `https://github.com/acme/fleet/actions/runs/${name.length}00`);
  // actions/download-artifact: one folder per artifact, named after the tenant
  await cp(path.join(workspace, 'out', name), path.join(reportsDir, name), { recursive: true });
}

async function rollUp(inputs: Record<string, string>): Promise<FleetReportResult> {
  const settings = parseSettings(
    cliInputs('fleet-report', { reports: 'reports', fleet: 'fleet.yml', ...inputs }),
    CLI_EVENT,
    workspace,
  );
  return runFleetReport(settings, { logger: recordingLogger(), now: () => new Date() });
}

let first: FleetReportResult;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'st-guard-fleet-'));
  workspace = path.join(root, 'repo');
  reportsDir = path.join(workspace, 'reports');
  await mkdir(path.join(workspace, 'policies'), { recursive: true });
  await writeFile(path.join(workspace, 'policies/base.yml'), BASE);
  await writeFile(
    path.join(workspace, 'policies/north.yml'),
    'extends: base.yml\norganization:\n  name: North\n',
  );
  await writeFile(
    path.join(workspace, 'policies/south.yml'),
    'extends: base.yml\nrules:\n  - id: no-external-admins\n    disabled: true\n',
  );
  await writeFile(
    path.join(workspace, 'fleet.yml'),
    'version: 1\ntenants:\n  - name: north\n    policy: policies/north.yml\n  - name: south\n    policy: policies/south.yml\n  - name: east\n    policy: policies/base.yml\n  - name: gamma\n  - name: west\n',
  );
  const data = tenants();
  await Promise.all([
    audit('north', data.north, 'policies/north.yml', true),
    audit('south', data.south, 'policies/south.yml', true),
    audit('east', data.east, 'policies/base.yml', false),
  ]);
  // a tenant whose artifact holds a broken report
  await mkdir(path.join(reportsDir, 'gamma'), { recursive: true });
  await writeFile(
    path.join(reportsDir, 'gamma', 'servicetitan-access-report.json'),
    '{"version": 1, "tool": ',
  );
  first = await rollUp({ history: 'history/fleet.jsonl' });
}, 60_000);

afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  await rm(root, { recursive: true, force: true });
});

describe('fleet-report over real tenant reports', () => {
  it('lists every tenant with the counts of its own report, errored and missing tenants first', () => {
    const rows = first.report.tenants.map((t) => [t.name, t.status, t.counts.critical, t.counts.high]);
    expect(rows.slice(0, 2)).toEqual([
      ['gamma', 'error', 0, 0],
      ['west', 'error', 0, 0],
    ]);
    for (const name of ['north', 'south', 'east']) {
      const row = first.report.tenants.find((t) => t.name === name)!;
      const own = reports.get(name)!;
      expect(row.counts).toMatchObject({
        critical: own.counts.critical,
        high: own.counts.high,
        medium: own.counts.medium,
        low: own.counts.low,
        users: own.counts.users,
      });
      expect(row.tenant).toBe(own.tenant);
    }
    // worst first among the audited: by critical, then high, …
    const audited = first.report.tenants.slice(2);
    const keys = audited.map((t) => [t.counts.critical, t.counts.high, t.counts.medium, t.counts.low]);
    expect(keys).toEqual(
      [...keys].sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]! || b[2]! - a[2]! || b[3]! - a[3]!),
    );
    expect(first.report.tenants.find((t) => t.name === 'gamma')!.errors[0]!.code).toBe(
      'fleet.report-unreadable',
    );
    expect(first.report.tenants.find((t) => t.name === 'west')!.errors[0]!.code).toBe('fleet.report-missing');
    expect(first.report.status).toBe('error');
  });

  it('reads packs and plain reports alike, with the run link the pack recorded', () => {
    const by = (name: string) => first.report.tenants.find((t) => t.name === name)!;
    expect(by('north')).toMatchObject({
      from: 'evidence',
      people: 'roster',
      runUrl: 'https://github.com/acme/fleet/actions/runs/500',
    });
    expect(by('east')).toMatchObject({ from: 'report', people: 'findings', runUrl: null });
    expect(first.report.notes.join(' ')).toContain('east');
  });

  it('finds the person locked in one tenant and still active in another: one critical finding', () => {
    const kevin = first.report.findings.filter((f) => f.person.email === KEVIN);
    expect(kevin).toHaveLength(1);
    expect(kevin[0]).toMatchObject({
      rule: 'fleet-leaver-elsewhere',
      severity: 'critical',
      inactiveIn: [{ tenant: 'south', state: 'locked' }],
      activeIn: ['north'],
    });
    expect(kevin[0]!.message).toBe(`${KEVIN} is locked in south and still active in north.`);
  });

  it('shows who holds a forbidden permission in several tenants, matching emails case-insensitively', () => {
    const jake = first.report.people.find((p) => p.email === JAKE)!;
    expect(jake.tenants.map((t) => t.tenant).sort()).toEqual(['east', 'north', 'south']);
    expect(jake.holds).toEqual([
      { permission: 'generate-api-key', tenants: ['east', 'north', 'south'] },
      { permission: 'manage-api-access', tenants: ['east', 'north', 'south'] },
    ]);
    // the widest reach comes first
    expect(first.report.people[0]!.email).toBe(JAKE);
  });

  it('writes the fleet report, the dashboard and one history line of counts only', async () => {
    const json = JSON.parse(await readFile(path.join(workspace, first.files.report), 'utf8'));
    expect(json.mode).toBe('fleet-report');
    expect(json.findings.map((f: { rule: string }) => f.rule)).toContain('fleet-leaver-elsewhere');
    const html = await readFile(path.join(workspace, first.files.dashboard), 'utf8');
    expect(html).toContain('<table id="tenants-table"');
    expect(html).toContain(JAKE);
    const history = await readFile(path.join(workspace, 'history/fleet.jsonl'), 'utf8');
    const lines = history.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(Object.keys(line.tenants).sort()).toEqual(['east', 'gamma', 'north', 'south', 'west']);
    expect(line.tenants.north).toEqual({
      critical: reports.get('north')!.counts.critical,
      high: reports.get('north')!.counts.high,
      medium: reports.get('north')!.counts.medium,
      low: reports.get('north')!.counts.low,
      status: 'fail',
    });
    expect(history).not.toContain('@');
  });

  it('appends one line per run, and charts every line', async () => {
    const second = await rollUp({ history: 'history/fleet.jsonl', report: 'site/fleet-report.json' });
    const lines = (await readFile(path.join(workspace, 'history/fleet.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(second.history).toHaveLength(2);
    expect(second.files).toMatchObject({
      report: 'site/fleet-report.json',
      dashboard: 'site/fleet-dashboard.html',
    });
    const html = await readFile(path.join(workspace, 'site/fleet-dashboard.html'), 'utf8');
    const trend = JSON.parse(
      /<script type="application\/json" id="fleet-trend">(.*?)<\/script>/s.exec(html)![1]!,
    );
    expect(trend.at).toHaveLength(2);
    const total = (s: 'critical' | 'high') => [...reports.values()].reduce((n, r) => n + r.counts[s], 0);
    expect(trend.critical).toEqual([total('critical'), total('critical')]);
    expect(trend.high).toEqual([total('high'), total('high')]);
  });

  it('masks every name and email it publishes when redacting, after matching on the real ones', async () => {
    const masked = await rollUp({ redact: 'true', report: 'masked/fleet-report.json' });
    expect(masked.report.redacted).toBe(true);
    expect(masked.report.findings.some((f) => f.rule === 'fleet-leaver-elsewhere')).toBe(true);
    const published = [
      await readFile(path.join(workspace, 'masked/fleet-report.json'), 'utf8'),
      await readFile(path.join(workspace, 'masked/fleet-dashboard.html'), 'utf8'),
    ].join('\n');
    for (const secret of [JAKE, KEVIN, 'Jake Morrison', 'Kevin Tran'])
      expect(published.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(published).toContain('j***@gmail.com');
  });

  it('refuses a run without the reports folder, naming what to give', async () => {
    const error = await rollUp({ reports: 'nowhere' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'fleet.reports-not-found' });
  });
});
