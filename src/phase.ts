/**
 * What the pipeline hands its phases (evaluate, apply, undo), and what a phase hands back: the
 * types both sides share, so the pipeline and its phases import this module, never each other.
 */
import type { PlanStep, Finding, Evaluation } from './engine/types.js';
import type { PolicyIssue } from './errors.js';
import type { Logger } from './logger.js';
import type { Policy } from './policy/types.js';
import type { Report, ReportError } from './report/model.js';

export interface PipelineDeps {
  logger: Logger;
  now: () => Date;
  /** registers a secret discovered at run time (the access token) for masking */
  onSecret?: (secret: string) => void;
  /** asks a person before apply or undo writes (the CLI on a terminal without --yes) */
  confirm?: (steps: readonly PlanStep[]) => Promise<boolean>;
  /** the base branch's policy on a pull request, when it can be read (null: none) */
  baselinePolicy?: () => Promise<{ text: string; path: string } | null>;
}

export interface TenantOutcome {
  evaluation?: Evaluation;
  comparison: Report['comparison'];
  discovery?: Report['discovery'];
  policyIssues: PolicyIssue[];
  notes: string[];
  applyRefused: boolean;
  errors: ReportError[];
  /** the baseline policy and its findings against the same snapshot, when one was compared */
  baseline: { policy: Policy; findings: Finding[] } | null;
}

/** An outcome with nothing in it yet: no findings compared, no notes, no errors. */
export function emptyOutcome(): TenantOutcome {
  return { comparison: null, policyIssues: [], notes: [], applyRefused: false, errors: [], baseline: null };
}
