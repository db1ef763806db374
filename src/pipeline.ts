/**
 * The one pipeline behind the action and the CLI:
 * policy → fetch → evaluate → plan → [apply] → report model.
 * Rendering and publishing (files, summary, outputs, console) are the callers' sinks.
 * Heavy parts (the ServiceTitan client, apply) are imported on demand so `validate` starts fast.
 */
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './files.js';
import { ConfigurationError, GuardError, PolicyError, type PolicyIssue } from './errors.js';
import type { Logger } from './logger.js';
import type { PipelineDeps } from './phase.js';
import type { Snapshot } from './engine/snapshot.js';
import type { Evaluation, Finding, IdentityRoster, PlanStep } from './engine/types.js';
import type { ExecuteOptions } from './apply/execute.js';
import type { WrittenPack } from './evidence/pack.js';
import { emptyCounts } from './engine/counts.js';
import type { Policy } from './policy/types.js';
import type { Report, ReportError } from './report/model.js';
import { buildReport, statusExitCode } from './report/build.js';
import { redactReport } from './report/redact.js';
import { withholdPersonalData } from './report/redact-fallback.js';
import { renderJson } from './report/json.js';
import { undoJournalPath } from './apply/undo-journal.js';
import { loadPolicyFile, parsePolicy } from './policy/load.js';
import { inWorkspace, shouldRedact, type Settings } from './settings.js';
import { TOOL_VERSION } from './version.js';

export type { PipelineDeps } from './phase.js';

export interface PipelineResult {
  /** redacted when the settings ask for it */
  report: Report;
  policy: Policy | null;
  policyIssues: PolicyIssue[];
  snapshot: Snapshot | null;
  redacted: boolean;
  /** things the user should know that are not errors, e.g. "validated only: no credentials" */
  notes: string[];
  /** the baseline policy (PR base or --baseline-policy) and its findings, when compared */
  baseline: { policy: Policy; findings: Finding[] } | null;
  /**
   * Whether the report file may be written. Not when that would replace a journal without
   * `force`, nor when a run that changed nothing failed where a journal already is, nor for an
   * undo that failed before changing anything (it would leave a stray file).
   */
  writeReport: boolean;
  /**
   * The run's own exit status: 0 pass, 1 fail, else the class of the error that stopped it
   * (`GuardError.exitCode`: 2 configuration, 3 runtime); a failed write is always 3.
   */
  exitCode: 0 | 1 | 2 | 3;
  /** the evidence pack the run wrote itself (a review's close, before it closes the issues) */
  evidenceWritten?: WrittenPack;
  /** with an `identity` section: each account's person and audience by `kind:id` (the evidence roster's columns) */
  identity?: IdentityRoster | null;
}

const NEEDS_TENANT = new Set(['audit', 'apply', 'discover', 'undo']);

function toReportErrors(error: unknown, logger: Logger, redacted: boolean): ReportError[] {
  if (error instanceof PolicyError) {
    return error.issues.map((i) => ({
      code: i.code,
      message: i.message,
      ...(i.hint ? { hint: i.hint } : {}),
      file: i.file,
      line: i.line,
      column: i.column,
      ...(i.sourceLine !== undefined ? { sourceLine: i.sourceLine } : {}),
    }));
  }
  if (error instanceof GuardError) {
    return [{ code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }];
  }
  return [unexpectedError(error, logger, redacted)];
}

/**
 * Anything that is not a GuardError is a bug: keep the stack for debug output, say so plainly.
 * When redaction is on, the error's own text is left out everywhere, debug output included: it
 * may quote a name or an email from the tenant.
 */
export function unexpectedError(error: unknown, logger: Logger, redacted: boolean): ReportError {
  const kind = error instanceof Error ? error.name : typeof error;
  const text = error instanceof Error ? error.message : String(error);
  if (redacted) {
    const frames = error instanceof Error ? (error.stack ?? '').split('\n').slice(1).join('\n') : '';
    logger.debug(`${kind} (message withheld: redaction is on)\n${frames}`);
  } else {
    logger.debug(error instanceof Error ? (error.stack ?? text) : text);
  }
  return {
    code: 'internal.unexpected',
    message: redacted
      ? `Unexpected error (${kind}); its text is withheld because redaction is on.`
      : `Unexpected error: ${text}`,
    hint: 'This is a bug. Rerun with debug logging (ACTIONS_STEP_DEBUG or --debug) and report it with the output.',
  };
}

/** The report file this run writes: an apply's journal, or undo's beside the apply report it reads. */
export function reportFile(settings: Settings): string | null {
  if (settings.mode === 'undo' && settings.reportPath) return undoJournalPath(settings.reportPath);
  return settings.reportPath;
}

