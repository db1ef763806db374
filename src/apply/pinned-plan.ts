/**
 * A reviewed plan (SPEC §6, input `plan`, `--plan REPORT`): apply carries out only the steps a
 * person reviewed in an earlier audit's report, like `terraform apply PLANFILE`.
 *
 * The reviewed report says what to do; the fresh evaluation says what is still right. A step is
 * carried out only when both agree (same user, same action, same role) and the user is still in
 * the state the review saw (`before`): a policy or a user that changed since the review is never
 * acted on from a stale plan. Changes the policy plans now that were not reviewed are shown,
 * skipped, for the next review. Everything then goes through the same gate as any apply.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import type { Snapshot } from '../engine/snapshot.js';
import type { PlanStep } from '../engine/types.js';
import { stateChanges, stateOf } from './execute.js';
import { reportOf, UserState } from './undo-journal.js';

const ReviewedStep = z.looseObject({
  action: z.enum(['lock', 'deactivate', 'set-role']),
  role: z.string().optional(),
  roleId: z.number().int().optional(),
  user: z.looseObject({
    kind: z.enum(['employee', 'technician']),
    id: z.number().int(),
    userId: z.number().int().nullish(),
  }),
  status: z.string(),
  before: UserState.optional(),
});

const ReviewedReport = reportOf(z.looseObject({ status: z.string() }));

export interface ReviewedPlan {
  file: string;
  finishedAt: string | null;
  steps: z.infer<typeof ReviewedStep>[];
}

function notAPlan(file: string, why: string): ConfigurationError {
  return new ConfigurationError(
    'input.invalid-plan',
    `${file} is not a reviewed plan: ${why}`,
    'Give the JSON report of the audit whose plan was reviewed (the `report` of that run, e.g. downloaded from its artifact).',
  );
}

/** Reads and checks the reviewed report: an audit of this tenant and environment. */
export async function readReviewedPlan(
  file: string,
  resolved: string,
  connected: { tenant: string; environment: string },
): Promise<ReviewedPlan> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(resolved, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw notAPlan(file, code === 'ENOENT' ? 'no such file.' : 'it is not JSON.');
  }
  const parsed = ReviewedReport.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw notAPlan(file, `${issue?.path.join('.') || 'the report'}: ${issue?.message ?? 'unreadable'}.`);
  }
  const report = parsed.data;
  if (report.mode !== 'audit') {
    throw notAPlan(
      file,
      `it was written by a \`${report.mode}\` run; a plan is reviewed in an audit's report.`,
    );
  }
  if (report.tenant !== connected.tenant || report.environment !== connected.environment) {
    throw new ConfigurationError(
      'input.plan-wrong-tenant',
      `${file} is the plan of tenant ${report.tenant ?? '(none)'} (${report.environment}), but this run is connected to tenant ${connected.tenant} (${connected.environment}).`,
      'Give the reviewed plan of the tenant this run applies to.',
    );
  }
  const steps: ReviewedPlan['steps'] = [];
  for (const [index, step] of report.plan.entries()) {
    if (step.status !== 'planned') continue;
    const checked = ReviewedStep.safeParse(step);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw notAPlan(
        file,
        `plan.${index}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unreadable'}.`,
      );
    }
    steps.push(checked.data);
  }
  return { file, finishedAt: report.finishedAt ?? null, steps };
}

const key = (s: { user: { kind: string; id: number } }) => `${s.user.kind}:${s.user.id}`;

/**
 * The plan apply may carry out: the fresh plan's steps that the review also planned, with the
 * state the review saw as `before`; every other step shown, skipped, with the reason.
 */
export function pinPlan(reviewed: ReviewedPlan, fresh: readonly PlanStep[], snapshot: Snapshot): PlanStep[] {
  const users = new Map(snapshot.users.map((u) => [`${u.kind}:${u.id}`, u]));
  const freshByUser = new Map(fresh.map((s) => [key(s), s]));
  const reviewedUsers = new Set(reviewed.steps.map(key));
  const pinned: PlanStep[] = [];
  for (const step of reviewed.steps) {
    const now = freshByUser.get(key(step));
    const user = users.get(key(step));
    const shown: PlanStep = now ?? {
      action: step.action,
      ...(step.role !== undefined ? { role: step.role } : {}),
      ...(step.roleId !== undefined ? { roleId: step.roleId } : {}),
      user: {
        kind: step.user.kind,
        id: step.user.id,
        userId: step.user.userId ?? null,
        name: user?.name ?? '',
        email: user?.email ?? null,
      },
      rules: [],
      findings: [],
      status: 'skipped',
    };
    const skip = (reason: string): PlanStep => ({ ...shown, status: 'skipped', reason });
    if (!user) {
      pinned.push(skip('in the reviewed plan, but no longer in the tenant'));
    } else if (!now || now.status !== 'planned') {
      pinned.push(
        now?.status === 'skipped'
          ? now
          : skip(
              'in the reviewed plan, but the policy no longer plans it: nothing to do, or the policy changed',
            ),
      );
    } else if (now.action !== step.action || now.roleId !== step.roleId) {
      pinned.push(
        skip(
          `the review planned ${step.action}${step.role ? ` → ${step.role}` : ''}, the policy now plans ${now.action}${now.role ? ` → ${now.role}` : ''}: review the plan again`,
        ),
      );
    } else {
      const seen = step.before ?? now.before;
      const changes = seen ? stateChanges(seen, stateOf(user), 'when reviewed') : [];
      pinned.push(
        changes.length > 0
          ? skip(`changed since the review: ${changes.join('; ')}`)
          : { ...now, ...(seen ? { before: seen } : {}) },
      );
    }
  }
  for (const step of fresh) {
    if (reviewedUsers.has(key(step))) continue;
    pinned.push(
      step.status === 'planned'
        ? { ...step, status: 'skipped', reason: 'not in the reviewed plan: review it in the next plan' }
        : step,
    );
  }
  return pinned;
}
