// The bench's verdicts against the targets, and the table it prints and puts in bench/README.md.

export const TARGETS = {
  requestRatio: 1.0,
  wallVsBound: 1.1,
  naiveRequestsVsFast: 10,
  naiveWallVsFast: 5,
  engineMsAt100k: 500,
  enginePeakMbAt100k: 300,
  engineGrowth: 11,
  startupMs: 250,
  redactionRatio: 1.5,
  redactionFindings: 20_000,
  identityAddedMsAt100k: 1000,
  identityAddedMbAt100k: 150,
  fleetRollupMs: 10_000,
  fleetPeakMb: 1024,
  auditEvaluateMsAt7000: 40,
  auditPeakMbAt100k: 400,
};

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function verdicts(results) {
  const at = (users) => results.network.find((n) => n.users === users);
  const engineAt = (users) => results.engine.find((e) => e.users === users);
  const list = [];
  const check = (name, value, target, met) => list.push({ name, value, target, met });
  for (const n of results.network) {
    check(
      `requests / minimum, ${n.users} users`,
      n.fast.requestRatio,
      `= ${TARGETS.requestRatio.toFixed(2)}`,
      n.fast.requestRatio === TARGETS.requestRatio,
    );
    check(
      `wall / critical-path bound, ${n.users} users`,
      n.fast.wallVsBound,
      `≤ ${TARGETS.wallVsBound}`,
      n.fast.wallVsBound <= TARGETS.wallVsBound,
    );
  }
  const n5 = at(5000);
  if (n5?.naive) {
    check(
      'naive / fast requests, 5,000 users',
      n5.naive.requestsVsFast,
      `≥ ${TARGETS.naiveRequestsVsFast}`,
      n5.naive.requestsVsFast >= TARGETS.naiveRequestsVsFast,
    );
    check(
      'naive / fast wall time, 5,000 users',
      n5.naive.wallVsFast,
      `≥ ${TARGETS.naiveWallVsFast}`,
      n5.naive.wallVsFast >= TARGETS.naiveWallVsFast,
    );
  }
  const e10 = engineAt(10_000);
  const e100 = engineAt(100_000);
  if (e100) {
    check(
      'engine ms, 100,000 users × 20 rules',
      e100.ms,
      `≤ ${TARGETS.engineMsAt100k}`,
      e100.ms <= TARGETS.engineMsAt100k,
    );
    check(
      'engine peak RSS MB, 100,000 users',
      e100.peakRssMb,
      `≤ ${TARGETS.enginePeakMbAt100k}`,
      e100.peakRssMb <= TARGETS.enginePeakMbAt100k,
    );
  }
  if (e10 && e100) {
    const growth = round(e100.ms / e10.ms, 2);
    check(
      'engine time growth, 10,000 → 100,000 users',
      growth,
      `≤ ${TARGETS.engineGrowth}×`,
      growth <= TARGETS.engineGrowth,
    );
  }
  const r = results.redaction;
  if (r && r.findings >= TARGETS.redactionFindings) {
    check(
      `audit with / without redaction, ${r.findings.toLocaleString('en')} findings`,
      r.ratio,
      `≤ ${TARGETS.redactionRatio}×`,
      r.ratio <= TARGETS.redactionRatio && r.emailsLeftUnmasked === 0,
    );
  }
  const id = results.identity;
  if (id && id.users >= 100_000) {
    check(
      `identity join adds ms, ${id.users.toLocaleString('en')} users × ${id.people.toLocaleString('en')} people`,
      id.addedMs,
      `< ${TARGETS.identityAddedMsAt100k}`,
      id.addedMs < TARGETS.identityAddedMsAt100k,
    );
    check(
      `identity join adds peak RSS MB (directory included), ${id.users.toLocaleString('en')} users`,
      id.addedPeakRssMb,
      `< ${TARGETS.identityAddedMbAt100k}`,
      id.addedPeakRssMb < TARGETS.identityAddedMbAt100k,
    );
  }
  const f = results.fleet;
  if (f && f.tenants >= 300 && f.usersPerTenant >= 5000) {
    const what = `${f.tenants} tenants × ${f.usersPerTenant.toLocaleString('en')} users`;
    check(
      `fleet roll-up ms, ${what}`,
      f.rollupMs,
      `< ${TARGETS.fleetRollupMs}`,
      f.rollupMs < TARGETS.fleetRollupMs,
    );
    check(
      `fleet roll-up peak RSS MB, ${what}`,
      f.peakRssMb,
      `< ${TARGETS.fleetPeakMb}`,
      f.peakRssMb < TARGETS.fleetPeakMb,
    );
  }
  const a = results.audit;
  if (a && a.evaluateUsers === 7000) {
    check(
      'audit: evaluate phase ms, 7,000 users × 20 rules (median after the first)',
      a.evaluateMs,
      `< ${TARGETS.auditEvaluateMsAt7000}`,
      a.evaluateMs < TARGETS.auditEvaluateMsAt7000,
    );
  }
  if (a && a.peakUsers >= 100_000) {
    check(
      `audit: peak RSS MB, ${a.peakUsers.toLocaleString('en')} users (median of ${a.peakProcesses} processes)`,
      a.peakRssMb,
      `< ${TARGETS.auditPeakMbAt100k}`,
      a.peakRssMb < TARGETS.auditPeakMbAt100k,
    );
  }
  check(
    'validate start-up ms (median)',
    results.startup.validateMs,
    `≤ ${TARGETS.startupMs}`,
    results.startup.validateMs <= TARGETS.startupMs,
  );
  return list;
}

