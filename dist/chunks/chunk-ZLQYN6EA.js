import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  csvTable
} from "./chunk-A6U6MA56.js";
import {
  isHeld
} from "./chunk-F7KJDFSJ.js";
import {
  exemptionCovers,
  exemptionIsActive
} from "./chunk-6NYRC7FI.js";
import {
  PeopleMasker,
  maskEmail,
  maskName,
  maskPersonId,
  replaceEmails,
  withoutPersonalData
} from "./chunk-O3RGELUA.js";
import {
  matchesUserRef
} from "./chunk-EIDODBDB.js";

// src/evidence/redaction.ts
function maskLogin(login) {
  return login.includes("@") ? maskEmail(login) : maskName(login);
}
function maskUserRef(ref) {
  if (ref.type === "email") return maskEmail(ref.raw);
  if (ref.type === "login") return `login:${maskLogin(ref.raw.slice("login:".length))}`;
  return ref.raw;
}
function peopleMasker(snapshot, policy) {
  const masker = withoutPersonalData("evidence pack", () => knownPeople(snapshot, policy));
  const mask = (text) => replaceEmails(masker.mask(text), (m) => m.includes("***@") ? m : maskEmail(m));
  return (text) => withoutPersonalData("evidence pack", () => mask(text));
}
function knownPeople(snapshot, policy) {
  const masker = new PeopleMasker(maskName);
  for (const u of snapshot?.users ?? []) {
    masker.add(u.name, maskName);
    masker.add(u.email, maskEmail);
    masker.add(u.login, maskLogin);
  }
  if (policy) {
    const refs = [
      ...policy.organization.internalUsers,
      ...policy.organization.externalUsers,
      ...policy.safety.protectedUsers,
      ...policy.exemptions.flatMap((e) => e.user ? [e.user] : [])
    ];
    for (const ref of refs) {
      if (ref.type === "email") masker.add(ref.raw, maskEmail);
      if (ref.type === "login") masker.add(ref.raw.slice("login:".length), maskLogin);
    }
    for (const e of policy.exemptions) masker.add(e.approvedBy, maskEmail);
  }
  return masker;
}