/** How many users the journal at `file` says its run changed; 0 when it is not a journal (or absent). */
async function journalChanges(file: string): Promise<{ mode: string; changed: number } | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
  const report = parsed as { mode?: unknown; plan?: unknown } | null;
  if (!report || (report.mode !== 'apply' && report.mode !== 'undo') || !Array.isArray(report.plan))
    return null;
  const changed = (report.plan as { status?: unknown }[]).filter(
    (step) => step?.status === 'verified' || step?.status === 'applied',
  ).length;
  return changed > 0 ? { mode: report.mode, changed } : null;
}

function journalExists(settings: Settings, file: string, found: { mode: string; changed: number }) {
  return new ConfigurationError(
    'input.journal-exists',
    `${file} is the journal of an earlier ${found.mode} that changed ${found.changed} user${found.changed === 1 ? '' : 's'}; this run would replace it, and its undo with it, so it changed nothing.`,
    settings.event.name === 'cli'
      ? 'Give another --report path (a dated name, say), or move that journal somewhere safe; --force replaces it.'
      : 'Give another `report` path, or keep that journal elsewhere; the input `force: true` replaces it.',
  );
}

/**
 * Before the first write, make sure the journal can be written where the report goes: a change
 * that happened must never be left without its record.
 */
async function checkJournalWritable(settings: Settings, file: string): Promise<void> {
  const target = inWorkspace(settings, file);
  const probe = path.join(path.dirname(target), `.st-access-guard-probe-${process.pid}`);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(probe, '');
    await unlink(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigurationError(
      'input.report-not-writable',
      `The report ${file} cannot be written (${code}), so ${settings.mode} would have no journal; nothing was changed.`,
      'Give a report path in a folder this run can write to (the `report` input, or --report on the command line).',
    );
  }
}

