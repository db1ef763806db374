/**
 * `undo` as a pipeline phase: read the apply's journal (before fetching, so a wrong file fails
 * fast), then, on the fresh snapshot, plan the reverse, check the guards and execute through the
 * live writer with the same read-back verification as apply.
 */
import { ConfigurationError } from '../errors.js';
import type { Snapshot } from '../engine/snapshot.js';
import type { Evaluation } from '../engine/types.js';
import { emptyOutcome, type PipelineDeps, type TenantOutcome } from '../phase.js';
import type { Policy } from '../policy/types.js';
import type { ServiceTitanClient } from '../servicetitan/index.js';
import { inWorkspace, type Settings } from '../settings.js';
import { adminRoleNames } from '../engine/safety.js';
import { confirmation, executeIfAllowed, undoRefusals } from './guard.js';
import { journalKey, sealIsValid } from './seal.js';
import { readApplyJournal, type ApplyJournal } from './undo-journal.js';
import { planUndo, undoCounts } from './undo.js';
import type { ExecuteOptions } from './execute.js';

/**
 * The apply journal named by the `report` input (action) or `undo REPORT` / --report (CLI), read
 * and checked before anything is fetched: it must be an apply report of this tenant, and every
 * verified step in it must carry the tool's own read-back and a seal this run's credentials
 * confirm. A hand-written or edited journal changes nothing.
 */
export async function loadUndoJournal(settings: Settings): Promise<ApplyJournal> {
  if (!settings.reportPath) {
    throw new ConfigurationError(
      'undo.missing-report',
      'Undo needs the JSON report of the apply to reverse, and none was given.',
      'Run `st-access-guard undo REPORT`, or set the `report` input to the apply report with `mode: undo`.',
    );
  }
  if (!settings.connection) throw new Error('loadUndoJournal needs a connection');
  const journal = await readApplyJournal(settings.reportPath, inWorkspace(settings, settings.reportPath), {
    tenant: settings.connection.tenant,
    environment: settings.connection.environment,
  });
  const key = journalKey(settings.connection);
  const unsealed = journal.steps.filter((s) => !s.after || !s.seal).length;
  const forged = journal.steps.filter((s) => s.after && s.seal && !sealIsValid(key, s)).length;
  if (unsealed + forged > 0) {
    const parts = [
      unsealed ? `${count(unsealed, 'step')} without the read-back and seal this tool records` : '',
      forged
        ? `${count(forged, 'step')} whose seal does not match (the file was edited, or the apply ran with other ServiceTitan credentials)`
        : '',
    ].filter(Boolean);
    throw new ConfigurationError(
      'undo.untrusted-journal',
      `${settings.reportPath} has verified changes that undo cannot trust: ${parts.join('; ')}. Undo changes nothing.`,
      "Undo reverses only what this tool wrote and verified: give the apply's report unedited, and run undo with the same client secret and app key as the apply. Reports written by version 1.0.0 carry no seal: reverse their changes by hand from each step's `before`.",
    );
  }
  return journal;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

export async function runUndo(
  settings: Settings,
  deps: PipelineDeps,
  policy: Policy | null,
  snapshot: Snapshot,
  client: ServiceTitanClient,
  journal: ApplyJournal,
  execute: ExecuteOptions,
): Promise<TenantOutcome> {
  const { logger } = deps;
  const outcome = emptyOutcome();
  const plan = planUndo(journal.steps, snapshot, policy?.safety.protectedUsers ?? [], adminRoleNames(policy));
  const refusals = undoRefusals(plan, policy, snapshot, {
    maxChanges: settings.maxChanges,
    eventRefusal: settings.event.writeRefusal,
  });
  const evaluation: Evaluation = { findings: [], plan, refusals, counts: undoCounts(snapshot, policy) };
  outcome.evaluation = evaluation;

  const planned = plan.filter((s) => s.status === 'planned').length;
  const skipped = plan.filter((s) => s.status === 'skipped');
  const from = `${journal.file}${journal.finishedAt ? ` (apply finished ${journal.finishedAt})` : ''}`;
  logger.info(
    `Undo of ${from}: ${count(journal.steps.length, 'verified step')}, ${planned} to reverse, ${skipped.length} skipped` +
      `${refusals.length ? `; refused: ${refusals.map((r) => r.code).join(', ')}` : ''}`,
  );
  if (journal.steps.length === 0) {
    // A refused apply, a dry run or a rerun with nothing to do: nothing to reverse is not a mistake.
    outcome.notes.push(`Nothing to undo: ${journal.file} has no verified changes.`);
  }
  if (journal.unverified > 0) {
    outcome.notes.push(
      `${count(journal.unverified, 'change')} of the apply ${journal.unverified === 1 ? 'was' : 'were'} written but never verified; undo leaves ${journal.unverified === 1 ? 'it' : 'them'} alone: check ${journal.unverified === 1 ? 'it' : 'them'} in ServiceTitan.`,
    );
  }
  const byHand = skipped.filter((s) => s.reason !== 'protected user');
  if (byHand.length > 0) {
    outcome.notes.push(
      `${count(byHand.length, 'step')} of the undo ${byHand.length === 1 ? 'was' : 'were'} skipped; the report's plan says why (users changed since the apply, or changes to restore by hand).`,
    );
  }

  const declined = await confirmation(plan, refusals, execute);
  if (declined) refusals.push(declined);
  if (refusals.length > 0) {
    outcome.applyRefused = true;
    return outcome;
  }
  if (planned === 0) return outcome;
  const { liveWriter } = await import('../servicetitan/index.js');
  const journalOut = await logger.group('Undo', () =>
    executeIfAllowed(plan, refusals, liveWriter(client), client, execute),
  );
  if (journalOut) evaluation.plan = journalOut;
  const unfinished = evaluation.plan.filter((s) => s.status === 'failed' || s.status === 'applied');
  if (unfinished.length > 0) {
    outcome.errors.push({
      code: 'apply.steps-failed',
      message: `${unfinished.length} of ${planned} undo changes were not verified; the report's plan says which and why.`,
      hint: 'Fix the cause and run undo again with the same apply report: steps already reversed are skipped, so nothing is done twice.',
    });
  }
  return outcome;
}
