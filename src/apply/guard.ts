/**
 * The gate between a plan and the writer (SPEC §6): every refusal is decided here, and the plan
 * reaches the writer only when there is none. The engine's own refusals (protected users, min
 * active admins, permission-unmapped) come with the evaluation; the run adds max-changes and the
 * pull-request rule.
 */
import type { Logger } from '../logger.js';
import { checkMaxChanges } from '../engine/plan.js';
import type { ApplyRefusal, Evaluation } from '../engine/types.js';
import type { ServiceTitanWriter } from '../servicetitan/writer.js';
import { executePlan, type UserReader } from './execute.js';

export interface GuardSettings {
  maxChanges: number;
  /** the event name when this apply runs for a pull request (`pull_request`, `pull_request_target`), else null */
  pullRequestEvent: string | null;
}

export function applyRefusals(evaluation: Evaluation, guard: GuardSettings): ApplyRefusal[] {
  const refusals: ApplyRefusal[] = [...evaluation.refusals];
  const tooMany = checkMaxChanges(evaluation.plan, guard.maxChanges);
  if (tooMany) refusals.push(tooMany);
  if (guard.pullRequestEvent) {
    refusals.unshift({
      code: 'apply.pull-request',
      message: `Apply is refused on \`${guard.pullRequestEvent}\` events: a pull request never writes to ServiceTitan. This run audited and shows the plan; apply it from a workflow_dispatch run on the default branch.`,
    });
  }
  return refusals;
}

/**
 * Executes the plan through the writer unless a refusal stands. Returns whether it was refused;
 * on execution, `evaluation.plan` becomes the journal.
 */
export async function applyIfAllowed(
  evaluation: Evaluation,
  writer: ServiceTitanWriter,
  reader: UserReader,
  logger: Logger,
): Promise<{ refused: boolean }> {
  if (evaluation.refusals.length > 0) return { refused: true };
  if (evaluation.plan.some((s) => s.status === 'planned')) {
    evaluation.plan = await executePlan(evaluation.plan, writer, reader, logger);
  }
  return { refused: false };
}
