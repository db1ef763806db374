import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  executePlan
} from "./chunk-TWXWRCPR.js";
import {
  checkMaxChanges,
  findingId,
  minAdminsRefusal,
  protectedRefusal,
  unmatchedGuardRefusal
} from "./chunk-GQWKKZFZ.js";
import {
  EMPLOYEE_USER_ROLES
} from "./chunk-RLNXQJHY.js";
import {
  referenceSite
} from "./chunk-D6KSKHJM.js";
import {
  nearest
} from "./chunk-3KQCMBW2.js";

// src/phase.ts
function emptyOutcome() {
  return { comparison: null, policyIssues: [], notes: [], applyRefused: false, errors: [], baseline: null };
}

// src/engine/unmatched-references.ts
var BUILT_IN_ROLES = EMPLOYEE_USER_ROLES.filter((role) => role !== "Unspecified");
function tenantNames(snapshot) {
  const names = {
    roles: /* @__PURE__ */ new Map(),
    unitIds: /* @__PURE__ */ new Set(),
    units: /* @__PURE__ */ new Map(),
    addresses: /* @__PURE__ */ new Set(),
    logins: /* @__PURE__ */ new Set(),
    userIds: /* @__PURE__ */ new Set(),
    records: /* @__PURE__ */ new Set(),
    emails: []
  };
  const role = (name) => {
    if (!names.roles.has(name.toLowerCase())) names.roles.set(name.toLowerCase(), name);
  };
  const unit = (name) => {
    const key = name.trim().toLowerCase();
    if (key !== "" && !names.units.has(key)) names.units.set(key, name.trim());
  };
  for (const r of snapshot.roles) role(r.name);
  for (const name of BUILT_IN_ROLES) role(name);
  for (const u of snapshot.businessUnits) {
    names.unitIds.add(u.id);
    unit(u.name);
  }
  for (const user of snapshot.users) {
    for (const name of user.roles) role(name);
    if (user.role) role(user.role);
    if (user.businessUnitId !== null) names.unitIds.add(user.businessUnitId);
    if (user.businessUnit) unit(user.businessUnit);
    const email = user.email?.toLowerCase();
    if (email) {
      names.addresses.add(email);
      names.emails.push(user.email);
    }
    const login = user.login?.toLowerCase();
    if (login) {
      names.addresses.add(login);
      names.logins.add(login);
    }
    if (user.userId !== null) names.userIds.add(user.userId);
    names.records.add(`${user.kind}:${user.id}`);
  }
  return names;
}
function userExists(ref, names) {
  switch (ref.type) {
    case "email":
      return names.addresses.has(ref.value.toLowerCase());
    case "login":
      return names.logins.has(ref.value.toLowerCase());
    case "user":
      return names.userIds.has(ref.value);
    case "employee":
    case "technician":
      return names.records.has(`${ref.type}:${ref.value}`);
  }
}
function unitExists(unit, names) {
  if (typeof unit === "number") return names.unitIds.has(unit);
  const text = unit.trim();
  return names.units.has(text.toLowerCase()) || /^\d+$/.test(text) && names.unitIds.has(Number(text));
}
function references(policy, names) {
  const out = [];
  const roleNames = [...names.roles.values()];
  const unitNames = [...names.units.values()];
  const add = (rule, path, key, kind, named2) => {
    const value = typeof named2 === "object" ? named2.raw : String(named2);
    let matched;
    let suggestion;
    if (typeof named2 === "object") {
      matched = userExists(named2, names);
      if (!matched && named2.type === "email") suggestion = nearest(named2.value, names.emails);
    } else if (kind === "role") {
      matched = names.roles.has(String(named2).toLowerCase());
      if (!matched) suggestion = nearest(String(named2), roleNames);
    } else {
      matched = unitExists(named2, names);
      if (!matched && typeof named2 === "string") suggestion = nearest(named2.trim(), unitNames);
    }
    out.push({
      evidence: { kind, value, key, ...rule ? { rule: rule.id } : {} },
      path,
      named: named2,
      rule,
      matched,
      suggestion
    });
  };
  policy.rules.forEach((rule, index) => {
    const at = (key2) => `rules.${index}.${key2}`;
    const scope = rule.appliesTo;
    for (const role of scope.roles ?? []) add(rule, at("applies-to.roles"), "applies-to.roles", "role", role);
    for (const unit of scope.businessUnits ?? [])
      add(rule, at("applies-to.business-units"), "applies-to.business-units", "business-unit", unit);
    for (const user of scope.users ?? []) add(rule, at("applies-to.users"), "applies-to.users", "user", user);
    for (const user of scope.exceptUsers)
      add(rule, at("applies-to.except-users"), "applies-to.except-users", "user", user);
    const roles = rule.kind === "forbid" ? rule.forbid.roles : rule.maxHolders.roles;
    const key = rule.kind === "forbid" ? "forbid.roles" : "max-holders.roles";
    for (const role of roles) add(rule, at(key), key, "role", role);
  });
  for (const user of policy.safety.protectedUsers)
    add(null, "safety.protected-users", "safety.protected-users", "user", user);
  for (const role of policy.safety.adminRoles)
    add(null, "safety.admin-roles", "safety.admin-roles", "role", role);
  return out;
}
function named(r) {
  if (r.kind === "user") return `the user ${r.value}`;
  return `the ${r.kind === "role" ? "role" : "business unit"} "${r.value}"`;
}
function nothing(r) {
  if (r.kind === "user") return "who matches no account of the tenant, active or not";
  return `which is not a ${r.kind === "role" ? "role" : "business unit"} of the tenant`;
}
function consequence(r) {
  switch (r.key) {
    case "applies-to.roles":
    case "applies-to.business-units":
      return `the rule leaves out holders of the ${r.kind === "role" ? "role" : "business unit"} meant, and may check nobody`;
    case "applies-to.users":
      return "the rule leaves out the account meant, and may check nobody";
    case "applies-to.except-users":
      return "the rule still checks the account meant to be excepted";
    case "forbid.roles":
      return "the rule never finds holders of the role meant";
    case "max-holders.roles":
      return "the rule does not count holders of the role meant";
    case "safety.protected-users":
      return "apply would not protect the account meant, so it refuses to change anything until this is corrected";
    default:
      return "min-active-admins would not count the admins meant, so apply refuses to change anything until this is corrected";
  }
}
function fixStep(r, policy, at) {
  const where = `line ${at.line} of ${policy.source.path}`;
  const guess = r.suggestion ? ` (did you mean "${r.suggestion}"?)` : "";
  switch (r.evidence.kind) {
    case "role":
      return `Correct the role "${r.evidence.value}" at ${where} to a role of the tenant${guess}, or remove it; \`st-access-guard discover\` lists the roles.`;
    case "business-unit":
      return `Correct the business unit "${r.evidence.value}" at ${where} to one of the tenant's (by name or id)${guess}, or remove it.`;
    case "user":
      return `Correct ${r.evidence.value} at ${where} to an account of the tenant${guess} (its email, login:NAME, user:ID, employee:ID or technician:ID), or remove it if the person has no account.`;
  }
}
function referenceUnmatchedFindings(policy, snapshot) {
  const names = tenantNames(snapshot);
  return references(policy, names).filter((r) => !r.matched).map((r) => {
    const guard = r.rule === null;
    const location = policy.referencePositions?.[referenceSite(r.path, r.named)] ?? r.rule?.position ?? { line: 1, column: 1 };
    const subject = typeof r.named === "object" ? `${r.named.type}:${r.named.value}` : String(r.named);
    return {
      id: findingId(
        "reference-unmatched",
        r.rule ? `rule:${r.rule.id}` : "safety",
        r.evidence.key,
        subject
      ),
      rule: "reference-unmatched",
      severity: guard ? "high" : "medium",
      message: guard ? `${r.evidence.key} names ${named(r.evidence)}, ${nothing(r.evidence)}: ${consequence(r.evidence)}` : `Rule ${r.evidence.rule} names ${named(r.evidence)} in ${r.evidence.key}, ${nothing(r.evidence)}: ` + consequence(r.evidence),
      user: null,
      evidence: { reference: r.evidence },
      fix: { action: "manual", steps: [fixStep(r, policy, location)] },
      exemption: null,
      location
    };
  });
}

