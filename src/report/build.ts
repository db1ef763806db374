/**
 * Assembles the one report from the run's parts and decides its status (SPEC §3, §5).
 */
import { emptyCounts } from '../engine/counts.js';
import type { Evaluation, Finding } from '../engine/types.js';
import { reachesFailOn } from '../domain/severity.js';
import type { Environment } from '../domain/tenant.js';
import type { FailOn, Mode, Report, ReportError } from './model.js';

export interface ReportContext {
  mode: Mode;
  tenant: string | null;
  environment: Environment;
  policy: Report['policy'];
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

/** Whether a finding of this severity reaches `fail-on` (one definition, in src/domain/severity.ts). */
export { reachesFailOn };

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
    policy: {
      path: ctx.policy.path,
      sha256: ctx.policy.sha256,
      ...(ctx.policy.extends ? { extends: ctx.policy.extends } : {}),
    },
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
  if (evaluation?.identity) report.identity = evaluation.identity.summary;
  return report;
}

/**
 * A report's exit status: 0 pass, 1 fail; an error exits with the class of the error that stopped
 * the run (`GuardError.exitCode`: 2 a configuration the user fixes, 3 a run that could not
 * complete, the default), and always 3 when a write failed.
 */
export function statusExitCode(report: Report, errorExit: 2 | 3 = 3): 0 | 1 | 2 | 3 {
  if (report.status === 'pass') return 0;
  if (report.status === 'fail') return 1;
  return report.plan.some((step) => step.status === 'failed') ? 3 : errorExit;
}
