/**
 * The report when masking itself failed: every name, email, login and free text that could quote
 * one is withheld, ids and states are kept. A public log must never get the unmasked report, and
 * an apply's journal (ids, states, seals) must never be lost because masking failed.
 */
import type { Finding, PlanStep } from '../engine/types.js';
import type { Report } from './model.js';

const WITHHELD = '[withheld]';

export function withholdPersonalData(report: Report): Report {
  const finding = (f: Finding): Finding => ({
    ...f,
    message: `${f.rule}: ${WITHHELD}`,
    user: f.user
      ? {
          ...f.user,
          name: WITHHELD,
          email: null,
          login: null,
          ...(f.user.identity?.personId.includes('@')
            ? { identity: { ...f.user.identity, personId: WITHHELD } }
            : {}),
        }
      : null,
    evidence: {
      ...f.evidence,
      ...(f.evidence.holders ? { holders: f.evidence.holders.map((h) => ({ ...h, name: WITHHELD })) } : {}),
      ...(f.evidence.reference?.kind === 'user'
        ? { reference: { ...f.evidence.reference, value: WITHHELD } }
        : {}),
    },
    fix: f.fix.steps ? { ...f.fix, steps: [WITHHELD] } : f.fix,
    exemption: f.exemption ? { ...f.exemption, reason: WITHHELD, approvedBy: WITHHELD } : null,
  });
  const step = (s: PlanStep): PlanStep => ({
    ...s,
    user: { ...s.user, name: WITHHELD, email: null },
    ...(s.error !== undefined ? { error: WITHHELD } : {}),
    ...(s.reason !== undefined ? { reason: WITHHELD } : {}),
  });
  const withheld: Report = {
    ...report,
    findings: report.findings.map(finding),
    comparison: report.comparison && {
      ...report.comparison,
      ...(report.comparison.resolvedFindings
        ? { resolvedFindings: report.comparison.resolvedFindings.map(finding) }
        : {}),
    },
    plan: report.plan.map(step),
    refusals: report.refusals.map((r) => ({ ...r, message: `${r.code}: ${WITHHELD}` })),
    errors: [
      ...report.errors.map((e) => ({ code: e.code, message: `${e.code}: ${WITHHELD}` })),
      {
        code: 'report.redaction-failed',
        message:
          'Masking names and emails failed, so this report withholds every name, email and message; ids, states and the journal are kept.',
        hint: 'This is a bug: report it. Rerun with redact: false only where the output is private.',
      },
    ],
    redacted: true,
  };
  if (report.discovery) {
    withheld.discovery = {
      ...report.discovery,
      changes: report.discovery.changes?.map((c) => ({ ...c, user: { ...c.user, name: WITHHELD } })) ?? null,
      ...(report.discovery.unmatched
        ? {
            unmatched: report.discovery.unmatched.map((a) => ({
              ...a,
              name: WITHHELD,
              email: null,
              login: null,
            })),
          }
        : {}),
    };
  }
  return withheld;
}
