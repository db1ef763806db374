/**
 * The revocations of a closed review as a plan (SPEC §9): one step per revoked account, with the
 * state the review froze as `before`. The close writes them to its report; `mode: apply` with
 * `review-report` reads them back and carries out only those still right: the account is still
 * there, still the same user, unchanged since the freeze, and not protected. An account that
 * changed since the freeze is shown, skipped with what changed, never acted on from a stale
 * review. The fix is the policy's (`identity.leaver-fix`, else lock), decided when apply runs.
 * Everything then goes through the one gate, like any apply.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import { matchesAnyUserRef } from '../engine/audience.js';
import { checkMaxChanges, minAdminsRefusal, protectedRefusal } from '../engine/safety.js';
import type { Snapshot, TenantUser } from '../engine/snapshot.js';
import type { ApplyRefusal, PlanStep, UserState } from '../engine/types.js';
import type { Policy } from '../policy/types.js';

/** The plan steps of a review carry this in `rules`, so a report's revocations can be told apart. */
export const REVIEW_RULE = 'access-review';

/** What a revocation needs to be re-checked: whose account, and the state the review froze. */
export interface Revocation {
  user: {
    kind: 'employee' | 'technician';
    id: number;
    userId: number | null;
    name: string;
    email: string | null;
  };
  before: UserState;
}

function ids(roleIds: readonly number[]): string {
  return roleIds.length ? [...roleIds].sort((a, b) => a - b).join(', ') : 'none';
}

/** What differs between the frozen state and now, in words (empty: the same). */
export function changesSinceFreeze(frozen: UserState, now: UserState): string[] {
  const changes: string[] = [];
  if (now.active !== frozen.active) changes.push(`active is ${now.active} (when frozen ${frozen.active})`);
  if (now.locked !== frozen.locked) changes.push(`locked is ${now.locked} (when frozen ${frozen.locked})`);
  if (ids(now.roleIds) !== ids(frozen.roleIds)) {
    changes.push(`role ids are ${ids(now.roleIds)} (when frozen ${ids(frozen.roleIds)})`);
  }
  return changes;
}

/** The fix a revocation gets: the policy's `identity.leaver-fix` (lock by default); null for `none`. */
export function revocationAction(policy: Policy | null): 'lock' | 'deactivate' | null {
  const fix = policy?.identity?.leaverFix;
  if (fix === 'none') return null;
  return fix === 'deactivate' ? 'deactivate' : 'lock';
}

/**
 * The plan for `revocations`: against `snapshot` (fresh) when there is one, each step planned
 * only when it is still right; without one, every step planned as the review left it.
 */
export function revocationPlan(
  revocations: readonly Revocation[],
  policy: Policy | null,
  snapshot: Snapshot | null,
): PlanStep[] {
  const action = revocationAction(policy);
  const users = new Map((snapshot?.users ?? []).map((u) => [`${u.kind}:${u.id}`, u]));
  return revocations.map((revocation): PlanStep => {
    const current: TenantUser | undefined = users.get(`${revocation.user.kind}:${revocation.user.id}`);
    const step: PlanStep = {
      action: action ?? 'lock',
      user: {
        ...revocation.user,
        ...(current ? { name: current.name, email: current.email } : {}),
      },
      rules: [REVIEW_RULE],
      findings: [],
      status: 'planned',
      before: { ...revocation.before, roleIds: [...revocation.before.roleIds] },
    };
    const skip = (reason: string): PlanStep => ({ ...step, status: 'skipped', reason });
    if (action === null) {
      return skip('identity.leaver-fix is none: revoke this access by hand in ServiceTitan');
    }
    if (!snapshot) return step;
    if (!current) return skip('revoked in the review, but no longer in the tenant');
    if (
      revocation.user.userId !== null &&
      current.userId !== null &&
      current.userId !== revocation.user.userId
    ) {
      return skip(
        `the ${current.kind} #${current.id} now belongs to user ${current.userId}, not ${revocation.user.userId} as when reviewed`,
      );
    }
    const changes = changesSinceFreeze(revocation.before, {
      active: current.active,
      locked: current.locked,
      roleIds: current.roleIds,
    });
    if (changes.length > 0) return skip(`changed since the review froze the roster: ${changes.join('; ')}`);
    if (policy && matchesAnyUserRef(current, policy.safety.protectedUsers)) return skip('protected user');
    return step;
  });
}

