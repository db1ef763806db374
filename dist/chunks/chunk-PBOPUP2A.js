import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  withholdPersonalData
} from "./chunk-F2M56VRX.js";
import {
  renderJson
} from "./chunk-TWT5VFH6.js";
import {
  writeFileAtomic
} from "./chunk-L45OQZPI.js";
import {
  loadPolicyFile
} from "./chunk-2OMYLHX3.js";
import {
  buildReport,
  statusExitCode
} from "./chunk-TXDFWF7U.js";
import {
  redactReport
} from "./chunk-O3RGELUA.js";
import {
  inWorkspace,
  shouldRedact
} from "./chunk-WJCLWKAL.js";
import {
  emptyCounts
} from "./chunk-DBYO6JJB.js";
import {
  undoJournalPath
} from "./chunk-P6FZTVWF.js";
import {
  TOOL_VERSION
} from "./chunk-47HB3AU5.js";
import {
  ConfigurationError,
  GuardError,
  PolicyError
} from "./chunk-GIX45REK.js";

// src/pipeline.ts
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
var NEEDS_TENANT = /* @__PURE__ */ new Set(["audit", "apply", "discover", "undo"]);
function toReportErrors(error, logger, redacted) {
  if (error instanceof PolicyError) {
    return error.issues.map((i) => ({
      code: i.code,
      message: i.message,
      ...i.hint ? { hint: i.hint } : {},
      file: i.file,
      line: i.line,
      column: i.column,
      ...i.sourceLine !== void 0 ? { sourceLine: i.sourceLine } : {}
    }));
  }
  if (error instanceof GuardError) {
    return [{ code: error.code, message: error.message, ...error.hint ? { hint: error.hint } : {} }];
  }
  return [unexpectedError(error, logger, redacted)];
}
function unexpectedError(error, logger, redacted) {
  const kind = error instanceof Error ? error.name : typeof error;
  const text = error instanceof Error ? error.message : String(error);
  if (redacted) {
    const frames = error instanceof Error ? (error.stack ?? "").split("\n").slice(1).join("\n") : "";
    logger.debug(`${kind} (message withheld: redaction is on)
${frames}`);
  } else {
    logger.debug(error instanceof Error ? error.stack ?? text : text);
  }
  return {
    code: "internal.unexpected",
    message: redacted ? `Unexpected error (${kind}); its text is withheld because redaction is on.` : `Unexpected error: ${text}`,
    hint: "This is a bug. Rerun with debug logging (ACTIONS_STEP_DEBUG or --debug) and report it with the output."
  };
}
function reportFile(settings) {
  if (settings.mode === "undo" && settings.reportPath) return undoJournalPath(settings.reportPath);
  return settings.reportPath;
}
async function journalChanges(file) {
  let parsed;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return null;
  }
  const report = parsed;
  if (!report || report.mode !== "apply" && report.mode !== "undo" || !Array.isArray(report.plan))
    return null;
  const changed = report.plan.filter(
    (step) => step?.status === "verified" || step?.status === "applied"
  ).length;
  return changed > 0 ? { mode: report.mode, changed } : null;
}
function journalExists(settings, file, found) {
  return new ConfigurationError(
    "input.journal-exists",
    `${file} is the journal of an earlier ${found.mode} that changed ${found.changed} user${found.changed === 1 ? "" : "s"}; this run would replace it, and its undo with it, so it changed nothing.`,
    settings.event.name === "cli" ? "Give another --report path (a dated name, say), or move that journal somewhere safe; --force replaces it." : "Give another `report` path, or keep that journal elsewhere; the input `force: true` replaces it."
  );
}
async function checkJournalWritable(settings, file) {
  const target = inWorkspace(settings, file);
  const probe = path.join(path.dirname(target), `.st-access-guard-probe-${process.pid}`);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(probe, "");
    await unlink(probe);
  } catch (error) {
    const code = error.code ?? "error";
    throw new ConfigurationError(
      "input.report-not-writable",
      `The report ${file} cannot be written (${code}), so ${settings.mode} would have no journal; nothing was changed.`,
      "Give a report path in a folder this run can write to (the `report` input, or --report on the command line)."
    );
  }
}
var STOP_SIGNALS = ["SIGINT", "SIGTERM"];
async function timed(logger, name, fn) {
  return logger.group(name, async () => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      logger.info(`${name} took ${Math.round(performance.now() - start)} ms`);
    }
  });
}
async function runPipeline(settings, deps) {
  const { logger } = deps;
  const startedAt = deps.now();
  const redacted = shouldRedact(settings);
  const notes = [];
  let policy = null;
  let policyIssues = [];
  let snapshot = null;
  let evaluation;
  let comparison = null;
  let discovery;
  let applyRefused = false;
  let errors = [];
  let errorExit = 3;
  let baseline = null;
  let journal = null;
  const reportTarget = reportFile(settings);
  const existingJournal = reportTarget ? await journalChanges(inWorkspace(settings, reportTarget)) : null;
  try {
    if (existingJournal && reportTarget && !settings.force) {
      throw journalExists(settings, reportTarget, existingJournal);
    }
    policy = await timed(logger, "Policy", async () => {
      try {
        const loaded = await loadPolicyFile(inWorkspace(settings, settings.policyPath), {
          now: startedAt,
          // In Actions the policy must stay inside the checkout (a symlink could point at anything
          // on the runner); on the command line the user names the file they mean.
          ...settings.event.name === "cli" ? {} : { workspace: settings.workspace },
          displayPath: settings.policyPath
        });
        logger.info(
          `${settings.policyPath}: valid, ${loaded.rules.length} rules, ${loaded.permissions.length} mapped permissions, ${loaded.exemptions.length} exemptions`
        );
        return loaded;
      } catch (error) {
        if (settings.mode === "discover" && error instanceof ConfigurationError && error.code === "policy.not-found") {
          notes.push(
            `No policy at ${settings.policyPath}: discover lists every permission id without names.`
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
          "Validated the policy only: this pull request run has no ServiceTitan credentials (pull requests from forks never get secrets). The policy impact needs them."
        );
      } else {
        throw new ConfigurationError(
          "input.missing-credentials",
          `Mode \`${settings.mode}\` needs ServiceTitan credentials; missing: ${settings.missingCredentials.join(", ")}.`,
          settings.event.name === "cli" ? "Export ST_TENANT, ST_CLIENT_ID, ST_CLIENT_SECRET and ST_APP_KEY (see `st-access-guard audit --help`), or run `st-access-guard demo` to try it on the sandbox." : 'Store the tenant id, client id, client secret and app key as repository secrets and pass them to the action (see the README, "First real audit").'
        );
      }
    }
    if (policy?.identity && (settings.mode === "validate" || wantsTenant && !settings.connection)) {
      const { checkRosters } = await import("./identity-phase-QIHXSQT6.js");
      const people = await checkRosters(settings, policy.identity, startedAt);
      logger.info(
        `Identity: the HR rosters list ${people} people; directory services are read only by an audit.`
      );
    }
    const writes = (settings.mode === "apply" || settings.mode === "undo") && settings.connection !== null;
    if (writes && reportTarget) await checkJournalWritable(settings, reportTarget);
    const undoJournal = settings.mode === "undo" && settings.connection ? await (await import("./undo-run-IBKOC4TO.js")).loadUndoJournal(settings) : null;
    if (wantsTenant && settings.connection) {
      const { createClient, fetchSnapshot } = await import("./fetch-Y7OQQUI2.js");
      const client = createClient(settings, deps);
      try {
        const fetched = await timed(logger, "Fetch", () => fetchSnapshot(client, deps));
        snapshot = fetched;
        if (settings.snapshotPath) {
          await writeFileAtomic(settings.snapshotPath, JSON.stringify(fetched, null, 2) + "\n");
          logger.info(`Snapshot written to ${settings.snapshotPath}`);
        }
        journal = writes ? await journalWriter(settings, deps, startedAt, redacted) : null;
        const writer = journal;
        const outcome = await whileStoppable(
          writer,
          async () => undoJournal ? await timed(
            logger,
            "Plan and undo",
            async () => (await import("./undo-run-IBKOC4TO.js")).runUndo(
              settings,
              deps,
              policy,
              fetched,
              client,
              undoJournal,
              writer.options
            )
          ) : await timed(
            logger,
            settings.mode === "apply" ? "Evaluate, plan and apply" : "Evaluate and plan",
            async () => (await import("./evaluate-tenant-4G5XK6GS.js")).evaluateTenant(
              settings,
              deps,
              policy,
              fetched,
              startedAt,
              client,
              writer?.options
            )
          )
        );
        if (writer?.stoppedBy()) {
          outcome.errors.push({
            code: "apply.interrupted",
            message: `The run was stopped (${writer.stoppedBy()}) during ${settings.mode}: the change in progress was finished and no other was started. The report's plan is the journal: it says what was changed.`,
            hint: `Run ${settings.mode} again to finish: it rechecks every user, so nothing is done twice.`
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
    const known = journal?.latest();
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
        ...policy?.source.extends ? { extends: policy.source.extends } : {}
      },
      startedAt,
      finishedAt: deps.now(),
      failOn: settings.failOn,
      toolVersion: TOOL_VERSION
    },
    {
      ...evaluation ? { evaluation } : {},
      comparison,
      ...discovery ? { discovery } : {},
      errors,
      applyRefused
    }
  );
  const changed = report.plan.some((s) => s.status === "verified" || s.status === "applied");
  const failedUnchanged = !changed && errors.length > 0;
  const undoNeverStarted = settings.mode === "undo" && !report.plan.some((s) => s.status === "failed" || s.status === "verified");
  const writeReport = !(existingJournal && !settings.force) && !(failedUnchanged && (existingJournal !== null || undoNeverStarted));
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
    identity: evaluation?.identity?.roster ?? null
  };
}
function redactSafely(report, logger) {
  try {
    return redactReport(report);
  } catch (error) {
    logger.error(
      `Masking names and emails failed (${error instanceof Error ? error.name : typeof error}); the report withholds every name, email and message instead.`
    );
    return withholdPersonalData(report);
  }
}
async function journalWriter(settings, deps, startedAt, redacted) {
  const { journalKey } = await import("./seal-RKUDH47O.js");
  const file = reportFile(settings);
  let stoppedBy = null;
  let failure = null;
  let latest = null;
  const options = {
    logger: deps.logger,
    key: journalKey(settings.connection),
    stopRequested: () => stoppedBy !== null || failure !== null,
    ...deps.confirm ? { confirm: deps.confirm } : {},
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
          toolVersion: TOOL_VERSION
        },
        {
          evaluation: { findings: [], plan: journal, refusals: [], counts: emptyCounts() },
          errors: [
            {
              code: "apply.incomplete",
              message: `The ${settings.mode} had not finished when this journal was written: it is rewritten after each change, and replaced by the full report at the end. The plan says what was changed so far.`,
              hint: `Run ${settings.mode} again to finish: it rechecks every user, so nothing is done twice.`
            }
          ]
        }
      );
      try {
        await writeFileAtomic(
          inWorkspace(settings, file),
          renderJson(redacted ? redactSafely(partial, deps.logger) : partial)
        );
      } catch (error) {
        failure = {
          code: "apply.journal-not-written",
          message: `The journal ${file} could not be written after a change (${error.code ?? "error"}), so no further change was started.`,
          hint: "Check the disk and the report path, then run again: it rechecks every user, so nothing is done twice."
        };
        deps.logger.error(failure.message);
      }
    }
  };
  return {
    options,
    stoppedBy: () => stoppedBy,
    stop: (signal) => {
      if (!stoppedBy) {
        deps.logger.warning(
          `${signal}: finishing the change in progress and writing the journal; no further change starts.`
        );
      }
      stoppedBy ??= signal;
    },
    latest: () => latest,
    failure: () => failure
  };
}
async function whileStoppable(journal, fn) {
  if (!journal) return fn();
  const handler = (signal) => journal.stop(signal);
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  try {
    return await fn();
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  }
}

export {
  reportFile,
  runPipeline
};
