/**
 * The one pipeline behind the action and the CLI:
 * policy → fetch → evaluate → plan → [apply] → report model.
 * Rendering and publishing (files, summary, outputs, console) are the callers' sinks.
 * Heavy parts (the ServiceTitan client, apply) are imported on demand so `validate` starts fast.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './files.js';
import { ConfigurationError, GuardError, PolicyError, type PolicyIssue } from './errors.js';
import type { Logger } from './logger.js';
import type { Snapshot } from './engine/snapshot.js';
import type { Evaluation, Finding } from './engine/types.js';
import type { Policy } from './policy/types.js';
import type { Report, ReportError } from './report/model.js';
import { buildReport } from './report/build.js';
import { redactReport } from './report/redact.js';
import { loadPolicyFile, parsePolicy } from './policy/load.js';
import { inWorkspace, shouldRedact, type Settings } from './settings.js';
import { TOOL_VERSION } from './version.js';

export interface PipelineDeps {
  logger: Logger;
  now: () => Date;
  /** registers a secret discovered at run time (the access token) for masking */
  onSecret?: (secret: string) => void;
  /** the base branch's policy on a pull request, when it can be read (null: none) */
  baselinePolicy?: () => Promise<{ text: string; path: string } | null>;
}

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
}

const NEEDS_TENANT = new Set(['audit', 'apply', 'discover', 'undo']);

function toReportErrors(error: unknown, logger: Logger): ReportError[] {
  if (error instanceof PolicyError) {
    return error.issues.map((i) => ({
      code: i.code,
      message: i.message,
      ...(i.hint ? { hint: i.hint } : {}),
      file: i.file,
      line: i.line,
      column: i.column,
    }));
  }
  if (error instanceof GuardError) {
    return [{ code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }];
  }
  // Anything else is a bug: keep the stack for debug output, say so plainly.
  logger.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return [
    {
      code: 'internal.unexpected',
      message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'This is a bug. Rerun with debug logging (ACTIONS_STEP_DEBUG or --debug) and report it with the output.',
    },
  ];
}

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
  let baseline: PipelineResult['baseline'] = null;

  try {
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
        const outcome = undoJournal
          ? await timed(logger, 'Plan and undo', async () =>
              (await import('./apply/undo-run.js')).runUndo(
                settings,
                deps,
                policy,
                fetched,
                client,
                undoJournal,
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
                ),
            );
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
    errors = toReportErrors(error, logger);
  }

  const report = buildReport(
    {
      mode: settings.mode,
      tenant: settings.tenant,
      environment: settings.environment,
      policy: { path: settings.policyPath, sha256: policy?.source.sha256 ?? null },
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
  return {
    report: redacted ? redactReport(report) : report,
    policy,
    policyIssues,
    snapshot,
    redacted,
    notes,
    baseline,
  };
}

/** Reads a snapshot written earlier with --snapshot. */
export async function readSnapshotFile(file: string): Promise<Snapshot> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(
      'input.invalid-snapshot',
      `Cannot read the snapshot ${file}: ${(error as Error).message}`,
      'Give a file written by `st-access-guard discover --snapshot FILE` or `audit --snapshot FILE`.',
    );
  }
  const s = parsed as Partial<Snapshot>;
  if (!s || typeof s !== 'object' || !Array.isArray(s.users) || !Array.isArray(s.roles)) {
    throw new ConfigurationError(
      'input.invalid-snapshot',
      `${file} is not a snapshot (no users and roles).`,
      'Give a file written by `st-access-guard discover --snapshot FILE`.',
    );
  }
  return s as Snapshot;
}

export { parsePolicy };
