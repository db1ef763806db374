// `npm run bench`: bundles the bench entries, measures the network path, the engine and the
// action's start-up, prints a table, writes bench/results.json and the figures in bench/README.md.
// Each figure is a median over several runs; ratios are measured in the same run.
import { build } from 'esbuild';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  readdirSync,
  mkdirSync,
  copyFileSync,
} from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table, verdicts } from './figures.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench', '.build');
const quick = process.argv.includes('--quick');

const SETTINGS = {
  latencyMs: 50,
  // ServiceTitan's documented maximum page size: the default path asks for it and gets it
  maxPageSize: 5000,
  seed: 7,
  sizes: quick ? [100, 1000] : [100, 1000, 5000, 20_000],
  fastRuns: quick ? 3 : 7,
  probeRuns: quick ? 2 : 5,
  // the naive configuration is latency-bound (one 50-user page at a time): fewer runs at 20,000
  naiveRuns: (users) => (quick ? 1 : users >= 20_000 ? 2 : 3),
  engineSizes: quick ? [1000, 10_000] : [1000, 10_000, 100_000],
  // users joined against as many people (SPEC §8: 100,000 × 100,000 adds < 1 s, < 150 MB)
  identityUsers: quick ? 10_000 : 100_000,
  identityRuns: quick ? 3 : 5,
  engineRuns: 9,
  startupRuns: quick ? 5 : 15,
  // every user an outsider: about one finding each, so 20,300 users give 20,000 findings
  redactionUsers: quick ? 2_000 : 20_300,
  redactionRuns: quick ? 1 : 3,
  // SPEC §10: 300 tenants × 5,000 users roll up in under 10 s and 1 GB on two cores
  fleet: { tenants: quick ? 20 : 300, users: quick ? 1000 : 5000, runs: quick ? 1 : 3 },
  // a whole audit in one process: the evaluate phase of a 7,000-user tenant (median of the
  // pipeline's runs after the first, which is shown apart) and the peak RSS of a 100,000-user one
  // (median of processes)
  audit: {
    evaluateUsers: 7000,
    evaluateRuns: quick ? 9 : 15,
    peakUsers: quick ? 20_000 : 100_000,
    peakProcesses: quick ? 1 : 3,
  },
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function bundleEntries() {
  await build({
    entryPoints: [
      'network.ts',
      'sandbox-process.ts',
      'engine.ts',
      'redaction.ts',
      'identity.ts',
      'fleet.ts',
      'audit.ts',
    ].map((f) => path.join(root, 'bench', f)),
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
  });
}

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  return {
    nproc: Number(execFileSync('nproc').toString().trim()),
    node: process.version,
    cpu,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
  };
}

