import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  gitHubContext
} from "./chunk-ECF4TUM2.js";
import {
  runPipeline
} from "./chunk-PBOPUP2A.js";
import "./chunk-F2M56VRX.js";
import "./chunk-TWT5VFH6.js";
import "./chunk-L45OQZPI.js";
import "./chunk-2OMYLHX3.js";
import "./chunk-IKAUNPRK.js";
import "./chunk-B4MPU4M5.js";
import "./chunk-7Y4HBSSD.js";
import {
  buildReport,
  statusExitCode
} from "./chunk-TXDFWF7U.js";
import "./chunk-44ZEGOLS.js";
import "./chunk-O3RGELUA.js";
import {
  inWorkspace,
  shouldRedact
} from "./chunk-WJCLWKAL.js";
import "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import "./chunk-DBYO6JJB.js";
import "./chunk-P6FZTVWF.js";
import "./chunk-5PL237VK.js";
import "./chunk-DZQBV3A5.js";
import {
  TOOL_VERSION
} from "./chunk-47HB3AU5.js";
import "./chunk-7435OWNU.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/review-run.ts
import { readFile } from "node:fs/promises";
import path from "node:path";
function stopped(settings, deps, base, error) {
  const startedAt = new Date(base.report.startedAt);
  const report = buildReport(
    {
      mode: "review",
      tenant: settings.tenant,
      environment: settings.environment,
      policy: base.report.policy,
      startedAt,
      finishedAt: deps.now(),
      failOn: "never",
      toolVersion: TOOL_VERSION
    },
    { errors: [{ code: error.code, message: error.message, ...error.hint ? { hint: error.hint } : {} }] }
  );
  return { ...base, report: { ...report, redacted: base.redacted }, exitCode: error.exitCode };
}
async function runReviewMode(settings, deps, env = process.env) {
  const base = await runPipeline({ ...settings, mode: "validate" }, deps);
  if (base.report.errors.length > 0 || !base.policy) {
    return { ...base, report: { ...base.report, mode: "review" } };
  }
  const policy = base.policy;
  const action = settings.review ?? "sync";
  if (settings.event.isPullRequest) {
    return stopped(
      settings,
      deps,
      base,
      new ConfigurationError(
        "review.pull-request",
        `\`mode: review\` does not run on pull requests (this run is \`${settings.event.name}\`): it opens, comments on and closes issues.`,
        "Run reviews on `schedule` and `workflow_dispatch`, as examples/workflows/access-review.yml does."
      )
    );
  }
  if (!settings.tenant) {
    return stopped(
      settings,
      deps,
      base,
      new ConfigurationError(
        "review.missing-tenant",
        `\`review: ${action}\` needs the tenant id: a review belongs to one tenant, and its issues say which.`,
        settings.event.name === "cli" ? "Export ST_TENANT (and, for `start` and a close with a fresh roster, the other ST_* credentials)." : "Pass the `tenant` input (and, for `start`, the other ServiceTitan credentials)."
      )
    );
  }
  const github = gitHubContext(env, settings.githubToken, settings.event.payload);
  if (!github) {
    return stopped(
      settings,
      deps,
      base,
      new ConfigurationError(
        "review.no-github",
        "A review runs in the repository's issues, and this run has no GitHub token or no repository to talk to.",
        settings.event.name === "cli" ? "Export GITHUB_TOKEN (a token that can write issues) and give `--repo OWNER/NAME`." : "Keep the default `github-token` input and give the job `permissions: issues: write`."
      )
    );
  }
  const notes = [...base.notes];
  const loadTenant = settings.connection ? async () => {
    const audited = await runPipeline({ ...settings, mode: "audit", failOn: "never" }, deps);
    notes.push(...audited.notes);
    if (audited.report.errors.length > 0 || !audited.snapshot) {
      return { errors: audited.report.errors, exitCode: audited.exitCode === 2 ? 2 : 3 };
    }
    return {
      snapshot: audited.snapshot,
      findings: audited.report.findings,
      counts: audited.report.counts
    };
  } : null;
  let evidence = null;
  if (settings.evidencePath) {
    evidence = {
      dir: inWorkspace(settings, settings.evidencePath),
      policyText: await readFile(inWorkspace(settings, settings.policyPath), "utf8"),
      policyFileName: path.basename(settings.policyPath),
      ...github.runUrl ? { runUrl: github.runUrl } : {},
      protectedDirs: [settings.workspace],
      signingKey: settings.evidenceSigningKey
    };
  }
  const { runReview } = await import("./run-Q7CGO7AL.js");
  const run = await deps.logger.group(
    `Review: ${action}`,
    () => runReview({
      action,
      tenant: settings.tenant,
      environment: settings.environment,
      policyPath: settings.policyPath,
      policy,
      redact: shouldRedact(settings),
      github,
      maxChanges: settings.maxChanges,
      logger: deps.logger,
      now: deps.now,
      loadTenant,
      evidence
    })
  );
  return {
    report: run.report,
    policy,
    policyIssues: [],
    snapshot: run.snapshot,
    redacted: shouldRedact(settings),
    notes: [...notes, ...run.notes],
    baseline: null,
    writeReport: base.writeReport,
    exitCode: statusExitCode(run.report, run.errorExit),
    ...run.evidence ? { evidenceWritten: run.evidence } : {}
  };
}
export {
  runReviewMode
};
