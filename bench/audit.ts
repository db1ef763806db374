/**
 * A whole audit as `st-access-guard audit` runs it, in this process: the command line's settings,
 * the pipeline (fetch through the real client, evaluate and plan, the report) and the JSON report
 * written, against a generated tenant served by a sandbox in another process with no injected
 * latency, so that the figures are this process's own CPU and memory. One process per size, so
 * the peak RSS it reports is this size's. Prints one JSON line (AuditResult) on stdout.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cliInputs } from '../src/cli/run.js';
import type { Logger } from '../src/logger.js';
import { runPipeline } from '../src/pipeline.js';
import { parseSettings, type EventContext } from '../src/settings.js';
import { median, rounded } from './model.js';
import { benchPolicy } from './policy.js';
import { startSandbox } from './sandbox-fork.js';

export interface AuditOptions {
  users: number;
  seed: number;
  maxPageSize: number;
  /** audits in this process; the peak RSS is taken after the first */
  runs: number;
}

const CLI_EVENT: EventContext = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };
const mb = (bytes: number) => rounded(bytes / 2 ** 20, 1);

/**
 * A silent logger that times each phase (the pipeline runs every phase inside a group): wall
 * time, and the process's CPU time, which a busy machine disturbs less.
 */
function phaseTimer(): Logger & {
  ms: Map<string, number>;
  cpuMs: Map<string, number>;
  peakMb: Map<string, number>;
} {
  const ms = new Map<string, number>();
  const cpuMs = new Map<string, number>();
  const peakMb = new Map<string, number>();
  return {
    ms,
    cpuMs,
    peakMb,
    debug() {},
    info() {},
    warning() {},
    error() {},
    group: async (name, fn) => {
      const start = performance.now();
      const cpu = process.cpuUsage();
      try {
        return await fn();
      } finally {
        ms.set(name, performance.now() - start);
        const used = process.cpuUsage(cpu);
        cpuMs.set(name, (used.user + used.system) / 1000);
        // the process's peak so far, when the phase ends
        peakMb.set(name, mb(process.resourceUsage().maxRSS * 1024));
      }
    },
  };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as AuditOptions;
  const { child, ready } = await startSandbox({
    users: options.users,
    seed: options.seed,
    latencyMs: 0,
    maxPageSize: options.maxPageSize,
  });
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'st-guard-bench-audit-'));
  await writeFile(path.join(workspace, 'policy.yml'), benchPolicy());
  const env = {
    ST_TENANT: ready.tenant,
    ST_CLIENT_ID: ready.credentials.clientId,
    ST_CLIENT_SECRET: ready.credentials.clientSecret,
    ST_APP_KEY: ready.credentials.appKey,
    ST_API_URL: ready.url,
    ST_AUTH_URL: ready.authUrl,
  };
  const settings = parseSettings(
    cliInputs('audit', { policy: 'policy.yml', report: 'report.json' }, env),
    CLI_EVENT,
    workspace,
  );

  const fetchMs: number[] = [];
  const evaluateMs: number[] = [];
  const evaluateCpuMs: number[] = [];
  const wallMs: number[] = [];
  let users = 0;
  let findings = 0;
  let peakRssAfterFirst = 0;
  let peakRssAfterFetch = 0;
  for (let i = 0; i < options.runs; i++) {
    const logger = phaseTimer();
    const start = performance.now();
    const result = await runPipeline(settings, { logger, now: () => new Date() });
    // the report as the CLI writes it
    await writeFile(path.join(workspace, 'report.json'), JSON.stringify(result.report, null, 2) + '\n');
    wallMs.push(performance.now() - start);
    if (result.report.status === 'error') {
      throw new Error(`the audit ended in error: ${JSON.stringify(result.report.errors)}`);
    }
    fetchMs.push(logger.ms.get('Fetch') ?? NaN);
    evaluateMs.push(logger.ms.get('Evaluate and plan') ?? NaN);
    evaluateCpuMs.push(logger.cpuMs.get('Evaluate and plan') ?? NaN);
    users = result.report.counts.users;
    findings = result.report.findings.length;
    if (i === 0) {
      peakRssAfterFirst = process.resourceUsage().maxRSS * 1024;
      peakRssAfterFetch = logger.peakMb.get('Fetch') ?? NaN;
    }
  }
  child.disconnect();
  await rm(workspace, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      users: options.users,
      usersAudited: users,
      findings,
      runs: options.runs,
      peakRssMb: mb(peakRssAfterFirst),
      peakRssAfterFetchMb: peakRssAfterFetch,
      fetchMs: rounded(median(fetchMs), 1),
      evaluateMs: rounded(median(evaluateMs), 1),
      evaluateMsAll: evaluateMs.map((t) => rounded(t, 1)),
      evaluateCpuMs: rounded(median(evaluateCpuMs), 1),
      wallMs: rounded(median(wallMs), 1),
    }),
  );
}

await main();