/** Runs a bench entry in its own process and returns the JSON line it prints. */
function runEntry(entry, options, nodeFlags = []) {
  const result = spawnSync(process.execPath, [...nodeFlags, path.join(out, entry), JSON.stringify(options)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 2 ** 20,
  });
  if (result.status !== 0) throw new Error(`${entry} ${JSON.stringify(options)} failed (${result.status})`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

function network() {
  return SETTINGS.sizes.map((users) => {
    process.stderr.write(`network: ${users} users…\n`);
    return runEntry('network.js', {
      users,
      seed: SETTINGS.seed,
      latencyMs: SETTINGS.latencyMs,
      maxPageSize: SETTINGS.maxPageSize,
      runs: SETTINGS.fastRuns,
      probeRuns: SETTINGS.probeRuns,
      naiveRuns: SETTINGS.naiveRuns(users),
    });
  });
}

function engine() {
  return SETTINGS.engineSizes.map((users) => {
    process.stderr.write(`engine: ${users} users…\n`);
    return runEntry('engine.js', { users, runs: SETTINGS.engineRuns }, ['--expose-gc']);
  });
}

/**
 * `st-access-guard audit` in one process against a generated tenant served by another (no latency):
 * the evaluate phase at 7,000 users, and the peak RSS of the whole audit at 100,000.
 */
function audit() {
  const { evaluateUsers, evaluateRuns, peakUsers, peakProcesses } = SETTINGS.audit;
  const options = (users, runs) => ({ users, runs, seed: SETTINGS.seed, maxPageSize: SETTINGS.maxPageSize });
  process.stderr.write(`audit: ${evaluateUsers} users, ${evaluateRuns} runs…
`);
  const evaluated = runEntry('audit.js', options(evaluateUsers, evaluateRuns));
  const peaks = [];
  for (let i = 0; i < peakProcesses; i++) {
    process.stderr.write(`audit: ${peakUsers} users, process ${i + 1} of ${peakProcesses}…
`);
    peaks.push(runEntry('audit.js', options(peakUsers, 1)));
  }
  return {
    evaluateUsers,
    findings: evaluated.findings,
    evaluateRuns,
    evaluateMs: round(median(evaluated.evaluateMsAll.slice(1))),
    evaluateFirstMs: evaluated.evaluateMsAll[0],
    evaluateMsAll: evaluated.evaluateMsAll,
    peakUsers,
    peakProcesses,
    peakRssMb: round(median(peaks.map((p) => p.peakRssMb))),
    peakRssMbAll: peaks.map((p) => p.peakRssMb),
    peakRssAfterFetchMb: round(median(peaks.map((p) => p.peakRssAfterFetchMb))),
    peakFetchMs: round(median(peaks.map((p) => p.fetchMs))),
    peakEvaluateMs: round(median(peaks.map((p) => p.evaluateMs))),
  };
}

/** What an identity section adds to the audit: N users joined against an N-person directory. */
function identityJoin() {
  process.stderr.write(`identity: ${SETTINGS.identityUsers} users × as many people…\n`);
  const [without, withIdentity] = ['without', 'with'].map((mode) =>
    runEntry('identity.js', { users: SETTINGS.identityUsers, runs: SETTINGS.identityRuns, mode }, [
      '--expose-gc',
    ]),
  );
  return {
    users: withIdentity.users,
    people: withIdentity.people,
    matched: withIdentity.matched,
    unmatched: withIdentity.unmatched,
    leavers: withIdentity.leavers,
    dormant: withIdentity.dormant,
    msWithout: without.ms,
    msWith: withIdentity.ms,
    addedMs: round(withIdentity.ms - without.ms),
    joinMs: withIdentity.joinMs,
    peakRssWithoutMb: without.peakRssMb,
    peakRssWithMb: withIdentity.peakRssMb,
    // the directory included: a run with identity holds it
    addedPeakRssMb: round(withIdentity.peakRssMb - without.peakRssMb),
  };
}

/** The audit of a tenant of outsiders rendered through every channel, with and without redaction. */
function redaction() {
  process.stderr.write(`redaction: ${SETTINGS.redactionUsers} users…\n`);
  return runEntry('redaction.js', { users: SETTINGS.redactionUsers, runs: SETTINGS.redactionRuns }, [
    '--expose-gc',
  ]);
}

/**
 * The fleet roll-up: one evidence pack per tenant generated first (two processes, one per core),
 * then `fleet-report` over them in a process of its own, timed, with its peak RSS.
 */
async function fleet() {
  const { tenants, users } = SETTINGS.fleet;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'st-guard-bench-fleet-'));
  process.stderr.write(`fleet: generating ${tenants} tenants × ${users} users…\n`);
  const half = Math.ceil(tenants / 2);
  await Promise.all(
    [
      [0, half],
      [half, tenants],
    ].map(
      ([from, to]) =>
        new Promise((resolve, reject) => {
          const options = JSON.stringify({ phase: 'generate', dir, tenants, users, from, to });
          const child = spawn(process.execPath, [path.join(out, 'fleet.js'), options], { stdio: 'inherit' });
          child.on('error', reject);
          child.on('close', (code) =>
            code === 0 ? resolve() : reject(new Error(`fleet generate exited ${code}`)),
          );
        }),
    ),
  );
  process.stderr.write(`fleet: rolling up…\n`);
  const runs = [];
  for (let i = 0; i < SETTINGS.fleet.runs; i++) {
    rmSync(path.join(dir, 'history.jsonl'), { force: true });
    runs.push(runEntry('fleet.js', { phase: 'rollup', dir, tenants, users }));
  }
  rmSync(dir, { recursive: true, force: true });
  const best = runs.reduce((a, b) => (a.rollupMs <= b.rollupMs ? a : b));
  return {
    ...best,
    runs: runs.length,
    rollupMs: round(median(runs.map((r) => r.rollupMs)), 0),
    rollupMsAll: runs.map((r) => r.rollupMs),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
}

/** `node dist/index.js` in validate mode, as the runner starts it, against bare `node -e 0`. */
function startup() {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'st-guard-bench-'));
  mkdirSync(path.join(workspace, '.github'));
  copyFileSync(
    path.join(root, 'examples', 'policies', 'strict.yml'),
    path.join(workspace, '.github', 'servicetitan-access.yml'),
  );
  const outputFile = path.join(workspace, 'github-output');
  const summaryFile = path.join(workspace, 'step-summary');
  const env = {
    PATH: process.env.PATH,
    HOME: workspace,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    INPUT_MODE: 'validate',
    INPUT_POLICY: '.github/servicetitan-access.yml',
    INPUT_REPORT: '',
  };
  const timeIt = (args) => {
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { env, cwd: workspace, stdio: 'ignore' });
    const ms = performance.now() - start;
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
    return ms;
  };
  const action = [];
  const bare = [];
  process.stderr.write('start-up…\n');
  for (let i = 0; i < SETTINGS.startupRuns; i++) {
    action.push(timeIt([path.join(root, 'dist', 'index.js')]));
    // a run that did not validate the policy would be timing something else
    if (!/status<<[^\n]*\npass\n/.test(readFileSync(outputFile, 'utf8'))) {
      throw new Error('validate did not report status pass');
    }
    bare.push(timeIt(['-e', '0']));
  }
  rmSync(workspace, { recursive: true, force: true });
  return {
    runs: action.length,
    validateMs: round(median(action)),
    validateMsAll: action.map((ms) => round(ms)),
    bareNodeMs: round(median(bare)),
    overBareNodeMs: round(median(action) - median(bare)),
  };
}

