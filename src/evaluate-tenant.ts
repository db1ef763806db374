/**
 * Evaluate phase: findings, plan, refusals, policy impact, discovery and (in `apply`) execution,
 * all from one fresh snapshot.
 */
import { readFile } from 'node:fs/promises';
import { ConfigurationError, PolicyError } from './errors.js';
import type { Snapshot } from './engine/snapshot.js';
import type { Evaluation } from './engine/types.js';
import { evaluate } from './engine/evaluate.js';
import { resolveFixRoles } from './engine/plan.js';
import { selfApprovedExemptions } from './engine/exemptions.js';
import { applyRefusals, confirmation, executeIfAllowed } from './apply/guard.js';
import { minAdminsRefusal, protectedRefusal } from './engine/safety.js';
import { inWorkspace } from './settings.js';
import type { ExecuteOptions } from './apply/execute.js';
import { compareFindings } from './engine/compare.js';
import { discover } from './engine/discover.js';
import type { Policy } from './policy/types.js';
import { parsePolicy } from './policy/load.js';
import { emptyOutcome, type PipelineDeps, type TenantOutcome } from './phase.js';
import { baselineDirectories, readIdentity, unmatchedAccounts } from './identity-phase.js';
import { readSnapshotFile } from './snapshot-file.js';
import type { Settings } from './settings.js';
import type { ServiceTitanClient } from './servicetitan/index.js';

async function baselinePolicy(settings: Settings, deps: PipelineDeps, now: Date): Promise<Policy | null> {
  let source: { text: string; path: string } | null = null;
  if (settings.baselinePolicyPath) {
    try {
      source = {
        text: await readFile(settings.baselinePolicyPath, 'utf8'),
        path: settings.baselinePolicyPath,
      };
    } catch (error) {
      throw new ConfigurationError(
        'input.invalid-baseline-policy',
        `Cannot read the baseline policy ${settings.baselinePolicyPath}: ${(error as Error).message}`,
        'Give the path of the policy to compare against, e.g. the file as it is on the main branch.',
      );
    }
  } else if (deps.baselinePolicy) {
    source = await deps.baselinePolicy();
  }
  if (!source) return null;
  try {
    return parsePolicy(source.text, source.path, { now });
  } catch (error) {
    if (error instanceof PolicyError) {
      deps.logger.warning(
        `The baseline policy ${source.path} is not valid (${error.issues.length} problems); the policy impact is not shown.`,
      );
      return null;
    }
    throw error;
  }
}

/**
 * After an apply, the findings a verified step fixed are no longer open: they stay in the report,
 * marked, and leave the counts, so a successful apply passes.
 */
function markRemediated(evaluation: Evaluation): void {
  const fixed = new Set(evaluation.plan.filter((s) => s.status === 'verified').flatMap((s) => s.findings));
  for (const finding of evaluation.findings) {
    if (!fixed.has(finding.id) || finding.exemption?.status === 'active') continue;
    finding.remediated = true;
    evaluation.counts.findings--;
    evaluation.counts[finding.severity]--;
  }
}

/**
 * `plan`: apply carries out only the reviewed plan's steps the policy still plans; the guards that
 * depend on which steps run (protected users, min active admins) are decided on that plan.
 */
async function pinToReviewedPlan(
  settings: Settings,
  policy: Policy,
  snapshot: Snapshot,
  evaluation: Evaluation,
  deps: PipelineDeps,
): Promise<void> {
  const { readReviewedPlan, pinPlan } = await import('./apply/pinned-plan.js');
  const connected = settings.connection!;
  const reviewed = await readReviewedPlan(settings.planPath!, inWorkspace(settings, settings.planPath!), {
    tenant: connected.tenant,
    environment: connected.environment,
  });
  evaluation.plan = pinPlan(reviewed, evaluation.plan, snapshot);
  const recomputed = new Set(['apply.protected-user', 'apply.min-active-admins']);
  evaluation.refusals = [
    ...evaluation.refusals.filter((r) => !recomputed.has(r.code)),
    protectedRefusal(evaluation.plan),
    minAdminsRefusal(policy, snapshot, evaluation.plan),
  ].filter((r): r is NonNullable<typeof r> => r !== null);
  const planned = evaluation.plan.filter((s) => s.status === 'planned').length;
  deps.logger.info(
    `Reviewed plan ${reviewed.file}${reviewed.finishedAt ? ` (audit finished ${reviewed.finishedAt})` : ''}: ${reviewed.steps.length} steps reviewed, ${planned} still planned and unchanged.`,
  );
}

/**
 * `review-report`: apply carries out only the revocations of a closed access review, each
 * re-checked against the fresh snapshot (an account that changed since the freeze is shown,
 * skipped); the guards that depend on which steps run are decided on that plan.
 */
