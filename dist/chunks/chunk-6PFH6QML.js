import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  executePlan
} from "./chunk-TWXWRCPR.js";
import {
  findingId
} from "./chunk-UBDJSMVH.js";
import {
  isHeld,
  userKey
} from "./chunk-WWFQ72M6.js";
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

// src/engine/safety.ts
function who(step) {
  return `${step.user.name} (${step.user.kind} #${step.user.id})`;
}
function changing(plan) {
  return plan.filter((step) => step.status !== "skipped");
}
function checkMaxChanges(plan, maxChanges, verb = "apply") {
  const changes = changing(plan).length;
  if (changes <= maxChanges) return null;
  return {
    code: "apply.max-changes",
    message: verb === "apply" ? `The plan has ${changes} changes, more than max-changes (${maxChanges}), so apply changes nothing. Review the plan; if it is right, raise max-changes for this run, or narrow the rules so fewer users are changed at once.` : `The undo has ${changes} changes, more than max-changes (${maxChanges}), so it changes nothing. Review the plan; if it is right, raise max-changes for this run.`
  };
}
function isAdmin(roles, builtIn, adminRoles) {
  return roles.some((role) => adminRoles.has(role.toLowerCase())) || builtIn !== null && adminRoles.has(builtIn.toLowerCase());
}
function adminPermissionMappings(policy) {
  const names = new Set(policy?.safety.adminPermissions ?? []);
  return (policy?.permissions ?? []).filter((mapping) => names.has(mapping.name));
}
function activeAdmins(policy, snapshot, plan) {
  const adminRoles = new Set(adminRoleNames(policy).map((role) => role.toLowerCase()));
  const adminPermissions = adminPermissionMappings(policy);
  const byPermission = (user) => adminPermissions.some((mapping) => isHeld(user, mapping));
  const stepsByUser = new Map(changing(plan).map((step) => [userKey(step.user), step]));
  const changedIds = new Set(changing(plan).map((step) => step.user.id));
  let before = 0;
  let after = 0;
  for (const user of snapshot.users) {
    const usable = user.active && !user.locked;
    const adminNow = usable && (isAdmin(user.roles, user.role, adminRoles) || byPermission(user));
    if (adminNow) before += 1;
    const step = changedIds.has(user.id) ? stepsByUser.get(userKey(user)) : void 0;
    if (!step) {
      if (adminNow) after += 1;
      continue;
    }
    const active = step.action === "deactivate" ? false : step.action === "activate" ? true : user.active;
    const locked = step.action === "lock" ? true : step.action === "unlock" ? false : user.locked;
    const replacesRoles = step.action === "set-role" || step.action === "restore-role";
    const admin = replacesRoles ? isAdmin([step.role ?? ""], null, adminRoles) : isAdmin(user.roles, user.role, adminRoles) || byPermission(user);
    if (active && !locked && admin) after += 1;
  }
  return { before, after };
}
function adminRoleNames(policy) {
  return policy?.safety.adminRoles ?? ["Admin"];
}
function adminsLabel(policy) {
  return [
    ...policy.safety.adminRoles,
    ...(policy.safety.adminPermissions ?? []).map((name) => `permission ${name}`)
  ].join(", ");
}
function protectedRefusal(plan, verb = "apply") {
  const touched = plan.filter((step) => step.reason === "protected user");
  if (touched.length === 0) return null;
  return {
    code: "apply.protected-user",
    message: verb === "apply" ? `The plan would change protected users (${touched.map(who).join(", ")}), which apply never changes, so the whole plan is refused. Exempt them from the rules that want to change them, change those rules' fix, or remove them from safety.protected-users if they should no longer be protected.` : `The undo would change protected users (${touched.map(who).join(", ")}), which are never changed, so it changes nothing. Restore them by hand, or remove them from safety.protected-users if they should no longer be protected.`
  };
}
function minAdminsRefusal(policy, snapshot, plan, verb = "apply") {
  const min = policy?.safety.minActiveAdmins ?? 0;
  if (!policy || min <= 0 || changing(plan).length === 0) return null;
  const { before, after } = activeAdmins(policy, snapshot, plan);
  if (after >= min) return null;
  const what = verb === "apply" ? "the plan" : "the undo";
  return {
    code: "apply.min-active-admins",
    message: `After ${what}, ${after} active admin${after === 1 ? "" : "s"} (${adminsLabel(policy)}) would remain (${before} now), fewer than safety.min-active-admins (${min}), so ${verb} changes nothing. ` + (verb === "apply" ? `Protect or exempt the admins the plan would lock out, or check that safety.admin-roles (and safety.admin-permissions) name the tenant's admin access.` : `Restore those roles by hand, or check that safety.admin-roles (and safety.admin-permissions) name the tenant's admin access.`)
  };
}
function unmappedRefusal(findings) {
  const unmapped = findings.filter((f) => f.rule === "permission-unmapped");
  if (unmapped.length === 0) return null;
  const names = unmapped.map((f) => f.evidence.permission ?? "?").join(", ");
  return {
    code: "apply.permission-unmapped",
    message: `Permission mappings ${names} match no user in the tenant, so the audit cannot be trusted and apply changes nothing. Find the right ids with \`st-access-guard discover\` and correct the policy.`
  };
}
function unmatchedGuardRefusal(findings, verb = "apply") {
  const guards = findings.filter(
    (f) => f.rule === "reference-unmatched" && f.evidence.reference?.key.startsWith("safety.")
  );
  if (guards.length === 0) return null;
  const names = guards.map((f) => `${f.evidence.reference.key} ${f.evidence.reference.value}`).join(", ");
  return {
    code: "apply.reference-unmatched",
    message: `The safety guards name what the tenant does not have (${names}), so they would not protect what they were meant to and ${verb} changes nothing. Correct each to an account or role of the tenant, or remove it, then run again.`
  };
}
function policyProblemRefusal(problems) {
  if (problems.length === 0) return null;
  const described = problems.map(
    ({ step, problem, roles }) => problem === "conflict" ? `${who(step)} is given different roles by rules ${step.rules.join(", ")} (${roles.join(", ")})` : `no active ${step.user.kind} role named ${roles.join(", ")} exists for ${who(step)}`
  );
  return {
    code: "apply.invalid-policy",
    message: `The plan cannot be carried out as the policy is written: ${described.join("; ")}. Make the set-role fixes agree and name active roles of the tenant, then run the audit again.`
  };
}
function planRefusals(policy, snapshot, plan, findings, problems) {
  return [
    protectedRefusal(plan),
    minAdminsRefusal(policy, snapshot, plan),
    unmappedRefusal(findings),
    unmatchedGuardRefusal(findings),
    policyProblemRefusal(problems)
  ].filter((refusal) => refusal !== null);
}

// src/engine/unmatched-references.ts
var BUILT_IN_ROLES = [
  "Technician",
  "Dispatch",
  "Accounting",
  "FieldManager",
  "DisplayUser",
  "DisplayUserWithBillingAccess",
  "SalesManager",
  "CSR",
  "GeneralOffice",
  "TechnicianHelper",
  "TechnicianMaintenance",
  "TechnicianInstaller",
  "Admin",
  "TechnicianService",
  "TechnicianSales",
  "Owner",
  "EmptyEmployee",
  "EmptyTechnician"
];
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
  adminRoleNames,
  protectedRefusal,
  minAdminsRefusal,
  planRefusals,
  referenceUnmatchedFindings,
  applyRefusals,
  undoRefusals,
  confirmation,
  executeIfAllowed
};