/** Bundle sizes, and what `validate` loads: dist/index.js and the chunks it imports statically. */
function bundles() {
  const dist = path.join(root, 'dist');
  const size = (file) => statSync(path.join(dist, file)).size;
  const chunks = readdirSync(path.join(dist, 'chunks')).filter((f) => f.endsWith('.js'));
  const loaded = new Set();
  const visit = (file) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    const source = readFileSync(path.join(dist, file), 'utf8');
    // static imports only (`import … from "./chunks/x.js"`); `import("…")` is loaded on demand
    for (const match of source.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.[^"]+)";/gms)) {
      visit(path.normalize(path.join(path.dirname(file), match[1])));
    }
    for (const match of source.matchAll(/^import\s*"(\.[^"]+)";/gm)) {
      visit(path.normalize(path.join(path.dirname(file), match[1])));
    }
  };
  visit('index.js');
  const kb = (bytes) => round(bytes / 1024);
  return {
    indexKb: kb(size('index.js')),
    cliKb: kb(size('cli.js')),
    chunks: chunks.length,
    chunksKb: kb(chunks.reduce((sum, f) => sum + size(path.join('chunks', f)), 0)),
    validateLoadsKb: kb([...loaded].reduce((sum, f) => sum + size(f), 0)),
    validateLoadsFiles: loaded.size,
  };
}

async function main() {
  const started = performance.now();
  await bundleEntries();
  const results = {
    machine: machine(),
    settings: { ...SETTINGS, naiveRuns: SETTINGS.sizes.map((u) => SETTINGS.naiveRuns(u)) },
    network: network(),
    engine: engine(),
    redaction: redaction(),
    identity: identityJoin(),
    fleet: await fleet(),
    audit: audit(),
    startup: startup(),
    bundles: bundles(),
  };
  results.defaults = results.network[0].defaults;
  results.verdicts = verdicts(results);
  results.benchSeconds = round((performance.now() - started) / 1000);
  const text = table(results);
  console.log(text);
  if (quick) return;
  writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const readme = path.join(root, 'bench', 'README.md');
  const current = readFileSync(readme, 'utf8');
  const marked = /(<!-- results:start -->\n)[\s\S]*?(<!-- results:end -->)/;
  writeFileSync(readme, current.replace(marked, `$1${text}\n$2`));
}

await main();
