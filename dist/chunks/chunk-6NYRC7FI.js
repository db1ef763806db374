import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  parseUserRef
} from "./chunk-WA5K76RQ.js";
import {
  matchesUserRef
} from "./chunk-EIDODBDB.js";

// src/engine/exemptions.ts
function exemptionEndsAt(e) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(e.expires);
  if (!match) return Number.NEGATIVE_INFINITY;
  const [, year, month, day] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), 23, 59, 59, 999);
}
function exemptionIsActive(e, now) {
  return now.getTime() <= exemptionEndsAt(e);
}
function userRefText(ref) {
  return ref.type === "email" ? ref.value.toLowerCase() : `${ref.type}:${String(ref.value).toLowerCase()}`;
}
function exemptionKey(e) {
  const who = e.user ? userRefText(e.user) : "tenant";
  return `${who}\0${[...e.rules].sort().join(",")}\0${e.expires}`;
}
function toFindingExemption(e, now) {
  return {
    reason: e.reason,
    expires: e.expires,
    approvedBy: e.approvedBy,
    ticket: e.ticket ?? null,
    status: exemptionIsActive(e, now) ? "active" : "expired"
  };
}
function exemptionCovers(e, finding) {
  if (!e.rules.includes(finding.rule)) return false;
  if (e.user === void 0) return finding.user === null;
  return finding.user !== null && matchesUserRef(finding.user, e.user);
}
function preferred(a, b) {
  const byEnd = exemptionEndsAt(b) - exemptionEndsAt(a);
  if (byEnd !== 0) return byEnd > 0 ? b : a;
  return b.index < a.index ? b : a;
}
function applyExemptions(findings, exemptions, now) {
  const used = /* @__PURE__ */ new Set();
  const active = exemptions.filter((e) => exemptionIsActive(e, now));
  const expired = exemptions.filter((e) => !exemptionIsActive(e, now));
  const covered = findings.map((finding) => {
    let chosen = null;
    for (const e of active) {
      if (!exemptionCovers(e, finding)) continue;
      used.add(e.index);
      chosen = chosen ? preferred(chosen, e) : e;
    }
    if (chosen === null) {
      for (const e of expired) if (exemptionCovers(e, finding)) chosen = chosen ? preferred(chosen, e) : e;
    }
    return chosen ? { ...finding, exemption: toFindingExemption(chosen, now) } : finding;
  });
  return { findings: covered, used };
}
function isExempt(finding) {
  return finding.exemption?.status === "active";
}
function identityKeys(user) {
  const keys = [`account:${user.kind}:${user.id}`];
  if (user.userId !== null) keys.push(`user:${user.userId}`);
  const aad = user.aadUserId?.trim().toLowerCase();
  if (aad) keys.push(`aad:${aad}`);
  const email = user.email?.trim().toLowerCase();
  if (email) keys.push(`address:${email}`);
  const login = user.login?.trim().toLowerCase();
  if (login) {
    keys.push(`login:${login}`);
    if (login.includes("@")) keys.push(`address:${login}`);
  }
  return keys;
}
function peopleOf(users) {
  const parent = users.map((_, i) => i);
  const find = (i) => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const owner = /* @__PURE__ */ new Map();
  users.forEach((user, i) => {
    for (const key of identityKeys(user)) {
      const first = owner.get(key);
      if (first === void 0) owner.set(key, i);
      else parent[find(i)] = find(first);
    }
  });
  return users.map((_, i) => find(i));
}
function describeAccount(user) {
  return `${user.kind} #${user.id}`;
}
function selfApprovedExemptions(policy, snapshot) {
  const users = snapshot.users;
  let person = null;
  const accountsNamed = (ref) => {
    const found = [];
    for (let i = 0; i < users.length; i++) if (matchesUserRef(users[i], ref)) found.push(i);
    return found;
  };
  const issues = [];
  for (const exemption of policy.exemptions) {
    const approver = parseUserRef(exemption.approvedBy);
    if (!exemption.user || !approver) continue;
    const exemptedAccounts = accountsNamed(exemption.user);
    if (exemptedAccounts.length === 0) continue;
    const approverAccounts = accountsNamed(approver);
    if (approverAccounts.length === 0) continue;
    person ??= peopleOf(users);
    const exempted = /* @__PURE__ */ new Map();
    for (const i of exemptedAccounts) if (!exempted.has(person[i])) exempted.set(person[i], users[i]);
    const shared = approverAccounts.map((i) => person[i]).find((p) => exempted.has(p));
    if (shared === void 0) continue;
    const at = exemption.approvedByPosition ?? exemption.position;
    issues.push({
      file: policy.source.path,
      line: at.line,
      column: at.column,
      code: "policy.self-approved",
      message: `The exemption for \`${exemption.user.raw}\` is approved by \`${exemption.approvedBy}\`, which is the same person in the tenant (${describeAccount(exempted.get(shared))}).`,
      hint: "have someone else approve it"
    });
  }
  return issues;
}

export {
  exemptionEndsAt,
  exemptionIsActive,
  exemptionKey,
  exemptionCovers,
  applyExemptions,
  isExempt,
  selfApprovedExemptions
};
