import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  EMPLOYEE_USER_ROLES
} from "./chunk-RLNXQJHY.js";
import {
  findingId
} from "./chunk-UBDJSMVH.js";
import {
  executePlan
} from "./chunk-5ZIREPRA.js";
import {
  checkMaxChanges,
  minAdminsRefusal,
  protectedRefusal,
  unmatchedGuardRefusal
} from "./chunk-PNQK3LOO.js";
import {
  referenceSite
} from "./chunk-WA5K76RQ.js";
import {
  nearest
} from "./chunk-5PL237VK.js";

// src/phase.ts
function emptyOutcome() {
  return { comparison: null, policyIssues: [], notes: [], applyRefused: false, errors: [], baseline: null };
}

// src/engine/unmatched-references.ts
var BUILT_IN_ROLES = EMPLOYEE_USER_ROLES.filter((role) => role !== "Unspecified");
var TenantNames = class {
  constructor(snapshot) {
    this.snapshot = snapshot;
  }
  snapshot;
  /** lower-case role name -> as the tenant spells it: the role list and the built-in roles */
  listedRoles = null;
  /** the same, and every role a user holds */
  allRoles = null;
  /** lower-case, trimmed business unit name -> as the tenant spells it, and the unit ids */
  listedUnits = null;
  allUnits = null;
  /** the user references found among the accounts, by `userRefKey` */
  foundUsers = null;
  /** emails, and the same in lower case, for "did you mean" on an email reference */
  allEmails = null;
  hasRole(name) {
    const key = name.toLowerCase();
    return this.roles(false).has(key) || this.roles(true).has(key);
  }
  /** every role name, for "did you mean" */
  roleNames() {
    return [...this.roles(true).values()];
  }
  hasUnit(unit) {
    return unitIn(unit, this.units(false)) || unitIn(unit, this.units(true));
  }
  /** every business unit name, for "did you mean" */
  unitNames() {
    return [...this.units(true).names.values()];
  }
  /**
   * The same test as `matchesUserRef`. Every reference `wanted` names is looked for in one pass
   * over the accounts, the first time one is asked about; only what they name is computed.
   */
  hasUser(ref, wanted) {
    this.foundUsers ??= this.findUsers(wanted);
    return this.foundUsers.has(userRefKey(ref));
  }
  emails() {
    if (!this.allEmails) {
      const emails = [];
      for (const user of this.snapshot.users) if (user.email) emails.push(user.email);
      this.allEmails = { emails, lowered: emails.map((email) => email.toLowerCase()) };
    }
    return this.allEmails;
  }
  roles(withUsers) {
    if (!withUsers && this.listedRoles) return this.listedRoles;
    if (withUsers && this.allRoles) return this.allRoles;
    const roles = /* @__PURE__ */ new Map();
    const role = (name) => {
      if (!roles.has(name.toLowerCase())) roles.set(name.toLowerCase(), name);
    };
    for (const r of this.snapshot.roles) role(r.name);
    for (const name of BUILT_IN_ROLES) role(name);
    if (!withUsers) return this.listedRoles = roles;
    const seen = /* @__PURE__ */ new Set();
    const held = (name) => {
      if (seen.has(name)) return;
      seen.add(name);
      role(name);
    };
    for (const user of this.snapshot.users) {
      for (const name of user.roles) held(name);
      if (user.role) held(user.role);
    }
    return this.allRoles = roles;
  }
  units(withUsers) {
    if (!withUsers && this.listedUnits) return this.listedUnits;
    if (withUsers && this.allUnits) return this.allUnits;
    const units = { names: /* @__PURE__ */ new Map(), ids: /* @__PURE__ */ new Set() };
    const seen = /* @__PURE__ */ new Set();
    const unit = (name) => {
      if (seen.has(name)) return;
      seen.add(name);
      const key = name.trim().toLowerCase();
      if (key !== "" && !units.names.has(key)) units.names.set(key, name.trim());
    };
    for (const u of this.snapshot.businessUnits) {
      units.ids.add(u.id);
      unit(u.name);
    }
    if (!withUsers) return this.listedUnits = units;
    for (const user of this.snapshot.users) {
      if (user.businessUnitId !== null) units.ids.add(user.businessUnitId);
      if (user.businessUnit) unit(user.businessUnit);
    }
    return this.allUnits = units;
  }
  findUsers(wanted) {
    const addresses = /* @__PURE__ */ new Set();
    const logins = /* @__PURE__ */ new Set();
    const userIds = /* @__PURE__ */ new Set();
    const records = /* @__PURE__ */ new Set();
    for (const ref of wanted) {
      if (ref.type === "email") addresses.add(ref.value.toLowerCase());
      else if (ref.type === "login") logins.add(ref.value.toLowerCase());
      else if (ref.type === "user") userIds.add(ref.value);
      else records.add(userRefKey(ref));
    }
    const found = /* @__PURE__ */ new Set();
    for (const user of this.snapshot.users) {
      if (addresses.size > 0 || logins.size > 0) {
        const login = user.login?.toLowerCase();
        if (login) {
          if (addresses.has(login)) found.add(`email:${login}`);
          if (logins.has(login)) found.add(`login:${login}`);
        }
      }
      if (addresses.size > 0) {
        const email = user.email?.toLowerCase();
        if (email && addresses.has(email)) found.add(`email:${email}`);
      }
      if (user.userId !== null && userIds.has(user.userId)) found.add(`user:${user.userId}`);
      if (records.size > 0) {
        const record = `${user.kind}:${user.id}`;
        if (records.has(record)) found.add(record);
      }
    }
    return found;
  }
};
function userRefKey(ref) {
  return ref.type === "email" || ref.type === "login" ? `${ref.type}:${ref.value.toLowerCase()}` : `${ref.type}:${ref.value}`;
}
function unitIn(unit, units) {
  if (typeof unit === "number") return units.ids.has(unit);
  const text = unit.trim();
  return units.names.has(text.toLowerCase()) || /^\d+$/.test(text) && units.ids.has(Number(text));
}
function references(policy, names) {
  const found = [];
  const add = (rule, path, key, kind, named2) => {
    const value = typeof named2 === "object" ? named2.raw : String(named2);
    found.push({ evidence: { kind, value, key, ...rule ? { rule: rule.id } : {} }, path, named: named2, rule });
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
  const userRefs = found.flatMap((r) => typeof r.named === "object" ? [r.named] : []);
  return found.map((r) => {
    const { named: named2 } = r;
    let matched;
    let suggestion;
    if (typeof named2 === "object") {
      matched = names.hasUser(named2, userRefs);
      if (!matched && named2.type === "email") {
        const { emails, lowered } = names.emails();
        suggestion = nearest(named2.value, emails, lowered);
      }
    } else if (r.evidence.kind === "role") {
      matched = names.hasRole(String(named2));
      if (!matched) suggestion = nearest(String(named2), names.roleNames());
    } else {
      matched = names.hasUnit(named2);
      if (!matched && typeof named2 === "string") suggestion = nearest(named2.trim(), names.unitNames());
    }
    return { ...r, matched, suggestion };
  });
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
  const names = new TenantNames(snapshot);
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
