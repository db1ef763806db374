/**
 * Assembles the one report from the run's parts and decides its status (SPEC §3, §5).
 */
import { emptyCounts } from '../engine/counts.js';
import type { Evaluation, Finding } from '../engine/types.js';
import type { Severity } from '../policy/types.js';
import type { FailOn, Mode, Report, ReportError } from './model.js';

export interface ReportContext {
  mode: Mode;
  tenant: string | null;
  environment: 'production' | 'integration';
  policy: { path: string; sha256: string | null };
  startedAt: Date;
  finishedAt: Date;
  failOn: FailOn;
  toolVersion: string;
}

export interface ReportParts {
  evaluation?: Evaluation;
  comparison?: Report['comparison'];
  discovery?: Report['discovery'];
  errors?: ReportError[];
  /** apply mode: the plan was refused */
  applyRefused?: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** An expired exemption no longer applies: its findings count again. */
export function isExempt(finding: Finding): boolean {
  return finding.exemption?.status === 'active';
}

/** A verified apply step of this run fixed it (apply mode); exempt findings are never counted as fixed. */
export function isRemediated(finding: Finding): boolean {
  return finding.remediated === true && !isExempt(finding);
}

/** Still standing: neither exempt nor fixed by this run. Only these count, fail the run and alert. */
export function isOpen(finding: Finding): boolean {
  return !isExempt(finding) && finding.remediated !== true;
}

/** Whether a finding of this severity reaches `fail-on`. */
export function reachesFailOn(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

export function buildReport(ctx: ReportContext, parts: ReportParts): Report {
  const evaluation = parts.evaluation;
  const errors = parts.errors ?? [];
  const findings = evaluation?.findings ?? [];
  const plan = evaluation?.plan ?? [];

  let status: Report['status'] = 'pass';
  if (errors.length > 0 || plan.some((step) => step.status === 'failed')) status = 'error';
  else if (
    parts.applyRefused === true ||
    findings.some((f) => isOpen(f) && reachesFailOn(f.severity, ctx.failOn))
  )
    status = 'fail';

  const report: Report = {
    version: 1,
    tool: { name: 'servicetitan-access-guard', version: ctx.toolVersion },
    mode: ctx.mode,
    tenant: ctx.tenant,
    environment: ctx.environment,
    policy: { path: ctx.policy.path, sha256: ctx.policy.sha256 },
    startedAt: ctx.startedAt.toISOString(),
    finishedAt: ctx.finishedAt.toISOString(),
    status,
    failOn: ctx.failOn,
    counts: evaluation ? { ...evaluation.counts } : emptyCounts(),
    findings,
    plan,
    refusals: evaluation?.refusals ?? [],
    comparison: parts.comparison ?? null,
    errors,
    redacted: false,
  };
  if (parts.discovery) report.discovery = parts.discovery;
  return report;
}

/** Error codes a user causes and fixes (exit 2); anything else could not complete (exit 3). */
const CONFIGURATION_PREFIXES = ['policy.', 'config.', 'auth.', 'tenant.', 'input.', 'undo.'];

export function isConfigurationErrorCode(code: string): boolean {
  return CONFIGURATION_PREFIXES.some((prefix) => code.startsWith(prefix));
}

export function statusExitCode(report: Report): 0 | 1 | 2 | 3 {
  if (report.status === 'pass') return 0;
  if (report.status === 'fail') return 1;
  const configurationOnly =
    report.errors.length > 0 &&
    report.errors.every((e) => isConfigurationErrorCode(e.code)) &&
    !report.plan.some((step) => step.status === 'failed');
  return configurationOnly ? 2 : 3;
}
