/**
 * The engine alone: a generated tenant of N users (read into a Snapshot the way the client reads
 * one) audited against a 20-rule policy. Runs in its own process per size, so the peak memory it
 * reports is this size's. Prints one JSON line (EngineResult) on stdout.
 */
import { evaluate } from '../src/engine/evaluate.js';
import { parsePolicy } from '../src/policy/load.js';
import { median, rounded } from './model.js';
import { benchPolicy, BENCH_NOW } from './policy.js';
import { snapshotOf } from './snapshot.js';

const mb = (bytes: number) => rounded(bytes / 2 ** 20, 1);

function main(): void {
  const { users, runs } = JSON.parse(process.argv[2] ?? '{}') as { users: number; runs: number };
  const policy = parsePolicy(benchPolicy(), 'bench-policy.yml', { now: BENCH_NOW });
  const snapshot = snapshotOf(users);
  globalThis.gc?.();
  const before = process.memoryUsage();
  const peakBeforeAudit = process.resourceUsage().maxRSS * 1024;
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const evaluation = evaluate(policy, snapshot, BENCH_NOW);
    times.push(performance.now() - start);
    findings = evaluation.findings.length;
  }
  console.log(
    JSON.stringify({
      users,
      rules: policy.rules.length,
      findings,
      runs,
      ms: rounded(median(times), 1),
      firstRunMs: rounded(times[0]!, 1),
      msAll: times.map((t) => rounded(t, 1)),
      // the whole process at its highest (snapshot included), the same before the first audit
      // (building the snapshot), and the snapshot's own heap
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
      peakRssBeforeAuditMb: mb(peakBeforeAudit),
      rssBeforeAuditMb: mb(before.rss),
      snapshotHeapMb: mb(before.heapUsed),
    }),
  );
}

main();
