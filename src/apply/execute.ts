/**
 * Executes a checked plan through the writer, one user at a time. For each step:
 *
 * 1. read the user just before writing: a user who changed since the plan (or the snapshot undo
 *    planned from) is skipped with the reason, so a decision taken in between is never overridden;
 * 2. write;
 * 3. read the user back by id (the export feeds lag behind writes) and record what is true. When the
 *    write's answer is lost (connection dropped, timeout), the read-back decides: a change that took
 *    effect is verified and journaled like any other, so undo can reverse it.
 *
 * A verified step records `before` (read just before the write), `after` (read back) and the
 * journal seal (apply/seal.ts). A failed step is recorded and the others go on. After each step the
 * journal so far is handed to `onProgress` (the pipeline writes it to the report file), and a stop
 * request (SIGINT/SIGTERM) lets the current step finish and starts no other.
 */
import { GuardError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TenantUser, UserKind } from '../engine/snapshot.js';
import type { PlanStep, UserState } from '../engine/types.js';
import type { ServiceTitanWriter } from '../servicetitan/index.js';
import { sealStep, type JournalKey } from './seal.js';

export interface UserReader {
  getUser(kind: UserKind, id: number): Promise<TenantUser>;
}

export interface ExecuteOptions {
  logger: Logger;
  /** the journal seal key of this run's credentials */
  key: JournalKey;
  /** called after each step with the journal so far: the steps done, then the rest as they were */
  onProgress?: (journal: PlanStep[]) => Promise<void>;
  /** true once the run was asked to stop: no further step starts */
  stopRequested?: () => boolean;
  /** asks a person before the first write (the CLI on a terminal); false: change nothing */
  confirm?: (steps: readonly PlanStep[]) => Promise<boolean>;
}

export const INTERRUPTED_REASON =
  'not started: the run was stopped (SIGINT/SIGTERM) before this step; nothing was changed for this user';

function describe(error: unknown): string {
  if (error instanceof GuardError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export function stateOf(user: TenantUser): UserState {
  return { active: user.active, locked: user.locked, roleIds: [...user.roleIds] };
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const x = [...a].sort((m, n) => m - n);
  const y = [...b].sort((m, n) => m - n);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function ids(roleIds: readonly number[]): string {
  return roleIds.length ? roleIds.join(', ') : 'none';
}

/** What differs between `now` and `expected`, in words (empty: the same). */
export function stateChanges(expected: UserState, now: UserState, by = 'expected'): string[] {
  const changes: string[] = [];
  if (now.active !== expected.active) changes.push(`active is ${now.active} (${by} ${expected.active})`);
  if (now.locked !== expected.locked) changes.push(`locked is ${now.locked} (${by} ${expected.locked})`);
  if (!sameIds(now.roleIds, expected.roleIds)) {
    changes.push(`role ids are ${ids(now.roleIds)} (${by} ${ids(expected.roleIds)})`);
  }
  return changes;
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
    case 'restore-role':
      if (step.roleId === undefined) throw new Error(`${step.action} step for ${kind} #${id} has no role id`);
      return writer.setRole(kind, id, step.roleId);
    case 'unlock':
      return writer.unlock(kind, id);
    case 'activate':
      return writer.activate(kind, id, step.licenseType);
  }
}

function label(step: PlanStep): string {
  return `${step.action}${step.role ? ` → ${step.role}` : ''} ${step.user.kind} #${step.user.id}`;
}

/** Why the user read just before the write is no longer the one the step was planned for, or null. */
function changedSincePlan(step: PlanStep, current: TenantUser): string | null {
  if (step.user.userId !== null && current.userId !== null && step.user.userId !== current.userId) {
    return `the ${current.kind} #${current.id} now belongs to user ${current.userId}, not ${step.user.userId}`;
  }
  if (!step.before) return null;
  const changes = stateChanges(step.before, stateOf(current), 'when planned');
  return changes.length ? changes.join('; ') : null;
}

/** Runs one planned step; the returned step is its journal entry. */
async function runStep(
  step: PlanStep,
  writer: ServiceTitanWriter,
  reader: UserReader,
  { logger, key }: ExecuteOptions,
): Promise<PlanStep> {
  const name = label(step);
  const { kind, id } = step.user;

  let current: TenantUser;
  try {
    current = await reader.getUser(kind, id);
  } catch (error) {
    const message = `could not read the user just before writing, so nothing was written: ${describe(error)}`;
    logger.error(`${name}: ${message}`);
    return { ...step, status: 'failed', error: message };
  }
  const changed = changedSincePlan(step, current);
  if (changed) {
    const reason = `changed since the plan, so nothing was written: ${changed}`;
    logger.warning(`${name}: skipped: ${reason}`);
    return { ...step, status: 'skipped', reason };
  }
  const before = stateOf(current);

  let writeError: unknown = null;
  try {
    await write(step, writer);
  } catch (error) {
    writeError = error;
  }

  let after: TenantUser;
  try {
    after = await reader.getUser(kind, id);
  } catch (error) {
    if (writeError) {
      // Neither the write's answer nor the read-back: whether it took effect is unknown.
      const message = `outcome unknown: the write failed (${describe(writeError)}) and reading the user back failed too (${describe(error)}); check this user in ServiceTitan`;
      logger.error(`${name}: ${message}`);
      return { ...step, before, status: 'applied', error: message };
    }
    // The write went through; only its verification is missing. Say so rather than claim failure.
    const message = `applied, but reading the user back to verify it failed: ${describe(error)}`;
    logger.error(`${name}: ${message}`);
    return { ...step, before, status: 'applied', error: message };
  }

  if (stepTookEffect(step, after)) {
    if (writeError) {
      logger.warning(
        `${name}: ServiceTitan's answer was lost (${describe(writeError)}), but reading the user back shows the change took effect`,
      );
    }
    logger.info(`${name}: verified`);
    const done = { ...step, before, after: stateOf(after), status: 'verified' as const };
    return { ...done, seal: sealStep(key, done) };
  }
  if (writeError) {
    const message = describe(writeError);
    logger.error(`${name}: failed: ${message}`);
    return { ...step, before, status: 'failed', error: message };
  }
  const error = `ServiceTitan accepted the change but reading the user back shows it did not take effect (active: ${after.active}, locked: ${after.locked}, role ids: ${ids(after.roleIds)}).`;
  logger.error(`${name}: ${error}`);
  return { ...step, before, after: stateOf(after), status: 'failed', error };
}

export async function executePlan(
  plan: PlanStep[],
  writer: ServiceTitanWriter,
  reader: UserReader,
  options: ExecuteOptions,
): Promise<PlanStep[]> {
  const { logger } = options;
  const journal: PlanStep[] = [];
  let done = 0;
  const todo = plan.filter((s) => s.status === 'planned').length;
  for (const [index, step] of plan.entries()) {
    if (step.status !== 'planned') {
      journal.push(step);
      continue;
    }
    if (options.stopRequested?.()) {
      journal.push({ ...step, status: 'skipped', reason: INTERRUPTED_REASON });
      continue;
    }
    journal.push(await runStep(step, writer, reader, options));
    logger.progress?.('apply', ++done, todo);
    await options.onProgress?.([...journal, ...plan.slice(index + 1)]);
  }
  return journal;
}