async function pinToReviewRevocations(
  settings: Settings,
  policy: Policy,
  snapshot: Snapshot,
  evaluation: Evaluation,
  deps: PipelineDeps,
): Promise<void> {
  const { readReviewReport, revocationPlan } = await import('./review/revocations.js');
  const connected = settings.connection!;
  const file = settings.reviewReportPath!;
  const review = await readReviewReport(file, inWorkspace(settings, file), {
    tenant: connected.tenant,
    environment: connected.environment,
  });
  evaluation.plan = revocationPlan(review.revocations, policy, snapshot);
  const recomputed = new Set(['apply.protected-user', 'apply.min-active-admins', 'apply.invalid-policy']);
  evaluation.refusals = [
    ...evaluation.refusals.filter((r) => !recomputed.has(r.code)),
    protectedRefusal(evaluation.plan),
    minAdminsRefusal(policy, snapshot, evaluation.plan),
  ].filter((r): r is NonNullable<typeof r> => r !== null);
  const planned = evaluation.plan.filter((s) => s.status === 'planned').length;
  deps.logger.info(
    `Review ${file}${review.finishedAt ? ` (closed ${review.finishedAt})` : ''}: ${review.revocations.length} revocations, ${planned} still planned and unchanged since the freeze.`,
  );
}

export async function evaluateTenant(
  settings: Settings,
  deps: PipelineDeps,
  policy: Policy | null,
  snapshot: Snapshot,
  now: Date,
  client: ServiceTitanClient,
  execute?: ExecuteOptions,
): Promise<TenantOutcome> {
  const outcome = emptyOutcome();
  // the identity sources are read whole before anything is judged (SPEC §8)
  const identity = policy?.identity
    ? { identity: policy.identity, directories: await readIdentity(settings, deps, policy.identity, now) }
    : undefined;

  if (settings.mode === 'discover') {
    const baseline = settings.baselineSnapshotPath
      ? await readSnapshotFile(settings.baselineSnapshotPath)
      : null;
    outcome.discovery = discover(snapshot, policy, baseline);
    if (policy && identity)
      outcome.discovery.unmatched = unmatchedAccounts(evaluate(policy, snapshot, now, identity.directories));
    // discover is for learning ids, not judging: findings belong to audit, so it never fails on them.
    return outcome;
  }
  if (!policy) return outcome;

  // A set-role fix naming a role the tenant does not have (or has deactivated), or an exemption
  // approved by the exempted person under another name, is a policy error.
  const tenantIssues = [...resolveFixRoles(policy, snapshot), ...selfApprovedExemptions(policy, snapshot)];
  if (tenantIssues.length > 0) {
    outcome.policyIssues = tenantIssues;
    throw new PolicyError(tenantIssues);
  }

  const evaluation = evaluate(policy, snapshot, now, identity?.directories);
  if (settings.planPath && settings.mode === 'apply' && settings.connection) {
    await pinToReviewedPlan(settings, policy, snapshot, evaluation, deps);
  } else if (settings.reviewReportPath && settings.mode === 'apply' && settings.connection) {
    await pinToReviewRevocations(settings, policy, snapshot, evaluation, deps);
  } else if (settings.reviewReportPath) {
    outcome.notes.push(
      `The \`review-report\` input is used by apply only; this ${settings.mode} run ignored it.`,
    );
  } else if (settings.planPath) {
    outcome.notes.push(`The \`plan\` input is used by apply only; this ${settings.mode} run ignored it.`);
  }
  const refusals = applyRefusals(evaluation, {
    maxChanges: settings.maxChanges,
    eventRefusal: settings.mode === 'apply' ? settings.event.writeRefusal : null,
  });
  evaluation.refusals = refusals;
  deps.logger.info(
    `${evaluation.counts.findings} findings (${evaluation.counts.critical} critical, ${evaluation.counts.high} high, ` +
      `${evaluation.counts.medium} medium, ${evaluation.counts.low} low), ${evaluation.counts.exempted} exempted; ` +
      `plan: ${evaluation.plan.length} changes${refusals.length ? `; apply would be refused: ${refusals.map((r) => r.code).join(', ')}` : ''}`,
  );

  const base = await baselinePolicy(settings, deps, now);
  const baseDirectories = base && (await baselineDirectories(settings, deps, base.identity, now, identity));
  if (base && baseDirectories) {
    const baseFindings = evaluate(base, snapshot, now, baseDirectories).findings;
    const compared = compareFindings(baseFindings, evaluation.findings);
    const resolved = new Set(compared.resolved);
    outcome.comparison = { ...compared, resolvedFindings: baseFindings.filter((f) => resolved.has(f.id)) };
    outcome.baseline = { policy: base, findings: baseFindings };
  }

  if (settings.mode === 'apply') {
    if (!execute) throw new Error('apply needs execute options');
    const declined = await confirmation(evaluation.plan, evaluation.refusals, execute);
    if (declined) evaluation.refusals = [...evaluation.refusals, declined];
    const { liveWriter } = await import('./servicetitan/index.js');
    const journal = await deps.logger.group('Apply', () =>
      executeIfAllowed(evaluation.plan, evaluation.refusals, liveWriter(client), client, execute),
    );
    outcome.applyRefused = journal === null;
    if (journal) {
      evaluation.plan = journal;
      markRemediated(evaluation);
      const unfinished = evaluation.plan.filter((s) => s.status === 'failed' || s.status === 'applied');
      if (unfinished.length > 0) {
        outcome.errors.push({
          code: 'apply.steps-failed',
          message: `${unfinished.length} of ${evaluation.plan.length} changes were not verified; the report's plan says which and why.`,
          hint: 'Fix the cause and run apply again: it recomputes the plan from live state, so nothing is done twice.',
        });
      }
    }
  }
  outcome.evaluation = evaluation;
  return outcome;
}
