/**
 * The fleet roll-up at scale (SPEC §10: 300 tenants × 5,000 users in under 10 s and 1 GB on two
 * cores). Two phases, each in its own process so the roll-up's peak memory is its own:
 *
 * - `generate`: one evidence pack per tenant (a generated tenant of its own seed, read through the
 *   client's record reader, evaluated against the bench policy, the pack built by the tool's own
 *   code), laid out as actions/download-artifact leaves them: `reports/<tenant>/evidence/…`.
 *   Each tenant's own staff have its own (internal) subdomain; 400 group people (IT, integrators) have accounts
 *   in about one tenant in five each, some locked or deactivated there; and the generator's
 *   outsiders (gmail.com, contractor.example, …) meet across tenants by chance.
 * - `rollup`: `runFleetReport` over that folder (read every pack, roster included; the people
 *   index; the summary; `fleet-report.json`, the dashboard and the history line written), timed,
 *   with the process's peak RSS. Prints one JSON line on stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { cliInputs } from '../src/cli/run.js';
import { classifyAudience } from '../src/engine/audience.js';
import { evaluate } from '../src/engine/evaluate.js';
import type { Snapshot } from '../src/engine/snapshot.js';
import { buildEvidencePack } from '../src/evidence/pack.js';
import { MANIFEST_FILE, renderManifest } from '../src/evidence/manifest.js';
import { runFleetReport } from '../src/fleet/run.js';
import { renderFleetSummary } from '../src/fleet/summary.js';
import { silentLogger } from '../src/logger.js';
import { parsePolicy } from '../src/policy/load.js';
import { buildReport } from '../src/report/build.js';
import { generateTenant } from '../src/sandbox/index.js';
import { PermissionSets } from '../src/servicetitan/records.js';
import { parseSettings } from '../src/settings.js';
import { rounded } from './model.js';
import { benchPolicy, BENCH_NOW } from './policy.js';
import { readGenerated } from './snapshot.js';

interface Options {
  phase: 'generate' | 'rollup';
  dir: string;
  tenants: number;
  users: number;
  /** generate: this process's share of the tenants, [from, to) */
  from?: number;
  to?: number;
}

/** Group people with accounts across the fleet: each in about one tenant in five. */
const GROUP_PEOPLE = 400;

function snapshotOf(users: number, seed: number, tenant: number): Snapshot {
  const data = generateTenant({ users, seed });
  // the tenant's own staff at its own domain; outsiders keep theirs
  for (const u of [...data.employees, ...data.technicians]) {
    if (u.email?.endsWith('@acme-hvac.com'))
      u.email = u.email.replace('@acme-hvac.com', `@brand-${tenant}.acme-hvac.com`);
  }
  const template = data.employees[data.employees.length - 1]!;
  for (let k = 0; k < GROUP_PEOPLE; k++) {
    if ((k * 7 + tenant) % 5 !== 0) continue;
    const id = 900_000 + k;
    data.employees.push({
      ...structuredClone(template),
      id,
      userId: id,
      name: `Group Person ${k}`,
      email: `person.${k}@group.acme-hvac.com`,
      loginName: `group${k}`,
      active: (k + tenant) % 23 !== 0,
      accountLocked: (k + tenant) % 17 === 0,
    });
  }
  return {
    tenant: String(2_000_000 + seed),
    environment: 'production',
    fetchedAt: BENCH_NOW.toISOString(),
    ...readGenerated(data, new PermissionSets()),
    warnings: [],
  };
}

function generate({ dir, tenants, users, from = 0, to = tenants }: Options): void {
  const text = benchPolicy();
  const policy = parsePolicy(text, 'bench-policy.yml', { now: BENCH_NOW });
  for (let i = from; i < to; i++) {
    const snapshot = snapshotOf(users - Math.round(GROUP_PEOPLE / 5), 1000 + i, i);
    const evaluation = evaluate(policy, snapshot, BENCH_NOW);
    const report = buildReport(
      {
        mode: 'audit',
        tenant: snapshot.tenant,
        environment: 'production',
        policy: { path: '.github/servicetitan-access.yml', sha256: policy.source.sha256 },
        startedAt: BENCH_NOW,
        finishedAt: BENCH_NOW,
        failOn: 'high',
        toolVersion: 'bench',
      },
      { evaluation },
    );
    const pack = buildEvidencePack({
      dir: '',
      report,
      snapshot,
      policy,
      policyText: text,
      policyFileName: 'servicetitan-access.yml',
      redact: false,
      toolVersion: 'bench',
      runUrl: `https://github.com/acme/fleet/actions/runs/${9000 + i}`,
      audienceOf: (u) => classifyAudience(u, policy.organization),
    });
    const folder = path.join(dir, 'reports', `tenant-${String(i).padStart(3, '0')}`, 'evidence');
    mkdirSync(folder, { recursive: true });
    for (const [name, content] of pack.files) writeFileSync(path.join(folder, name), content);
    writeFileSync(path.join(folder, MANIFEST_FILE), renderManifest(pack.manifest));
  }
}

async function rollup({ dir, tenants, users }: Options): Promise<void> {
  const loadAverageAtStart = loadavg().map((l) => rounded(l, 2));
  const settings = parseSettings(
    cliInputs('fleet-report', { reports: 'reports', history: 'history.jsonl', fleet: 'none.yml' }),
    { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} },
    dir,
  );
  const start = performance.now();
  const result = await runFleetReport(settings, { logger: silentLogger, now: () => new Date() });
  const summary = renderFleetSummary(result.report, result.files);
  const ms = performance.now() - start;
  const { report } = result;
  console.log(
    JSON.stringify({
      node: process.version,
      date: new Date().toISOString(),
      loadAverageAtStart,
      tenants,
      usersPerTenant: users,
      users: report.totals.users,
      tenantsRead: report.totals.tenants,
      crossTenantPeople: report.peopleTotal,
      leaverFindings: report.findings.length,
      summaryKb: rounded(Buffer.byteLength(summary) / 1024, 1),
      rollupMs: rounded(ms, 0),
      peakRssMb: rounded(process.resourceUsage().maxRSS / 1024, 0),
    }),
  );
}

const options = JSON.parse(process.argv[2] ?? '{}') as Options;
if (options.phase === 'generate') generate(options);
else await rollup(options);