// src/apply/guard.ts
function applyRefusals(evaluation, guard) {
  return [
    guard.eventRefusal,
    ...evaluation.refusals,
    checkMaxChanges(evaluation.plan, guard.maxChanges, "apply")
  ].filter((r) => r !== null);
}
function undoRefusals(plan, policy, snapshot, guard) {
  return [
    guard.eventRefusal,
    checkMaxChanges(plan, guard.maxChanges, "undo"),
    protectedRefusal(plan, "undo"),
    minAdminsRefusal(policy, snapshot, plan, "undo"),
    policy ? unmatchedGuardRefusal(referenceUnmatchedFindings(policy, snapshot), "undo") : null
  ].filter((r) => r !== null);
}
async function confirmation(plan, refusals, options) {
  const steps = plan.filter((s) => s.status === "planned");
  if (!options.confirm || refusals.length > 0 || steps.length === 0) return null;
  if (await options.confirm(steps)) return null;
  return {
    code: "apply.not-confirmed",
    message: `The ${steps.length} change${steps.length === 1 ? " was" : "s were"} not confirmed at the prompt, so nothing was changed.`
  };
}
async function executeIfAllowed(plan, refusals, writer, reader, options) {
  if (refusals.length > 0) return null;
  if (!plan.some((s) => s.status === "planned")) return plan;
  return executePlan(plan, writer, reader, options);
}

export {
  emptyOutcome,
  referenceUnmatchedFindings,
  applyRefusals,
  undoRefusals,
  confirmation,
  executeIfAllowed
};
