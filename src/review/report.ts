/**
 * The report of a review run: the one report model with mode `review`, its `review` section, and
 * names masked as everywhere when the run redacts.
 */
import { GuardError } from '../errors.js';
import { emptyCounts } from '../engine/counts.js';
import type { Snapshot } from '../engine/snapshot.js';
import { peopleMasker } from '../evidence/redaction.js';
import type { Logger } from '../logger.js';
import type { Policy } from '../policy/types.js';
import { buildReport } from '../report/build.js';
import { replaceEmails } from '../report/mask-text.js';
import type { Report, ReportError, ReviewSection } from '../report/model.js';
import { maskEmail, maskName, redactReport } from '../report/redact.js';
import { withholdPersonalData } from '../report/redact-fallback.js';
import { TOOL_VERSION } from '../version.js';
import type { State } from './state.js';

export function reportError(error: unknown, logger: Logger, redacted: boolean): ReportError {
  if (error instanceof GuardError) {
    return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  }
  const kind = error instanceof Error ? error.name : typeof error;
  logger.debug(
    redacted ? `${kind} (message withheld: redaction is on)` : String((error as Error)?.stack ?? error),
  );
  return {
    code: 'internal.unexpected',
    message: redacted
      ? `Unexpected error (${kind}); its text is withheld because redaction is on.`
      : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    hint: 'This is a bug. Rerun with debug logging (ACTIONS_STEP_DEBUG or --debug) and report it with the output.',
  };
}

export function finalReport(state: State, errors: ReportError[]): Report {
  const { options } = state;
  const tenant = state.tenant;
  const report = buildReport(
    {
      mode: 'review',
      tenant: options.tenant,
      environment: options.environment,
      policy: {
        path: options.policyPath,
        sha256: options.policy.source.sha256,
        ...(options.policy.source.extends ? { extends: options.policy.source.extends } : {}),
      },
      startedAt: state.startedAt,
      finishedAt: options.now(),
      // a review records decisions; the findings it shows are for the reader, never the run's verdict
      failOn: 'never',
      toolVersion: TOOL_VERSION,
    },
    {
      evaluation: {
        findings: tenant?.findings ?? [],
        plan: state.plan,
        refusals: state.refusals,
        counts: tenant ? { ...tenant.counts } : emptyCounts(),
      },
      errors,
    },
  );
  report.review = options.redact
    ? maskedSection(state.section, tenant?.snapshot ?? null, options.policy)
    : state.section;
  if (!options.redact) return report;
  try {
    return redactReport(report);
  } catch {
    options.logger.error(
      'Masking names and emails failed; the report withholds every name, email and message instead.',
    );
    return withholdPersonalData(report);
  }
}

/** The section with names, emails and any address in a reason masked, like the rest of the report. */
export function maskedSection(
  section: ReviewSection,
  snapshot: Snapshot | null,
  policy: Policy,
): ReviewSection {
  const text = snapshot ? peopleMasker(snapshot, policy) : (t: string) => replaceEmails(t, maskEmail);
  return {
    ...section,
    attestations: section.attestations.map((a) => ({
      ...a,
      name: maskName(a.name),
      email: a.email === null ? null : maskEmail(a.email),
      reason: a.reason === null ? null : text(a.reason),
    })),
  };
}
