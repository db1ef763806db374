/**
 * `mode: review` as the entries run it (SPEC §9): the policy is read (and the report path checked)
 * by the pipeline as in `validate`; the tenant, when the review needs it, is fetched and audited
 * by the pipeline as in `audit`; everything else is the review's (src/review/), which talks to
 * GitHub only. What comes back is a pipeline result, published like any other run.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, GuardError } from './errors.js';
import { gitHubContext } from './github/context.js';
import type { PipelineDeps } from './phase.js';
import { runPipeline, type PipelineResult } from './pipeline.js';
import { buildReport, statusExitCode } from './report/build.js';
import type { ReportError } from './report/model.js';
import type { EvidenceTarget, TenantView } from './review/run.js';
import { inWorkspace, shouldRedact, type Settings } from './settings.js';
import { TOOL_VERSION } from './version.js';

/** The result of a review run that stopped before the review began (bad inputs, no policy). */
function stopped(
  settings: Settings,
  deps: PipelineDeps,
  base: PipelineResult,
  error: GuardError,
): PipelineResult {
  const startedAt = new Date(base.report.startedAt);
  const report = buildReport(
    {
      mode: 'review',
      tenant: settings.tenant,
      environment: settings.environment,
      policy: base.report.policy,
      startedAt,
      finishedAt: deps.now(),
      failOn: 'never',
      toolVersion: TOOL_VERSION,
    },
    { errors: [{ code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }] },
  );
  return { ...base, report: { ...report, redacted: base.redacted }, exitCode: error.exitCode };
}

export async function runReviewMode(
  settings: Settings,
  deps: PipelineDeps,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PipelineResult> {
  // the policy (and the report path) are checked first, as `validate` does
  const base = await runPipeline({ ...settings, mode: 'validate' }, deps);
  if (base.report.errors.length > 0 || !base.policy) {
    return { ...base, report: { ...base.report, mode: 'review' } };
  }
  const policy = base.policy;
  const action = settings.review ?? 'sync';
  if (settings.event.isPullRequest) {
    return stopped(
      settings,
      deps,
      base,
      new ConfigurationError(
        'review.pull-request',
        `\`mode: review\` does not run on pull requests (this run is \`${settings.event.name}\`): it opens, comments on and closes issues.`,
        'Run reviews on `schedule` and `workflow_dispatch`, as examples/workflows/access-review.yml does.',
      ),
    );
  }
  if (!settings.tenant) {
    return stopped(
      settings,
      deps,
      base,
      new ConfigurationError(
        'review.missing-tenant',
        `\`review: ${action}\` needs the tenant id: a review belongs to one tenant, and its issues say which.`,
        settings.event.name === 'cli'
          ? 'Export ST_TENANT (and, for `start` and a close with a fresh roster, the other ST_* credentials).'
          : 'Pass the `tenant` input (and, for `start`, the other ServiceTitan credentials).',
      ),
    );
  }
  const github = gitHubContext(env, settings.githubToken, settings.event.payload);
  if (!github) {
    return stopped(
      settings,
      deps,
      base,
      new ConfigurationError(
        'review.no-github',
        "A review runs in the repository's issues, and this run has no GitHub token or no repository to talk to.",
        settings.event.name === 'cli'
          ? 'Export GITHUB_TOKEN (a token that can write issues) and give `--repo OWNER/NAME`.'
          : 'Keep the default `github-token` input and give the job `permissions: issues: write`.',
      ),
    );
  }

  const notes = [...base.notes];
  const loadTenant = settings.connection
    ? async (): Promise<TenantView | { errors: ReportError[]; exitCode: 2 | 3 }> => {
        const audited = await runPipeline({ ...settings, mode: 'audit', failOn: 'never' }, deps);
        notes.push(...audited.notes);
        if (audited.report.errors.length > 0 || !audited.snapshot) {
          return { errors: audited.report.errors, exitCode: audited.exitCode === 2 ? 2 : 3 };
        }
        return {
          snapshot: audited.snapshot,
          findings: audited.report.findings,
          counts: audited.report.counts,
        };
      }
    : null;
  let evidence: EvidenceTarget | null = null;
  if (settings.evidencePath) {
    evidence = {
      dir: inWorkspace(settings, settings.evidencePath),
      policyText: await readFile(inWorkspace(settings, settings.policyPath), 'utf8'),
      policyFileName: path.basename(settings.policyPath),
      ...(github.runUrl ? { runUrl: github.runUrl } : {}),
      protectedDirs: [settings.workspace],
      signingKey: settings.evidenceSigningKey,
    };
  }

  const { runReview } = await import('./review/run.js');
  const run = await deps.logger.group(`Review: ${action}`, () =>
    runReview({
      action,
      tenant: settings.tenant!,
      environment: settings.environment,
      policyPath: settings.policyPath,
      policy,
      redact: shouldRedact(settings),
      github,
      maxChanges: settings.maxChanges,
      logger: deps.logger,
      now: deps.now,
      loadTenant,
      evidence,
    }),
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
    ...(run.evidence ? { evidenceWritten: run.evidence } : {}),
  };
}
