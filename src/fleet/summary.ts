/**
 * The fleet's job summary and its console text: tenants × severities worst first (errored tenants
 * at the top, with why), a link to each tenant's run, the fleet's findings and the people who
 * cross tenants, one line each ("jake@gmail.com holds generate-api-key in 14 of 40 tenants").
 */
import { inlineMarkdown, inlinePlain } from '../report/text.js';
import type { FleetReport } from './rollup.js';
import type { CrossTenantPerson } from './people.js';

/** GitHub shows at most 1 MiB of summary per step; a few hundred tenants fit well within it. */
const MAX_TENANT_ROWS = 400;
const MAX_LINES = 50;
const ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;

const isLink = (url: string | null): url is string => url !== null && /^https?:\/\/[^\s"'<>()]+$/.test(url);

/** "jake@gmail.com holds generate-api-key in 14 of 40 tenants" */
export function personLine(p: CrossTenantPerson, tenants: number): string {
  const who = p.email ?? `aadUserId ${p.aadUserId ?? ''}`;
  if (p.holds.length === 0) return `${who} has an account in ${p.tenants.length} of ${tenants} tenants`;
  return `${who} holds ${p.holds.map((h) => `${h.permission} in ${h.tenants.length} of ${tenants} tenants`).join(', ')}`;
}

export function renderFleetSummary(
  report: FleetReport,
  files: { report?: string; dashboard?: string } = {},
): string {
  const t = report.totals;
  const out: string[] = [];
  out.push(`## ${ICON[report.status]} ServiceTitan fleet: ${report.status}\n`);
  out.push(
    `${t.tenants} tenants (${t.errored} errored) · **${t.critical}** critical · **${t.high}** high · ${t.medium} medium · ${t.low} low · ${t.exempted} exempted · ${t.users} users · ${report.findings.length} fleet finding${report.findings.length === 1 ? '' : 's'}${report.redacted ? ' · names and emails masked' : ''}\n`,
  );
  out.push('| # | Tenant | Status | Critical | High | Medium | Low | Exempted | Users | Run |');
  out.push('| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [i, run] of report.tenants.slice(0, MAX_TENANT_ROWS).entries()) {
    const c = run.counts;
    const problem =
      run.status === 'error' && run.errors[0]
        ? ` ${inlineMarkdown(`${run.errors[0].message} [${run.errors[0].code}]`, 300)}`
        : '';
    const link = isLink(run.runUrl) ? `[run](${run.runUrl})` : '';
    out.push(
      `| ${i + 1} | ${inlineMarkdown(run.name, 100)}${run.tenant ? ` (${inlineMarkdown(run.tenant, 20)})` : ''} | ${ICON[run.status]} ${run.status}${problem} | ${c.critical} | ${c.high} | ${c.medium} | ${c.low} | ${c.exempted} | ${c.users} | ${link} |`,
    );
  }
  if (report.tenants.length > MAX_TENANT_ROWS) {
    out.push(
      `\nAnd ${report.tenants.length - MAX_TENANT_ROWS} more tenants: see the dashboard or fleet-report.json.`,
    );
  }
  out.push('');
  if (report.findings.length > 0) {
    out.push(
      `### Locked or deactivated in one tenant, still active in another (${report.findings.length})\n`,
    );
    for (const f of report.findings.slice(0, MAX_LINES))
      out.push(`- **critical** ${inlineMarkdown(f.message, 500)}`);
    if (report.findings.length > MAX_LINES) out.push(`- and ${report.findings.length - MAX_LINES} more`);
    out.push('');
  }
  const holders = report.people.filter((p) => p.holds.length > 0);
  if (holders.length > 0) {
    out.push(`### People holding forbidden permissions in several tenants (${holders.length})\n`);
    for (const p of holders.slice(0, MAX_LINES))
      out.push(`- ${inlineMarkdown(personLine(p, t.tenants), 500)}`);
    if (holders.length > MAX_LINES) out.push(`- and ${holders.length - MAX_LINES} more`);
    out.push('');
  }
  if (report.peopleTotal > 0) {
    out.push(
      `${report.peopleTotal} ${report.peopleTotal === 1 ? 'person has accounts' : 'people have accounts'} in more than one tenant.\n`,
    );
  }
  for (const note of report.notes) out.push(`> ${inlineMarkdown(note, 1000)}\n`);
  const written = [
    ...(files.dashboard ? [`dashboard \`${inlineMarkdown(files.dashboard, 200)}\``] : []),
    ...(files.report ? [`report \`${inlineMarkdown(files.report, 200)}\``] : []),
  ];
  if (written.length > 0) out.push(`Written: ${written.join(', ')}.\n`);
  return out.join('\n');
}

/** For the command line: the same, as plain text. */
export function renderFleetConsole(
  report: FleetReport,
  files: { report?: string; dashboard?: string } = {},
): string {
  const t = report.totals;
  const lines: string[] = [];
  lines.push(
    `Fleet: ${report.status.toUpperCase()} — ${t.tenants} tenants (${t.errored} errored), ${t.critical} critical, ${t.high} high, ${t.medium} medium, ${t.low} low, ${report.findings.length} fleet findings`,
  );
  lines.push('');
  const width = Math.min(40, Math.max(6, ...report.tenants.map((r) => r.name.length)));
  lines.push(`${'TENANT'.padEnd(width)}  STATUS  CRIT  HIGH   MED   LOW`);
  for (const run of report.tenants.slice(0, MAX_TENANT_ROWS)) {
    const c = run.counts;
    lines.push(
      `${inlinePlain(run.name, width).padEnd(width)}  ${run.status.padEnd(6)}  ${String(c.critical).padStart(4)}  ${String(c.high).padStart(4)}  ${String(c.medium).padStart(4)}  ${String(c.low).padStart(4)}` +
        (run.status === 'error' && run.errors[0]
          ? `  ${inlinePlain(run.errors[0].message, 120)} [${run.errors[0].code}]`
          : ''),
    );
  }
  if (report.findings.length > 0) {
    lines.push('', 'Locked or deactivated in one tenant, still active in another:');
    for (const f of report.findings.slice(0, MAX_LINES))
      lines.push(`  critical  ${inlinePlain(f.message, 300)}`);
  }
  const holders = report.people.filter((p) => p.holds.length > 0);
  if (holders.length > 0) {
    lines.push('', 'People holding forbidden permissions in several tenants:');
    for (const p of holders.slice(0, MAX_LINES))
      lines.push(`  ${inlinePlain(personLine(p, t.tenants), 300)}`);
  }
  for (const note of report.notes) lines.push('', `Note: ${inlinePlain(note, 1000)}`);
  if (files.dashboard || files.report) {
    lines.push(
      '',
      [files.dashboard && `Dashboard: ${files.dashboard}`, files.report && `Report: ${files.report}`]
        .filter(Boolean)
        .join('  '),
    );
  }
  return lines.join('\n') + '\n';
}
