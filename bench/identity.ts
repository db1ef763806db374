/**
 * What an `identity` section adds to an audit (SPEC §8): N ServiceTitan users joined against an
 * N-person directory. Run twice, each in its own process as a real audit is: `without` audits the
 * generated tenant with the bench policy, `with` the same tenant with the bench policy plus an
 * identity section over an Entra-like directory, the directory held in memory as a source reads it.
 * Half the users are linked by object id (aadUserId), the rest join by email or an alias; 1 in 20
 * has left, 1 in 20 is in no directory, 1 in 20 has not signed in for 200 days, and the directory
 * fills up to N people with people who have no account. The peak RSS is taken after the first
 * audit (one audit per run, as in the action); the median time over `runs`. Prints one JSON line.
 */
import type { Directory, Person } from '../src/domain/identity.js';
import type { Snapshot } from '../src/engine/snapshot.js';
import { evaluate } from '../src/engine/evaluate.js';
import { joinForPolicy } from '../src/engine/identity.js';
import { parsePolicy } from '../src/policy/load.js';
import { median, rounded } from './model.js';
import { benchPolicy, BENCH_NOW } from './policy.js';
import { snapshotOf } from './snapshot.js';

const mb = (bytes: number) => rounded(bytes / 2 ** 20, 1);
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const DAY = 86_400_000;

function objectId(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

/** The directory the source would have read for the tenant (every other user linked by aadUserId). */
function directoryFor(snapshot: Snapshot): Directory {
  const users = snapshot.users.length;
  const people: Person[] = [];
  snapshot.users.forEach((user, i) => {
    const id = objectId(i);
    if (i % 20 === 7) return; // in no directory
    const address = user.email?.toLowerCase() ?? `user${i}@bench.example`;
    people.push({
      personId: id,
      emails: [address, address.replace('@', '.alias@')],
      aadObjectId: id,
      name: user.name,
      state: i % 20 === 3 ? 'suspended' : 'active',
      type: i % 10 === 0 ? 'guest' : 'member',
      lastSignIn: new Date(BENCH_NOW.getTime() - (i % 20 === 11 ? 200 : i % 30) * DAY).toISOString(),
      createdAt: '2020-01-01T00:00:00.000Z',
    });
  });
  for (let i = people.length; i < users; i++) {
    const id = objectId(users + i);
    people.push({
      personId: id,
      emails: [`nobody${i}@bench.example`],
      aadObjectId: id,
      name: `Nobody ${i}`,
      state: 'active',
      type: 'member',
      lastSignIn: null,
      createdAt: '2020-01-01T00:00:00.000Z',
    });
  }
  return { sourceId: 'entra', kind: 'entra', people, signInReported: true, signInUnavailable: null };
}

function main(): void {
  const { users, runs, mode } = JSON.parse(process.argv[2] ?? '{}') as {
    users: number;
    runs: number;
    mode: 'without' | 'with';
  };
  const identitySection = `
identity:
  sources:
    - id: entra
      entra: { tenant-id: 00000000-0000-0000-0000-000000000000 }
  match: [aad, email]
  dormant-after-days: 90
`;
  const policy = parsePolicy(benchPolicy() + (mode === 'with' ? identitySection : ''), 'bench-policy.yml', {
    now: BENCH_NOW,
  });
  const snapshot = snapshotOf(users);
  snapshot.users.forEach((user, i) => {
    if (i % 2 === 0) user.aadUserId = objectId(i);
  });
  // only an audit with identity holds a directory
  const directories = mode === 'with' ? [directoryFor(snapshot)] : [];
  const people = directories[0]?.people.length ?? 0;
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const times: number[] = [];
  const first = performance.now();
  const evaluation = evaluate(policy, snapshot, BENCH_NOW, directories);
  times.push(performance.now() - first);
  const peakAfterFirst = peakRss();
  globalThis.gc?.();
  // what the audit keeps alive besides the snapshot and the directory (findings, the roster)
  const retainedHeap = process.memoryUsage().heapUsed - heapBefore;
  for (let i = 1; i < runs; i++) {
    const start = performance.now();
    evaluate(policy, snapshot, BENCH_NOW, directories);
    times.push(performance.now() - start);
  }
  const joinMs: number[] = [];
  if (mode === 'with') {
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      joinForPolicy(policy.identity!, policy.organization, snapshot.users, directories);
      joinMs.push(performance.now() - start);
    }
  }
  const summary = evaluation.identity?.summary;
  console.log(
    JSON.stringify({
      mode,
      users,
      people,
      runs,
      findings: evaluation.findings.length,
      ...(summary
        ? {
            matched: summary.matched,
            unmatched: summary.unmatched,
            leavers: summary.leavers,
            dormant: summary.dormant,
          }
        : {}),
      ms: rounded(median(times), 1),
      msAll: times.map((t) => rounded(t, 1)),
      ...(joinMs.length > 0 ? { joinMs: rounded(median(joinMs), 1) } : {}),
      peakRssMb: mb(peakAfterFirst),
      retainedHeapMb: mb(retainedHeap),
    }),
  );
}

main();