/** The refusals that depend on the plan: protected users, min active admins, max changes. */
export function revocationRefusals(
  plan: readonly PlanStep[],
  policy: Policy | null,
  snapshot: Snapshot,
  maxChanges: number,
): ApplyRefusal[] {
  return [
    protectedRefusal(plan),
    minAdminsRefusal(policy, snapshot, plan),
    checkMaxChanges(plan, maxChanges),
  ].filter((r): r is ApplyRefusal => r !== null);
}

const RevocationStep = z.looseObject({
  action: z.string(),
  user: z.looseObject({
    kind: z.enum(['employee', 'technician']),
    id: z.int(),
    userId: z.int().nullish(),
    name: z.string().nullish(),
    email: z.string().nullish(),
  }),
  rules: z.array(z.string()),
  before: z.strictObject({ active: z.boolean(), locked: z.boolean(), roleIds: z.array(z.int()) }),
});

const CloseReport = z.looseObject({
  version: z.literal(1),
  mode: z.string(),
  tenant: z.string().nullable(),
  environment: z.string(),
  finishedAt: z.string().optional(),
  plan: z.array(z.looseObject({ rules: z.array(z.string()).optional() })),
  review: z
    .looseObject({
      action: z.string(),
      closed: z.boolean(),
      rosterSha256: z.string().nullable(),
      attestations: z.array(z.looseObject({ key: z.string(), decision: z.string() })),
    })
    .optional(),
});

export interface ReviewReportPlan {
  file: string;
  finishedAt: string | null;
  rosterSha256: string | null;
  revocations: Revocation[];
}

function notAReviewReport(file: string, why: string): ConfigurationError {
  return new ConfigurationError(
    'input.invalid-review-report',
    `${file} is not the report of a review's close: ${why}`,
    "Give the JSON report the `review: close` run wrote (its `report`, e.g. downloaded from that run's artifact or evidence pack).",
  );
}

/**
 * The revocations in a review's close report, checked: a close of this tenant and environment,
 * each step a revocation whose account the review's attestations say was revoked.
 */
export async function readReviewReport(
  file: string,
  resolved: string,
  connected: { tenant: string; environment: string },
): Promise<ReviewReportPlan> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(resolved, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw notAReviewReport(file, code === 'ENOENT' ? 'no such file.' : 'it is not JSON.');
  }
  const parsed = CloseReport.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw notAReviewReport(
      file,
      `${issue?.path.join('.') || 'the report'}: ${issue?.message ?? 'unreadable'}.`,
    );
  }
  const report = parsed.data;
  if (report.mode !== 'review' || !report.review?.closed) {
    throw notAReviewReport(
      file,
      `it was written by a \`${report.mode}\`${report.review ? ` (${report.review.action})` : ''} run that did not close a review; the revocations are in the report of the run that closed it (\`review: close\`, or the \`sync\` that found everything decided).`,
    );
  }
  if (report.tenant !== connected.tenant || report.environment !== connected.environment) {
    throw new ConfigurationError(
      'input.review-report-wrong-tenant',
      `${file} is the review of tenant ${report.tenant ?? '(none)'} (${report.environment}), but this run is connected to tenant ${connected.tenant} (${connected.environment}).`,
      'Give the close report of the review of the tenant this run applies to.',
    );
  }
  const revoked = new Set(
    report.review.attestations.filter((a) => a.decision === 'revoke').map((a) => a.key),
  );
  const revocations: Revocation[] = [];
  for (const [index, step] of report.plan.entries()) {
    if (!step.rules?.includes(REVIEW_RULE)) continue;
    const checked = RevocationStep.safeParse(step);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw notAReviewReport(
        file,
        `plan.${index}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unreadable'}.`,
      );
    }
    const { user, before } = checked.data;
    if (!revoked.has(`${user.kind}:${user.id}`)) {
      throw notAReviewReport(
        file,
        `plan.${index} revokes ${user.kind}:${user.id}, which the review's attestations do not say was revoked.`,
      );
    }
    revocations.push({
      user: {
        kind: user.kind,
        id: user.id,
        userId: user.userId ?? null,
        name: user.name ?? '',
        email: user.email ?? null,
      },
      before,
    });
  }
  return {
    file,
    finishedAt: report.finishedAt ?? null,
    rosterSha256: report.review.rosterSha256,
    revocations,
  };
}
