import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/report/redact.ts
var MASK = "***";
function maskEmail(email) {
  const at = email.lastIndexOf("@");
  if (at < 0) return maskWord(email);
  return `${maskWord(email.slice(0, at))}@${email.slice(at + 1)}`;
}
function maskName(name) {
  return name.split(/\s+/).filter((word) => word.length > 0).map(maskWord).join(" ");
}
function maskWord(word) {
  const first = Array.from(word)[0];
  return first === void 0 ? "" : first + MASK;
}
var EMAIL_IN_TEXT = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+/g;
var TextMasker = class {
  replacements = /* @__PURE__ */ new Map();
  add(original, masked) {
    if (original && original.trim().length > 0 && original !== masked)
      this.replacements.set(original, masked);
  }
  build() {
    const entries = [...this.replacements].sort((a, b) => b[0].length - a[0].length);
    if (entries.length === 0) return (text) => text.replace(EMAIL_IN_TEXT, maskEmail);
    const lookup = new Map(entries.map(([k, v]) => [k.toLowerCase(), v]));
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${entries.map(([k]) => escapeRegExp(k)).join("|")})(?![\\p{L}\\p{N}])`,
      "giu"
    );
    return (text) => text.replace(pattern, (match) => lookup.get(match.toLowerCase()) ?? maskName(match)).replace(EMAIL_IN_TEXT, (match) => match.includes(MASK + "@") ? match : maskEmail(match));
  }
};
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function maskLogin(login) {
  return login.includes("@") ? maskEmail(login) : maskWord(login);
}
function collect(report) {
  const masker = new TextMasker();
  const person = (p) => {
    masker.add(p.name, maskName(p.name));
    if (p.email) masker.add(p.email, maskEmail(p.email));
    if (p.login) masker.add(p.login, maskLogin(p.login));
  };
  for (const f of report.findings) {
    if (f.user) person(f.user);
    for (const holder of f.evidence.holders ?? []) person(holder);
    if (f.exemption) masker.add(f.exemption.approvedBy, maskEmail(f.exemption.approvedBy));
  }
  for (const step of report.plan) person(step.user);
  for (const change of report.discovery?.changes ?? []) person(change.user);
  return masker.build();
}
function redactReport(report) {
  const text = collect(report);
  const user = (u) => ({
    ...u,
    name: maskName(u.name),
    email: u.email === null ? null : maskEmail(u.email),
    login: u.login === null ? null : maskLogin(u.login)
  });
  const finding = (f) => ({
    ...f,
    message: text(f.message),
    user: f.user ? user(f.user) : null,
    evidence: {
      ...f.evidence,
      ...f.evidence.holders ? { holders: f.evidence.holders.map((h) => ({ ...h, name: maskName(h.name) })) } : {}
    },
    fix: f.fix.action === "manual" ? { action: "manual", steps: f.fix.steps.map(text) } : f.fix,
    exemption: f.exemption ? { ...f.exemption, reason: text(f.exemption.reason), approvedBy: maskEmail(f.exemption.approvedBy) } : null
  });
  const step = (s) => ({
    ...s,
    user: {
      ...s.user,
      name: maskName(s.user.name),
      email: s.user.email === null ? null : maskEmail(s.user.email)
    },
    ...s.error !== void 0 ? { error: text(s.error) } : {},
    ...s.reason !== void 0 ? { reason: text(s.reason) } : {}
  });
  const redacted = {
    ...report,
    findings: report.findings.map(finding),
    plan: report.plan.map(step),
    refusals: report.refusals.map((r) => ({ ...r, message: text(r.message) })),
    errors: report.errors.map((e) => ({
      ...e,
      message: text(e.message),
      ...e.hint !== void 0 ? { hint: text(e.hint) } : {}
    })),
    redacted: true
  };
  if (report.discovery) {
    redacted.discovery = {
      ...report.discovery,
      changes: report.discovery.changes?.map((c) => ({ ...c, user: { ...c.user, name: maskName(c.user.name) } })) ?? null
    };
  }
  return redacted;
}

export {
  maskEmail,
  maskName,
  redactReport
};
