/**
 * The one report (SPEC §5). Built once per run; every channel (JSON, job summary, SARIF,
 * annotations, console, issue, comment, evidence) renders from it.
 */
import type { FindingComparison } from '../engine/compare.js';
import type { Discovery } from '../engine/discover.js';
import type { ApplyRefusal, Evaluation, Finding, PlanStep } from '../engine/types.js';

export type Mode = 'validate' | 'audit' | 'apply' | 'discover' | 'undo';
export type RunStatus = 'pass' | 'fail' | 'error';
/** the lowest severity that fails the run (`fail-on`) */
export type FailOn = 'critical' | 'high' | 'medium' | 'low' | 'never';

export interface ReportError {
  code: string;
  message: string;
  hint?: string;
  /** for policy errors */
  file?: string;
  line?: number;
  column?: number;
  /** the policy line a YAML syntax error points at, shown with a caret under `column` */
  sourceLine?: string;
}

export type { DiscoveredPermission, Discovery, PermissionChange } from '../engine/discover.js';

/** Policy impact (SPEC §5): finding ids added, resolved and newly exempted by the new policy. */
export interface Comparison extends FindingComparison {
  /**
   * The resolved findings as the base policy found them, so every channel can say who and what
   * they were (they are not among the report's findings). Not written to the JSON report, whose
   * `resolved` is a list of ids.
   */
  resolvedFindings?: Finding[];
}

export interface Report {
  version: 1;
  tool: { name: 'servicetitan-access-guard'; version: string };
  mode: Mode;
  tenant: string | null;
  environment: 'production' | 'integration';
  policy: { path: string; sha256: string | null };
  startedAt: string;
  finishedAt: string;
  status: RunStatus;
  /** the lowest severity that fails the run */
  failOn: 'critical' | 'high' | 'medium' | 'low' | 'never';
  counts: Evaluation['counts'];
  findings: Finding[];
  plan: PlanStep[];
  /** why apply would refuse (audit) or refused (apply) the plan; empty when it would go ahead */
  refusals: ApplyRefusal[];
  /** policy impact against a baseline policy (PR runs, --baseline-policy); null otherwise */
  comparison: Comparison | null;
  /** discover mode only */
  discovery?: Discovery;
  errors: ReportError[];
  /** whether names and emails in this report are masked */
  redacted: boolean;
}
