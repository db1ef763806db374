/**
 * `mode: review` (SPEC §9): start, sync or close the access review of one tenant and policy in
 * the repository's issues, and the run's report.
 *
 * - start: freeze the roster in scope, open one issue per reviewer group (idempotent: while a
 *   review is open no other starts; a start that failed half-way is finished by the next one, if
 *   the tenant has not changed since);
 * - sync: re-derive every decision from every comment, answer what needs an answer once, remind
 *   once a day near the due date, rewrite each issue's progress, and close when all is decided;
 * - close: the evidence pack with `attestations.csv`, the revocations as the report's plan, the
 *   issues closed with a summary. Evidence is written before any issue is closed, so a close that
 *   fails leaves the review open, and running it again converges.
 *
 * The ServiceTitan side (fetch, findings) is handed in by the caller, so this module talks to
 * GitHub only. "Now" is the caller's clock.
 */
import { ConfigurationError, GuardError } from '../errors.js';
import type { Snapshot } from '../engine/snapshot.js';
import type { WrittenPack } from '../evidence/pack.js';
import type { Report, ReportError } from '../report/model.js';
import { ReviewIssues } from './github.js';
import { close } from './close.js';
import { finalReport, reportError } from './report.js';
import { start } from './start.js';
import { emptySection, TenantFailed, type ReviewRunOptions, type State } from './state.js';
import { sync } from './sync.js';

export type { EvidenceTarget, ReviewRunOptions, TenantView } from './state.js';

export interface ReviewRunResult {
  report: Report;
  snapshot: Snapshot | null;
  notes: string[];
  /** the pack the close wrote */
  evidence: WrittenPack | null;
  /** the class of the error that stopped the run (GuardError.exitCode), when one did */
  errorExit: 2 | 3;
}

export async function runReview(options: ReviewRunOptions): Promise<ReviewRunResult> {
  const { logger } = options;
  const reviews = options.policy.reviews;
  const state: State = {
    options,
    reviews: reviews ?? { scope: [], reviewers: [], dueDays: 14, position: { line: 1, column: 1 } },
    issues: new ReviewIssues(options.github, logger),
    notes: [],
    tenant: null,
    plan: [],
    refusals: [],
    section: emptySection(options.action),
    evidence: null,
    startedAt: options.now(),
  };
  let errors: ReportError[] = [];
  let errorExit: 2 | 3 = 3;
  try {
    if (!reviews) {
      throw new ConfigurationError(
        'review.not-configured',
        `The policy ${options.policyPath} has no \`reviews\` section, so there is no review to ${options.action}.`,
        'Add `reviews:` with `scope`, `reviewers` (GitHub logins per group) and `due-days` to the policy (see the README, "Access reviews").',
      );
    }
    if (options.action === 'start') await start(state);
    else if (options.action === 'sync') await sync(state);
    else await close(state, null, null);
  } catch (error) {
    errors = error instanceof TenantFailed ? error.errors : [reportError(error, logger, options.redact)];
    errorExit =
      error instanceof TenantFailed ? error.exitCode : error instanceof GuardError ? error.exitCode : 3;
  }
  return {
    report: finalReport(state, errors),
    snapshot: state.tenant?.snapshot ?? null,
    notes: state.notes,
    evidence: state.evidence,
    errorExit,
  };
}
