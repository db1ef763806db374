import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/report/redact-fallback.ts
var WITHHELD = "[withheld]";
function withholdPersonalData(report) {
  const finding = (f) => ({
    ...f,
    message: `${f.rule}: ${WITHHELD}`,
    user: f.user ? {
      ...f.user,
      name: WITHHELD,
      email: null,
      login: null,
      ...f.user.identity?.personId.includes("@") ? { identity: { ...f.user.identity, personId: WITHHELD } } : {}
    } : null,
    evidence: {
      ...f.evidence,
      ...f.evidence.holders ? { holders: f.evidence.holders.map((h) => ({ ...h, name: WITHHELD })) } : {},
      ...f.evidence.reference?.kind === "user" ? { reference: { ...f.evidence.reference, value: WITHHELD } } : {}
    },
    fix: f.fix.steps ? { ...f.fix, steps: [WITHHELD] } : f.fix,
    exemption: f.exemption ? { ...f.exemption, reason: WITHHELD, approvedBy: WITHHELD } : null
  });
  const step = (s) => ({
    ...s,
    user: { ...s.user, name: WITHHELD, email: null },
    ...s.error !== void 0 ? { error: WITHHELD } : {},
    ...s.reason !== void 0 ? { reason: WITHHELD } : {}
  });
  const withheld = {
    ...report,
    findings: report.findings.map(finding),
    comparison: report.comparison && {
      ...report.comparison,
      ...report.comparison.resolvedFindings ? { resolvedFindings: report.comparison.resolvedFindings.map(finding) } : {}
    },
    plan: report.plan.map(step),
    refusals: report.refusals.map((r) => ({ ...r, message: `${r.code}: ${WITHHELD}` })),
    errors: [
      ...report.errors.map((e) => ({ code: e.code, message: `${e.code}: ${WITHHELD}` })),
      {
        code: "report.redaction-failed",
        message: "Masking names and emails failed, so this report withholds every name, email and message; ids, states and the journal are kept.",
        hint: "This is a bug: report it. Rerun with redact: false only where the output is private."
      }
    ],
    redacted: true
  };
  if (report.discovery) {
    withheld.discovery = {
      ...report.discovery,
      changes: report.discovery.changes?.map((c) => ({ ...c, user: { ...c.user, name: WITHHELD } })) ?? null,
      ...report.discovery.unmatched ? {
        unmatched: report.discovery.unmatched.map((a) => ({
          ...a,
          name: WITHHELD,
          email: null,
          login: null
        }))
      } : {}
    };
  }
  return withheld;
}

export {
  withholdPersonalData
};