export function table(results) {
  const lines = [];
  const m = results.machine;
  lines.push(
    `Machine: ${m.nproc} × ${m.cpu}, Node ${m.node}, ${m.date.slice(0, 10)}, load average at start ${m.loadAverageAtStart.join(' / ')}.`,
    `Sandbox: ${results.settings.latencyMs} ms injected latency per answer, maxPageSize ${results.settings.maxPageSize}; client defaults (page size ${results.defaults.pageSize}, concurrency ${results.defaults.concurrency}, ${results.defaults.requestsPerSecond}/s); naive: page size 50, concurrency 1.`,
    '',
    '| users | requests (min) | ratio | round trips alone: token; each list (ms) | bound (ms) | wall (ms) | wall / bound | last answer (ms) | one-thread-server bound (ms) | wall / it | naive requests | naive wall (ms) | naive / fast req | naive / fast wall |',
    '| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const n of results.network) {
    const chain = `${n.roundTrips.tokenMs}; ${n.roundTrips.listsMs.map((l) => l.join(' → ')).join('; ')}`;
    lines.push(
      `| ${n.users.toLocaleString('en')} | ${n.fast.requests} (${n.fast.minimumRequests}) | ${n.fast.requestRatio.toFixed(2)} | ${chain} | ${n.criticalPathBoundMs} | ${n.fast.wallMs} | ${n.fast.wallVsBound} | ${n.fast.lastAnswerMs} | ${n.oneThreadServerBoundMs} | ${n.fast.wallVsOneThreadServerBound} | ${n.naive ? n.naive.requests : '—'} | ${n.naive ? n.naive.wallMs : '—'} | ${n.naive ? `${n.naive.requestsVsFast}×` : '—'} | ${n.naive ? `${n.naive.wallVsFast}×` : '—'} |`,
    );
  }
  lines.push(
    '',
    '| engine: users × 20 rules | findings | median ms | peak RSS (MB) | RSS before the audit (MB) | snapshot heap (MB) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const e of results.engine) {
    lines.push(
      `| ${e.users.toLocaleString('en')} | ${e.findings} | ${e.ms} | ${e.peakRssMb} | ${e.rssBeforeAuditMb} | ${e.snapshotHeapMb} |`,
    );
  }
  const r = results.redaction;
  if (r) {
    lines.push(
      '',
      '| redaction: users (all outsiders) | findings | audit ms, as is | audit ms, redacted | redaction alone (ms) | with / without | emails left unmasked (of a sample) |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${r.users.toLocaleString('en')} | ${r.findings.toLocaleString('en')} | ${r.plainMs} | ${r.redactedMs} | ${r.redactMs} | ${r.ratio}× | ${r.emailsLeftUnmasked} |`,
    );
  }
  const id = results.identity;
  if (id) {
    lines.push(
      '',
      '| identity: users × people | matched | unmatched | leavers | dormant | audit ms, without | audit ms, with | added ms | join alone (ms) | peak RSS without (MB) | peak RSS with, directory included (MB) | added (MB) |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${id.users.toLocaleString('en')} × ${id.people.toLocaleString('en')} | ${id.matched} | ${id.unmatched} | ${id.leavers} | ${id.dormant} | ${id.msWithout} | ${id.msWith} | ${id.addedMs} | ${id.joinMs} | ${id.peakRssWithoutMb} | ${id.peakRssWithMb} | ${id.addedPeakRssMb} |`,
    );
  }
  const f = results.fleet;
  if (f) {
    lines.push(
      '',
      '| fleet roll-up: tenants × users (evidence packs) | users | people in several tenants | leaver findings | roll-up ms (median) | peak RSS (MB) |',
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${f.tenants} × ${f.usersPerTenant.toLocaleString('en')} | ${f.users.toLocaleString('en')} | ${f.crossTenantPeople.toLocaleString('en')} | ${f.leaverFindings.toLocaleString('en')} | ${f.rollupMs} | ${f.peakRssMb} |`,
    );
  }
  const a = results.audit;
  if (a) {
    lines.push(
      '',
      '| audit: users × 20 rules | findings | evaluate phase ms (median after the first) | first run (ms) | runs |',
      '| ---: | ---: | ---: | ---: | ---: |',
      `| ${a.evaluateUsers.toLocaleString('en')} | ${a.findings} | ${a.evaluateMs} | ${a.evaluateFirstMs} | ${a.evaluateRuns} |`,
      '',
      '| audit: users | peak RSS (MB, median) | each process (MB) | peak by the end of the fetch (MB) | fetch ms | evaluate ms |',
      '| ---: | ---: | --- | ---: | ---: | ---: |',
      `| ${a.peakUsers.toLocaleString('en')} | ${a.peakRssMb} | ${a.peakRssMbAll.join('; ')} | ${a.peakRssAfterFetchMb} | ${a.peakFetchMs} | ${a.peakEvaluateMs} |`,
    );
  }
  const s = results.startup;
  const b = results.bundles;
  lines.push(
    '',
    `Start-up, \`node dist/index.js\` in validate mode: median ${s.validateMs} ms over ${s.runs} runs (bare \`node -e 0\`: ${s.bareNodeMs} ms, so ${s.overBareNodeMs} ms is the action's own).`,
    `Bundles: dist/index.js ${b.indexKb} KB, dist/cli.js ${b.cliKb} KB, ${b.chunks} chunks ${b.chunksKb} KB; validate loads ${b.validateLoadsFiles} files, ${b.validateLoadsKb} KB.`,
    '',
    '| target | value | goal | met |',
    '| --- | ---: | ---: | :---: |',
    ...results.verdicts.map((v) => `| ${v.name} | ${v.value} | ${v.target} | ${v.met ? 'yes' : '**no**'} |`),
  );
  return lines.join('\n');
}
