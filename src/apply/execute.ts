/**
 * Executes a checked plan through the writer, one user at a time, and verifies each change by
 * reading the user back by id (the export feeds lag behind writes). A failed step is recorded and
 * the others go on; the plan is the journal.
 */
import { GuardError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TenantUser, UserKind } from '../engine/snapshot.js';
import type { PlanStep } from '../engine/types.js';
import type { ServiceTitanWriter } from '../servicetitan/index.js';

export interface UserReader {
  getUser(kind: UserKind, id: number): Promise<TenantUser>;
}

function describe(error: unknown): string {
  if (error instanceof GuardError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Whether the user now shows the step's effect. Roles are checked on roleIds: the built-in `role` may lag. */
export function stepTookEffect(step: PlanStep, user: TenantUser): boolean {
  switch (step.action) {
    case 'lock':
      return user.locked;
    case 'deactivate':
      return !user.active;
    case 'set-role':
    case 'restore-role':
      return user.roleIds.length === 1 && user.roleIds[0] === step.roleId;
    case 'unlock':
      return !user.locked;
    case 'activate':
      return user.active;
  }
}

async function write(step: PlanStep, writer: ServiceTitanWriter): Promise<void> {
  const { kind, id } = step.user;
  switch (step.action) {
    case 'lock':
      return writer.lock(kind, id);
    case 'deactivate':
      return writer.deactivate(kind, id);
    case 'set-role':
      if (step.roleId === undefined) throw new Error(`set-role step for ${kind} #${id} has no role id`);
      return writer.setRole(kind, id, step.roleId);
    case 'unlock':
      return writer.unlock(kind, id);
    case 'activate':
      return writer.activate(kind, id, step.licenseType);
    case 'restore-role':
      if (step.roleId === undefined) throw new Error(`restore-role step for ${kind} #${id} has no role id`);
      return writer.setRole(kind, id, step.roleId);
  }
}

export async function executePlan(
  plan: PlanStep[],
  writer: ServiceTitanWriter,
  reader: UserReader,
  logger: Logger,
): Promise<PlanStep[]> {
  const journal: PlanStep[] = [];
  let done = 0;
  const todo = plan.filter((s) => s.status === 'planned').length;
  for (const step of plan) {
    if (step.status !== 'planned') {
      journal.push(step);
      continue;
    }
    const label = `${step.action}${step.role ? ` → ${step.role}` : ''} ${step.user.kind} #${step.user.id}`;
    try {
      await write(step, writer);
    } catch (error) {
      logger.error(`${label}: failed: ${describe(error)}`);
      journal.push({ ...step, status: 'failed', error: describe(error) });
      continue;
    } finally {
      logger.progress?.('apply', ++done, todo);
    }
    try {
      const after = await reader.getUser(step.user.kind, step.user.id);
      if (stepTookEffect(step, after)) {
        logger.info(`${label}: verified`);
        journal.push({ ...step, status: 'verified' });
      } else {
        const error = `ServiceTitan accepted the change but reading the user back shows it did not take effect (active: ${after.active}, locked: ${after.locked}, role ids: ${after.roleIds.join(', ') || 'none'}).`;
        logger.error(`${label}: ${error}`);
        journal.push({ ...step, status: 'failed', error });
      }
    } catch (error) {
      // The write went through; only its verification is missing. Say so rather than claim failure.
      const message = `applied, but reading the user back to verify it failed: ${describe(error)}`;
      logger.error(`${label}: ${message}`);
      journal.push({ ...step, status: 'applied', error: message });
    }
  }
  return journal;
}