/** The stop signals apply and undo finish their current step on, then write what they know. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

async function timed<T>(logger: Logger, name: string, fn: () => Promise<T>): Promise<T> {
  return logger.group(name, async () => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      logger.info(`${name} took ${Math.round(performance.now() - start)} ms`);
    }
  });
}

export async function runPipeline(settings: Settings, deps: PipelineDeps): Promise<PipelineResult> {
  const { logger } = deps;
  const startedAt = deps.now();
  const redacted = shouldRedact(settings);
  const notes: string[] = [];
  let policy: Policy | null = null;
  let policyIssues: PolicyIssue[] = [];
  let snapshot: Snapshot | null = null;
  let evaluation: Evaluation | undefined;
  let comparison: Report['comparison'] = null;
  let discovery: Report['discovery'];
  let applyRefused = false;
  let errors: ReportError[] = [];
  /** the class of the error that stopped the run: a phase's own errors are runtime errors */
  let errorExit: 2 | 3 = 3;
  let baseline: PipelineResult['baseline'] = null;
  let journal: JournalWriter | null = null;

  const reportTarget = reportFile(settings);
  // a journal already at the report path: never replaced without `force`, never by a failed run
  const existingJournal = reportTarget ? await journalChanges(inWorkspace(settings, reportTarget)) : null;

  try {
    if (existingJournal && reportTarget && !settings.force) {
      throw journalExists(settings, reportTarget, existingJournal);
    }
    policy = await timed(logger, 'Policy', async () => {
      try {
        const loaded = await loadPolicyFile(inWorkspace(settings, settings.policyPath), {
          now: startedAt,
          // In Actions the policy must stay inside the checkout (a symlink could point at anything
          // on the runner); on the command line the user names the file they mean.
          ...(settings.event.name === 'cli' ? {} : { workspace: settings.workspace }),
          displayPath: settings.policyPath,
        });
        logger.info(
          `${settings.policyPath}: valid, ${loaded.rules.length} rules, ${loaded.permissions.length} mapped permissions, ${loaded.exemptions.length} exemptions`,
        );
        return loaded;
      } catch (error) {
        // discover works before a policy exists: it is how users learn the ids to put in one.
        if (
          settings.mode === 'discover' &&
          error instanceof ConfigurationError &&
          error.code === 'policy.not-found'
        ) {
          notes.push(
            `No policy at ${settings.policyPath}: discover lists every permission id without names.`,
          );
          return null;
        }
        throw error;
      }
    });

    const wantsTenant = NEEDS_TENANT.has(settings.mode);
    if (wantsTenant && !settings.connection) {
      if (settings.event.isPullRequest) {
        notes.push(
          'Validated the policy only: this pull request run has no ServiceTitan credentials (pull requests from forks never get secrets). The policy impact needs them.',
        );
      } else {
        throw new ConfigurationError(
          'input.missing-credentials',
          `Mode \`${settings.mode}\` needs ServiceTitan credentials; missing: ${settings.missingCredentials.join(', ')}.`,
          settings.event.name === 'cli'
            ? 'Export ST_TENANT, ST_CLIENT_ID, ST_CLIENT_SECRET and ST_APP_KEY (see `st-access-guard audit --help`), or run `st-access-guard demo` to try it on the sandbox.'
            : 'Store the tenant id, client id, client secret and app key as repository secrets and pass them to the action (see the README, "First real audit").',
        );
      }
    }

    // without a tenant to audit, a policy's HR rosters are still read, so their mistakes show now
    if (policy?.identity && (settings.mode === 'validate' || (wantsTenant && !settings.connection))) {
      const { checkRosters } = await import('./identity-phase.js');
      const people = await checkRosters(settings, policy.identity, startedAt);
      logger.info(
        `Identity: the HR rosters list ${people} people; directory services are read only by an audit.`,
      );
    }

    const writes = (settings.mode === 'apply' || settings.mode === 'undo') && settings.connection !== null;
    if (writes && reportTarget) await checkJournalWritable(settings, reportTarget);

    // undo: the apply's journal is read (and checked) before anything is fetched
    const undoJournal =
      settings.mode === 'undo' && settings.connection
        ? await (await import('./apply/undo-run.js')).loadUndoJournal(settings)
        : null;

    if (wantsTenant && settings.connection) {
      const { createClient, fetchSnapshot } = await import('./fetch.js');
      const client = createClient(settings, deps);
      try {
        const fetched = await timed(logger, 'Fetch', () => fetchSnapshot(client, deps));
        snapshot = fetched;
        if (settings.snapshotPath) {
          await writeFileAtomic(settings.snapshotPath, JSON.stringify(fetched, null, 2) + '\n');
          logger.info(`Snapshot written to ${settings.snapshotPath}`);
        }
        journal = writes ? await journalWriter(settings, deps, startedAt, redacted) : null;
        const writer = journal;
        const outcome = await whileStoppable(writer, async () =>
          undoJournal
            ? await timed(logger, 'Plan and undo', async () =>
                (await import('./apply/undo-run.js')).runUndo(
                  settings,
                  deps,
                  policy,
                  fetched,
                  client,
                  undoJournal,
                  writer!.options,
                ),
              )
            : await timed(
                logger,
                settings.mode === 'apply' ? 'Evaluate, plan and apply' : 'Evaluate and plan',
                async () =>
                  (await import('./evaluate-tenant.js')).evaluateTenant(
                    settings,
                    deps,
                    policy,
                    fetched,
                    startedAt,
                    client,
                    writer?.options,
                  ),
              ),
        );
        if (writer?.stoppedBy()) {
          outcome.errors.push({
            code: 'apply.interrupted',
            message: `The run was stopped (${writer.stoppedBy()}) during ${settings.mode}: the change in progress was finished and no other was started. The report's plan is the journal: it says what was changed.`,
            hint: `Run ${settings.mode} again to finish: it rechecks every user, so nothing is done twice.`,
          });
        }
        const failure = writer?.failure();
        if (failure) outcome.errors.push(failure);
        evaluation = outcome.evaluation;
        comparison = outcome.comparison;
        discovery = outcome.discovery;
        notes.push(...outcome.notes);
        applyRefused = outcome.applyRefused;
        errors = outcome.errors;
        baseline = outcome.baseline;
      } finally {
        await client.close();
      }
    }
  } catch (error) {
    if (error instanceof PolicyError) policyIssues = error.issues;
    errors = toReportErrors(error, logger, redacted);
    errorExit = error instanceof GuardError ? error.exitCode : 3;
    // A failure after changes were written keeps their journal in the report.
    const known = (journal as JournalWriter | null)?.latest();
    if (!evaluation && known) {
      evaluation = { findings: [], plan: known, refusals: [], counts: emptyCounts() };
    }
  }

  const report = buildReport(
    {
      mode: settings.mode,
      tenant: settings.tenant,
      environment: settings.environment,
      policy: {
        path: settings.policyPath,
        sha256: policy?.source.sha256 ?? null,
        ...(policy?.source.extends ? { extends: policy.source.extends } : {}),
      },
      startedAt,
      finishedAt: deps.now(),
      failOn: settings.failOn,
      toolVersion: TOOL_VERSION,
    },
    {
      ...(evaluation ? { evaluation } : {}),
      comparison,
      ...(discovery ? { discovery } : {}),
      errors,
      applyRefused,
    },
  );
  const changed = report.plan.some((s) => s.status === 'verified' || s.status === 'applied');
  const failedUnchanged = !changed && errors.length > 0;
  // an undo that failed before trying any change (a missing or untrusted report) leaves no file
  const undoNeverStarted =
    settings.mode === 'undo' && !report.plan.some((s) => s.status === 'failed' || s.status === 'verified');
  const writeReport =
    !(existingJournal && !settings.force) &&
    !(failedUnchanged && (existingJournal !== null || undoNeverStarted));
  return {
    writeReport,
    exitCode: statusExitCode(report, errorExit),
    report: redacted ? redactSafely(report, logger) : report,
    policy,
    policyIssues,
    snapshot,
    redacted,
    notes,
    baseline,
    identity: evaluation?.identity?.roster ?? null,
  };
}

