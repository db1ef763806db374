/**
 * The one gate between a plan and the writer (SPEC §6), for apply and undo alike: every refusal is
 * decided here, and a plan reaches the writer only when there is none. The checks that can be
 * decided from data (protected users, min active admins: one count for both, in engine/safety.ts)
 * come with the plan; the run adds max-changes and the event rule (github/event.ts).
 */
import {
  checkMaxChanges,
  minAdminsRefusal,
  protectedRefusal,
  unmatchedGuardRefusal,
} from '../engine/safety.js';
import { referenceUnmatchedFindings } from '../engine/unmatched-references.js';
import type { Snapshot } from '../engine/snapshot.js';
import type { ApplyRefusal, Evaluation, PlanStep } from '../engine/types.js';
import type { Policy } from '../policy/types.js';
import type { ServiceTitanWriter } from '../servicetitan/writer.js';
import { executePlan, type ExecuteOptions, type UserReader } from './execute.js';

export interface GuardSettings {
  maxChanges: number;
  /** why this run's event may not write (a pull request's code, another branch), else null */
  eventRefusal: ApplyRefusal | null;
}

/** Apply's refusals: the engine's (with the plan) plus the run's. */
export function applyRefusals(evaluation: Evaluation, guard: GuardSettings): ApplyRefusal[] {
  return [
    guard.eventRefusal,
    ...evaluation.refusals,
    checkMaxChanges(evaluation.plan, guard.maxChanges, 'apply'),
  ].filter((r): r is ApplyRefusal => r !== null);
}

/** Undo's refusals: the same checks as apply's, on the undo plan. */
export function undoRefusals(
  plan: readonly PlanStep[],
  policy: Policy | null,
  snapshot: Snapshot,
  guard: GuardSettings,
): ApplyRefusal[] {
  return [
    guard.eventRefusal,
    checkMaxChanges(plan, guard.maxChanges, 'undo'),
    protectedRefusal(plan, 'undo'),
    minAdminsRefusal(policy, snapshot, plan, 'undo'),
    policy ? unmatchedGuardRefusal(referenceUnmatchedFindings(policy, snapshot), 'undo') : null,
  ].filter((r): r is ApplyRefusal => r !== null);
}

/**
 * The last word before a write: when the run asks a person (the CLI on a terminal, without
 * --yes), a change they did not confirm is refused like any other.
 */
export async function confirmation(
  plan: readonly PlanStep[],
  refusals: readonly ApplyRefusal[],
  options: ExecuteOptions,
): Promise<ApplyRefusal | null> {
  const steps = plan.filter((s) => s.status === 'planned');
  if (!options.confirm || refusals.length > 0 || steps.length === 0) return null;
  if (await options.confirm(steps)) return null;
  return {
    code: 'apply.not-confirmed',
    message: `The ${steps.length} change${steps.length === 1 ? ' was' : 's were'} not confirmed at the prompt, so nothing was changed.`,
  };
}

/**
 * Executes the plan through the writer unless a refusal stands. Returns the journal (the plan as
 * carried out), or null when refused.
 */
export async function executeIfAllowed(
  plan: PlanStep[],
  refusals: readonly ApplyRefusal[],
  writer: ServiceTitanWriter,
  reader: UserReader,
  options: ExecuteOptions,
): Promise<PlanStep[] | null> {
  if (refusals.length > 0) return null;
  if (!plan.some((s) => s.status === 'planned')) return plan;
  return executePlan(plan, writer, reader, options);
}
