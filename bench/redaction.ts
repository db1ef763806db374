/**
 * Redaction at scale: a generated tenant in which every user is an outsider (so the audit finds
 * about one finding per user, each naming its user), audited and rendered through every channel
 * a run publishes (JSON report, SARIF, annotations, job summary, console), once as is and once
 * with names and emails masked. The two are timed alternately in the same process, so the ratio
 * compares like with like. Prints one JSON line (RedactionResult) on stdout.
 */
import { loadavg } from 'node:os';
import { evaluate } from '../src/engine/evaluate.js';
import { parsePolicy } from '../src/policy/load.js';
import type { Policy } from '../src/policy/types.js';
import { findingAnnotations } from '../src/report/annotations.js';
import { buildReport } from '../src/report/build.js';
import { renderConsole } from '../src/report/console.js';
import { renderJson } from '../src/report/json.js';
import type { Report } from '../src/report/model.js';
import { redactReport } from '../src/report/redact.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderSummary } from '../src/report/summary.js';
import type { Snapshot } from '../src/engine/snapshot.js';
import { median, rounded } from './model.js';
import { benchPolicy, BENCH_NOW } from './policy.js';
import { snapshotOf } from './snapshot.js';

const POLICY_PATH = '.github/servicetitan-access.yml';

/** The bench policy with no internal domain left: every user is external. */
function everyoneExternal(): Policy {
  const text = benchPolicy().replace(
    'internal-domains: [acme-hvac.com]',
    'internal-domains: [nobody.example]',
  );
  if (!text.includes('nobody.example')) throw new Error('the bench policy no longer names acme-hvac.com');
  return parsePolicy(text, 'bench-policy.yml', { now: BENCH_NOW });
}

/** Everything a run computes once the snapshot is in: findings, the report, every channel. */
function audit(
  policy: Policy,
  snapshot: Snapshot,
  redact: boolean,
): { report: Report; ms: number; redactMs: number } {
  const start = performance.now();
  const evaluation = evaluate(policy, snapshot, BENCH_NOW);
  const built = buildReport(
    {
      mode: 'audit',
      tenant: snapshot.tenant,
      environment: 'production',
      policy: { path: POLICY_PATH, sha256: policy.source.sha256 },
      startedAt: BENCH_NOW,
      finishedAt: BENCH_NOW,
      failOn: 'high',
      toolVersion: 'bench',
    },
    { evaluation },
  );
  const redactStart = performance.now();
  const report = redact ? redactReport(built) : built;
  const redactMs = performance.now() - redactStart;
  renderJson(report);
  JSON.stringify(renderSarif(report, policy, { policyPath: POLICY_PATH }));
  findingAnnotations(report, POLICY_PATH);
  renderSummary(report, { reportPath: 'servicetitan-access-report.json' });
  renderConsole(report, { color: false, width: 120 });
  return { report, ms: performance.now() - start, redactMs };
}

/** How many of the users' emails the redacted report still shows (a sample of 200 users). */
function unmasked(snapshot: Snapshot, report: Report): number {
  const json = renderJson(report).toLowerCase();
  const step = Math.max(1, Math.floor(snapshot.users.length / 200));
  return snapshot.users.filter(
    (u, i) => i % step === 0 && u.email !== null && json.includes(u.email.toLowerCase()),
  ).length;
}

function main(): void {
  const loadAverageAtStart = loadavg().map((l) => rounded(l, 2));
  const { users, runs } = JSON.parse(process.argv[2] ?? '{}') as { users: number; runs: number };
  const policy = everyoneExternal();
  const snapshot = snapshotOf(users);
  const plain: number[] = [];
  const redacted: number[] = [];
  const redactOnly: number[] = [];
  let findings = 0;
  let leaked = 0;
  // one untimed round each, so neither side pays for compiling the code both run
  audit(policy, snapshot, false);
  audit(policy, snapshot, true);
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const a = audit(policy, snapshot, false);
    plain.push(a.ms);
    findings = a.report.findings.length;
    globalThis.gc?.();
    const b = audit(policy, snapshot, true);
    redacted.push(b.ms);
    redactOnly.push(b.redactMs);
    // a redaction that masked nothing would be timing something else
    if (i === 0) leaked = unmasked(snapshot, b.report);
  }
  const plainMs = median(plain);
  const redactedMs = median(redacted);
  console.log(
    JSON.stringify({
      node: process.version,
      date: new Date().toISOString(),
      loadAverageAtStart,
      users,
      findings,
      runs,
      plainMs: rounded(plainMs, 1),
      redactedMs: rounded(redactedMs, 1),
      redactMs: rounded(median(redactOnly), 1),
      ratio: rounded(redactedMs / plainMs, 2),
      plainMsAll: plain.map((t) => rounded(t, 1)),
      redactedMsAll: redacted.map((t) => rounded(t, 1)),
      emailsLeftUnmasked: leaked,
    }),
  );
}

main();