/** The redacted report; if masking fails, one that withholds every name and message instead. */
function redactSafely(report: Report, logger: Logger): Report {
  try {
    return redactReport(report);
  } catch (error) {
    logger.error(
      `Masking names and emails failed (${error instanceof Error ? error.name : typeof error}); the report withholds every name, email and message instead.`,
    );
    return withholdPersonalData(report);
  }
}

interface JournalWriter {
  options: ExecuteOptions;
  /** the signal that stopped the run, or null */
  stoppedBy(): string | null;
  stop(signal: string): void;
  /** the journal as last handed over: what the run knows it changed */
  latest(): PlanStep[] | null;
  failure(): ReportError | null;
}

/**
 * The journal as apply or undo goes: after each change the report file is rewritten (atomically)
 * with the steps so far, so a run that is killed still leaves the record of what it changed.
 */
async function journalWriter(
  settings: Settings,
  deps: PipelineDeps,
  startedAt: Date,
  redacted: boolean,
): Promise<JournalWriter> {
  const { journalKey } = await import('./apply/seal.js');
  const file = reportFile(settings);
  let stoppedBy: string | null = null;
  let failure: ReportError | null = null;
  let latest: PlanStep[] | null = null;
  const options: ExecuteOptions = {
    logger: deps.logger,
    key: journalKey(settings.connection!),
    stopRequested: () => stoppedBy !== null || failure !== null,
    ...(deps.confirm ? { confirm: deps.confirm } : {}),
    onProgress: async (journal) => {
      latest = journal;
      if (!file) return;
      const partial = buildReport(
        {
          mode: settings.mode,
          tenant: settings.tenant,
          environment: settings.environment,
          policy: { path: settings.policyPath, sha256: null },
          startedAt,
          finishedAt: deps.now(),
          failOn: settings.failOn,
          toolVersion: TOOL_VERSION,
        },
        {
          evaluation: { findings: [], plan: journal, refusals: [], counts: emptyCounts() },
          errors: [
            {
              code: 'apply.incomplete',
              message: `The ${settings.mode} had not finished when this journal was written: it is rewritten after each change, and replaced by the full report at the end. The plan says what was changed so far.`,
              hint: `Run ${settings.mode} again to finish: it rechecks every user, so nothing is done twice.`,
            },
          ],
        },
      );
      try {
        await writeFileAtomic(
          inWorkspace(settings, file),
          renderJson(redacted ? redactSafely(partial, deps.logger) : partial),
        );
      } catch (error) {
        failure = {
          code: 'apply.journal-not-written',
          message: `The journal ${file} could not be written after a change (${(error as NodeJS.ErrnoException).code ?? 'error'}), so no further change was started.`,
          hint: 'Check the disk and the report path, then run again: it rechecks every user, so nothing is done twice.',
        };
        deps.logger.error(failure.message);
      }
    },
  };
  return {
    options,
    stoppedBy: () => stoppedBy,
    stop: (signal) => {
      if (!stoppedBy) {
        deps.logger.warning(
          `${signal}: finishing the change in progress and writing the journal; no further change starts.`,
        );
      }
      stoppedBy ??= signal;
    },
    latest: () => latest,
    failure: () => failure,
  };
}

/** Runs `fn` with SIGINT and SIGTERM turned into a request to stop after the current change. */
async function whileStoppable<T>(journal: JournalWriter | null, fn: () => Promise<T>): Promise<T> {
  if (!journal) return fn();
  const handler = (signal: NodeJS.Signals) => journal.stop(signal);
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  try {
    return await fn();
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  }
}

export { parsePolicy };