// src/evidence/tables.ts
var ROSTER_COLUMNS = [
  "kind",
  "id",
  "userId",
  "name",
  "email",
  "login",
  "audience",
  "active",
  "locked",
  "roles",
  "built-in role",
  "business unit",
  "business unit id"
];
var IDENTITY_COLUMNS = [
  "identity source",
  "identity state",
  "matched by",
  "person id",
  "last sign-in",
  "audience from"
];
function identityCells(entry, redact) {
  if (!entry) return IDENTITY_COLUMNS.map(() => "");
  const who = entry.identity;
  if (!who) return ["", "unmatched", "", "", "", entry.audienceFrom];
  const personId = redact ? maskPersonId(who.personId) : who.personId;
  return [who.source, who.state, who.matchedBy, personId, who.lastSignIn, entry.audienceFrom];
}
function byRecord(a, b) {
  return a.kind === b.kind ? a.id - b.id : a.kind < b.kind ? -1 : 1;
}
function rosterCsv(snapshot, policy, opts) {
  const mappings = policy?.permissions ?? [];
  const identity = opts.identity ?? null;
  const rows = [...snapshot.users].sort(byRecord).map((u) => {
    const entry = identity ? identity(u) : void 0;
    return [
      u.kind,
      u.id,
      u.userId,
      opts.redact ? maskName(u.name) : u.name,
      u.email !== null && opts.redact ? maskEmail(u.email) : u.email,
      u.login !== null && opts.redact ? maskLogin(u.login) : u.login,
      entry ? entry.audience : opts.audienceOf ? opts.audienceOf(u) : "",
      u.active,
      u.locked,
      u.roles,
      u.role,
      u.businessUnit,
      u.businessUnitId,
      ...identity ? identityCells(entry, opts.redact) : [],
      ...mappings.map((m) => isHeld(u, m))
    ];
  });
  return csvTable(
    [...ROSTER_COLUMNS, ...identity ? IDENTITY_COLUMNS : [], ...mappings.map((m) => m.name)],
    rows
  );
}
function fixText(fix) {
  const action = fix.action === "set-role" ? `set-role: ${fix.role}` : fix.action;
  return [action, ...fix.steps ?? []].join("\n");
}
function findingStatus(f) {
  if (!f.exemption) return "open";
  return f.exemption.status === "active" ? "exempt" : "open (exemption expired)";
}
function findingsCsv(report) {
  const header = [
    "id",
    "rule",
    "severity",
    "status",
    "kind",
    "user id",
    "userId",
    "name",
    "email",
    "login",
    "audience",
    "active",
    "locked",
    "message",
    "permissions",
    "roles",
    "holders",
    "fix",
    "exemption reason",
    "exemption approved by",
    "exemption expires",
    "exemption ticket",
    "exemption status",
    "policy line"
  ];
  const rows = report.findings.map((f) => {
    const u = f.user;
    const e = f.exemption;
    return [
      f.id,
      f.rule,
      f.severity,
      findingStatus(f),
      u?.kind,
      u?.id,
      u?.userId,
      u?.name,
      u?.email,
      u?.login,
      u?.audience,
      u?.active,
      u?.locked,
      f.message,
      f.evidence.permissions ?? f.evidence.permission,
      f.evidence.roles,
      f.evidence.holders?.map((h) => `${h.name} (${h.kind}:${h.id})`),
      fixText(f.fix),
      e?.reason,
      e?.approvedBy,
      e?.expires,
      e?.ticket,
      e?.status,
      f.location.line
    ];
  });
  return csvTable(header, rows);
}
var BUILT_IN_ABOUT_EXEMPTIONS = /* @__PURE__ */ new Set(["exemption-expired", "exemption-unused"]);
function attachedTo(e, f, snapshot) {
  if (f.exemption === null || f.exemption.expires !== e.expires || f.exemption.ticket !== (e.ticket ?? null)) {
    return false;
  }
  if (!snapshot || !e.user || !e.rules.includes(f.rule)) return exemptionCovers(e, f);
  const ref = e.user;
  const u = f.user;
  return u !== null && snapshot.users.some((s) => s.kind === u.kind && s.id === u.id && matchesUserRef(s, ref));
}
function exemptionsCsv(policy, report, snapshot, opts) {
  const header = [
    "user",
    "rules",
    "status",
    "approved by",
    "ticket",
    "expires",
    "reason",
    "findings",
    "built-in findings",
    "policy line"
  ];
  const rows = (policy?.exemptions ?? []).map((e) => {
    const covered = report.findings.filter((f) => attachedTo(e, f, snapshot));
    const status = covered[0]?.exemption?.status ?? (exemptionIsActive(e, opts.now) ? "active" : "expired");
    const about = report.findings.filter(
      (f) => BUILT_IN_ABOUT_EXEMPTIONS.has(f.rule) && f.evidence.exemption === e.index
    );
    return [
      e.user ? opts.redact ? maskUserRef(e.user) : e.user.raw : "(tenant-level findings)",
      e.rules,
      status,
      opts.redact ? maskEmail(e.approvedBy) : e.approvedBy,
      e.ticket,
      e.expires,
      opts.redact ? opts.maskText(e.reason) : e.reason,
      covered.map((f) => f.id),
      about.map((f) => f.id),
      e.position.line
    ];
  });
  return csvTable(header, rows);
}
function planRow(s) {
  return [
    s.action,
    s.role,
    s.roleId,
    s.user.kind,
    s.user.id,
    s.user.userId,
    s.user.name,
    s.user.email,
    s.rules,
    s.findings,
    s.status,
    s.error,
    s.reason,
    s.before?.active,
    s.before?.locked,
    s.before?.roleIds
  ];
}
function planCsv(report) {
  const header = [
    "action",
    "role",
    "role id",
    "kind",
    "id",
    "userId",
    "name",
    "email",
    "rules",
    "findings",
    "status",
    "error",
    "reason",
    "before active",
    "before locked",
    "before role ids"
  ];
  return csvTable(header, report.plan.map(planRow));
}

export {
  maskLogin,
  peopleMasker,
  ROSTER_COLUMNS,
  IDENTITY_COLUMNS,
  rosterCsv,
  findingsCsv,
  exemptionsCsv,
  planCsv
};
