/**
 * Reading the journal `undo` works from: the JSON report of an earlier apply (SPEC §5, §6). Only
 * the fields undo needs are checked, tolerantly, so reports of older or newer versions still read.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import type { PlanStep } from '../engine/types.js';

/** A user's state as a journal records it: what undo compares and restores. */
export const UserState = z.object({
  active: z.boolean(),
  locked: z.boolean(),
  roleIds: z.array(z.number().int()),
});

const JournalStep = z.looseObject({
  action: z.string(),
  role: z.string().optional(),
  roleId: z.number().int().optional(),
  user: z.looseObject({
    kind: z.enum(['employee', 'technician']),
    id: z.number().int(),
    userId: z.number().int().nullish(),
    name: z.string().nullish(),
    email: z.string().nullish(),
  }),
  rules: z.array(z.string()).optional(),
  findings: z.array(z.string()).optional(),
  status: z.string(),
  before: UserState.optional(),
  after: UserState.optional(),
  seal: z.string().optional(),
});

/** The fields of a report of this tool that say which run wrote it, with its plan's steps. */
export function reportOf<Step extends z.ZodType>(step: Step) {
  return z.looseObject({
    version: z.literal(1),
    mode: z.string(),
    tenant: z.string().nullable(),
    environment: z.string(),
    finishedAt: z.string().optional(),
    plan: z.array(step),
  });
}

const ApplyReport = reportOf(JournalStep);

/**
 * A verified apply step, with the state its user was in before the change. Whether undo may trust
 * it (its `after` read-back and seal) is checked against the run's key in undo-run.ts.
 */
export type AppliedStep = PlanStep & {
  action: 'lock' | 'deactivate' | 'set-role';
  before: NonNullable<PlanStep['before']>;
};

export interface ApplyJournal {
  /** the report file, as given */
  file: string;
  tenant: string;
  environment: string;
  finishedAt: string | null;
  /** the verified steps that recorded the user's state before the change: what undo reverses once their seals check */
  steps: AppliedStep[];
  /** steps written but never verified (`applied`), which undo leaves alone */
  unverified: number;
}

const REVERSIBLE = new Set(['lock', 'deactivate', 'set-role']);

function notAnApplyReport(file: string, why: string): ConfigurationError {
  return new ConfigurationError(
    'undo.not-an-apply-report',
    `${file} is not the report of an apply: ${why}`,
    'Give the JSON report an earlier `apply` wrote (the `report` input or --report of that run, e.g. downloaded from its artifact).',
  );
}

/**
 * The apply journal in `text`, checked against the tenant this run is connected to. A file that
 * is not an apply report, or that belongs to another tenant, is a configuration error.
 */
export function parseApplyJournal(
  text: string,
  file: string,
  connected: { tenant: string; environment: string },
): ApplyJournal {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw notAnApplyReport(file, `it is not JSON (${(error as Error).message}).`);
  }
  const parsed = ApplyReport.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the report';
    throw notAnApplyReport(file, `${where}: ${issue?.message ?? 'unreadable'}.`);
  }
  const report = parsed.data;
  if (report.mode !== 'apply') {
    throw notAnApplyReport(
      file,
      `it was written by a \`${report.mode}\` run${report.mode === 'undo' ? ' (undo reverses an apply, not another undo)' : ''}.`,
    );
  }
  if (report.tenant !== connected.tenant || report.environment !== connected.environment) {
    throw new ConfigurationError(
      'undo.wrong-tenant',
      `${file} is the report of tenant ${report.tenant ?? '(none)'} (${report.environment}), but this run is connected to tenant ${connected.tenant} (${connected.environment}).`,
      'Run undo with the credentials and environment of the tenant the apply changed.',
    );
  }
  const steps: AppliedStep[] = [];
  let unverified = 0;
  for (const step of report.plan) {
    if (step.status === 'applied') unverified++;
    if (step.status !== 'verified' || !step.before || !REVERSIBLE.has(step.action)) continue;
    steps.push({
      action: step.action as AppliedStep['action'],
      ...(step.role !== undefined ? { role: step.role } : {}),
      ...(step.roleId !== undefined ? { roleId: step.roleId } : {}),
      user: {
        kind: step.user.kind,
        id: step.user.id,
        userId: step.user.userId ?? null,
        name: step.user.name ?? '',
        email: step.user.email ?? null,
      },
      rules: step.rules ?? [],
      findings: step.findings ?? [],
      status: 'verified',
      before: { active: step.before.active, locked: step.before.locked, roleIds: [...step.before.roleIds] },
      ...(step.after
        ? {
            after: { active: step.after.active, locked: step.after.locked, roleIds: [...step.after.roleIds] },
          }
        : {}),
      ...(step.seal !== undefined ? { seal: step.seal } : {}),
    });
  }
  return {
    file,
    tenant: report.tenant ?? '',
    environment: report.environment,
    finishedAt: report.finishedAt ?? null,
    steps,
    unverified,
  };
}

/** Reads and checks the apply report at `resolved` (`file` is how the user named it). */
export async function readApplyJournal(
  file: string,
  resolved: string,
  connected: { tenant: string; environment: string },
): Promise<ApplyJournal> {
  let text: string;
  try {
    text = await readFile(resolved, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigurationError(
      'undo.report-not-found',
      `Cannot read the apply report ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
      'Give the path of the JSON report the apply wrote: `st-access-guard undo REPORT`, or the `report` input with `mode: undo`.',
    );
  }
  return parseApplyJournal(text, file, connected);
}

/** Where undo writes its own journal: beside the apply report it read, never over it. */
export function undoJournalPath(applyReportPath: string): string {
  return `${applyReportPath}.undo.json`;
}
