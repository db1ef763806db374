import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  evaluateRule,
  findingId
} from "./chunk-JEP2ANSX.js";
import {
  describeUser,
  indexUsers,
  isHeld,
  toFindingUser,
  userKey
} from "./chunk-QUJZ24X5.js";
import {
  SEVERITIES,
  parsePolicy,
  readSnapshotFile
} from "./chunk-DSGJ2ZDD.js";
import {
  inWorkspace
} from "./chunk-YGEFOKDE.js";
import {
  applyExemptions,
  exemptionIsActive,
  exemptionKey,
  isExempt,
  referenceSite,
  selfApprovedExemptions
} from "./chunk-JOKD7V7O.js";
import {
  tenantCounts
} from "./chunk-RWQ7FRYK.js";
import {
  matchesAnyUserRef,
  matchesUserRef
} from "./chunk-3NGF3HLR.js";
import {
  editDistance,
  nearest
} from "./chunk-3KQCMBW2.js";
import {
  executePlan
} from "./chunk-TWXWRCPR.js";
import {
  ConfigurationError,
  PolicyError
} from "./chunk-RPWTNJ4G.js";

// src/evaluate-tenant.ts
import { readFile } from "node:fs/promises";

// src/engine/builtins.ts
function exemptionSubject(e) {
  return `${e.user ? `for ${e.user.raw}` : "for the tenant"} from ${e.rules.join(", ")}`;
}
function exemptedUser(e, users) {
  if (!e.user) return null;
  const ref = e.user;
  const matching = users.filter((facts) => matchesUserRef(facts.user, ref));
  matching.sort((a, b) => a.user.kind.localeCompare(b.user.kind) || a.user.id - b.user.id);
  return matching[0] ?? null;
}
function exemptionExpiredFinding(e, policy, users) {
  const facts = exemptedUser(e, users);
  const who2 = facts ? ` (${describeUser(facts)})` : "";
  return {
    id: findingId("exemption-expired", exemptionKey(e)),
    rule: "exemption-expired",
    severity: "high",
    message: `The exemption ${exemptionSubject(e)}${who2} expired on ${e.expires}; the findings it covered count again (reason was: ${e.reason})`,
    user: facts ? toFindingUser(facts) : null,
    evidence: { exemption: e.index },
    fix: {
      action: "manual",
      steps: [
        `Edit the exemption at line ${e.position.line} of ${policy.source.path}: renew it with a new expires date and approval, or remove it and fix the findings it covered.`
      ]
    },
    exemption: null,
    location: e.position
  };
}
function exemptionUnusedFinding(e, policy) {
  return {
    id: findingId("exemption-unused", exemptionKey(e)),
    rule: "exemption-unused",
    severity: "low",
    message: `The exemption ${exemptionSubject(e)} (until ${e.expires}) covers no finding; an exemption left in place could hide a future violation`,
    user: null,
    evidence: { exemption: e.index },
    fix: {
      action: "manual",
      steps: [
        `Edit the exemption at line ${e.position.line} of ${policy.source.path}: remove it, or correct its user or rules if it was meant to cover a finding.`
      ]
    },
    exemption: null,
    location: e.position
  };
}
function exemptionFindings(policy, users, used, now) {
  return policy.exemptions.flatMap((e) => {
    if (!exemptionIsActive(e, now)) return [exemptionExpiredFinding(e, policy, users)];
    return used.has(e.index) ? [] : [exemptionUnusedFinding(e, policy)];
  });
}
function permissionUnmappedFindings(policy, users) {
  const missing = new Set(policy.permissions.map((mapping) => String(mapping.id)));
  const looked = /* @__PURE__ */ new Set();
  for (const user of users) {
    if (missing.size === 0) break;
    if (looked.has(user.permissions)) continue;
    looked.add(user.permissions);
    for (const id of missing) if (Object.hasOwn(user.permissions, id)) missing.delete(id);
  }
  return policy.permissions.filter((mapping) => missing.has(String(mapping.id))).map((mapping) => ({
    id: findingId("permission-unmapped", mapping.name),
    rule: "permission-unmapped",
    severity: "high",
    message: `Permission ${mapping.name} is mapped to id ${mapping.id}, which no user in the tenant carries; the mapping is probably wrong, so rules using it cannot find anyone`,
    user: null,
    evidence: { permission: mapping.name },
    fix: {
      action: "manual",
      steps: [
        `Check the permission id at line ${mapping.position.line} of ${policy.source.path} with \`st-access-guard discover\` and correct it.`
      ]
    },
    exemption: null,
    location: mapping.position
  }));
}

// src/engine/nearest.ts
function nearest2(word, candidates) {
  let best = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of [...candidates].sort()) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

// src/engine/role-directory.ts
function kindsOf(role) {
  const type = role.employeeType.toLowerCase();
  if (type === "employee") return ["employee"];
  if (type === "technician") return ["technician"];
  return ["employee", "technician"];
}
function roleIdsByName(roles) {
  const byName = /* @__PURE__ */ new Map();
  for (const role of [...roles].sort((a, b) => a.id - b.id)) {
    if (!role.active) continue;
    const key = role.name.toLowerCase();
    const ids = byName.get(key) ?? {};
    for (const kind of kindsOf(role)) ids[kind] ??= role.id;
    byName.set(key, ids);
  }
  return byName;
}
function resolveRoleId(directory, role, kind) {
  return directory.get(role.toLowerCase())?.[kind] ?? null;
}
function resolveFixRoles(policy, snapshot) {
  const directory = roleIdsByName(snapshot.roles);
  const activeNames = [...new Set(snapshot.roles.filter((r) => r.active).map((r) => r.name))];
  const issues = [];
  for (const rule of policy.rules) {
    if (rule.kind !== "forbid" || rule.fix.action !== "set-role") continue;
    const wanted = rule.fix.role;
    if (directory.has(wanted.toLowerCase())) continue;
    const inactive = snapshot.roles.some((r) => r.name.toLowerCase() === wanted.toLowerCase());
    const closest = nearest2(wanted, activeNames);
    issues.push({
      file: policy.source.path,
      line: rule.position.line,
      column: rule.position.column,
      code: "policy.unknown-role",
      message: inactive ? `Rule ${rule.id} sets role ${wanted}, which is inactive in the tenant` : `Rule ${rule.id} sets role ${wanted}, which is not a role in the tenant`,
      hint: inactive ? `Activate ${wanted} in ServiceTitan or choose an active role${closest ? ` such as "${closest}"` : ""}.` : closest ? `Did you mean "${closest}"? Role names come from the tenant's user roles.` : "The tenant has no active roles; check the credentials and tenant."
    });
  }
  return issues;
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

// src/engine/plan.ts
var STRENGTH = { deactivate: 3, lock: 2, "set-role": 1 };
function plannable(finding) {
  return finding.user !== null && !isExempt(finding) && finding.fix.action !== "manual";
}
function isNoOp(action, user, roleId) {
  if (action === "deactivate") return !user.active;
  if (action === "lock") return user.locked;
  return roleId !== null && user.roleIds.length === 1 && user.roleIds[0] === roleId;
}
function sortedUnique(values) {
  return [...new Set(values)].sort();
}
function stepFor(wanted, roles, problems) {
  const { user, findings } = wanted;
  const action = findings.map((f) => f.fix.action).reduce((a, b) => STRENGTH[b] > STRENGTH[a] ? b : a);
  const step = {
    action,
    user: { kind: user.kind, id: user.id, userId: user.userId, name: user.name, email: user.email },
    rules: sortedUnique(findings.map((f) => f.rule)),
    findings: sortedUnique(findings.map((f) => f.id)),
    status: "planned",
    before: { active: user.active, locked: user.locked, roleIds: [...user.roleIds] }
  };
  let roleId = null;
  if (action === "set-role") {
    const targets = sortedUnique(findings.flatMap((f) => f.fix.action === "set-role" ? [f.fix.role] : []));
    const distinct = [...new Set(targets.map((t) => t.toLowerCase()))];
    step.role = targets[0] ?? "";
    if (distinct.length > 1) {
      step.status = "skipped";
      step.reason = `conflicting set-role targets: ${targets.join(", ")}`;
      problems.push({ step, problem: "conflict", roles: targets });
    } else {
      roleId = resolveRoleId(roles, step.role, user.kind);
      if (roleId === null) {
        step.status = "skipped";
        step.reason = `no active ${user.kind} role named ${step.role} in the tenant`;
        problems.push({ step, problem: "unknown-role", roles: [step.role] });
      } else {
        step.roleId = roleId;
      }
    }
  }
  if (step.status === "planned" && isNoOp(action, user, roleId)) return null;
  return step;
}
function usersWithFindings(snapshot, findings) {
  const wanted = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    if (!plannable(finding) || finding.user === null) continue;
    const ids = wanted.get(finding.user.kind) ?? /* @__PURE__ */ new Set();
    ids.add(finding.user.id);
    wanted.set(finding.user.kind, ids);
  }
  const found = /* @__PURE__ */ new Map();
  if (wanted.size === 0) return found;
  for (const user of snapshot.users) {
    if (wanted.get(user.kind)?.has(user.id)) found.set(userKey(user), user);
  }
  return found;
}
function buildPlan(policy, snapshot, findings, roleIdsByName2) {
  const usersByKey = usersWithFindings(snapshot, findings);
  const wantedByUser = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    if (!plannable(finding) || finding.user === null) continue;
    const key = userKey(finding.user);
    const user = usersByKey.get(key);
    if (!user) continue;
    const wanted = wantedByUser.get(key) ?? { user, findings: [] };
    wanted.findings.push(finding);
    wantedByUser.set(key, wanted);
  }
  const problems = [];
  const plan = [];
  for (const wanted of wantedByUser.values()) {
    const step = stepFor(wanted, roleIdsByName2, problems);
    if (!step) continue;
    if (matchesAnyUserRef(wanted.user, policy.safety.protectedUsers)) {
      step.status = "skipped";
      step.reason = "protected user";
    }
    plan.push(step);
  }
  plan.sort((a, b) => a.user.kind.localeCompare(b.user.kind) || a.user.id - b.user.id);
  return { plan, refusals: planRefusals(policy, snapshot, plan, findings, problems) };
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

// src/engine/evaluate.ts
var severityRank = new Map(SEVERITIES.map((severity, rank) => [severity, rank]));
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function compareFindingOrder(a, b) {
  return (severityRank.get(a.severity) ?? 0) - (severityRank.get(b.severity) ?? 0) || compareText(a.rule, b.rule) || compareText(a.user?.kind ?? "", b.user?.kind ?? "") || (a.user?.id ?? -1) - (b.user?.id ?? -1) || compareText(a.id, b.id);
}
function countFindings(snapshot, findings, audiences) {
  const counts = tenantCounts(snapshot, audiences.filter((audience) => audience === "external").length);
  for (const finding of findings) {
    if (isExempt(finding)) {
      counts.exempted += 1;
    } else {
      counts.findings += 1;
      counts[finding.severity] += 1;
    }
  }
  return counts;
}
function evaluate(policy, snapshot, now) {
  const users = indexUsers(snapshot.users, policy);
  const mappings = new Map(policy.permissions.map((mapping) => [mapping.name, mapping]));
  const ruleFindings = policy.rules.flatMap((rule) => evaluateRule(rule, users, mappings));
  const exempted = applyExemptions(ruleFindings, policy.exemptions, now);
  const findings = [
    ...exempted.findings,
    ...exemptionFindings(policy, users, exempted.used, now),
    ...permissionUnmappedFindings(policy, snapshot.users),
    ...referenceUnmatchedFindings(policy, snapshot)
  ].sort(compareFindingOrder);
  const { plan, refusals } = buildPlan(policy, snapshot, findings, roleIdsByName(snapshot.roles));
  return {
    findings,
    plan,
    refusals,
    counts: countFindings(
      snapshot,
      findings,
      users.map((facts) => facts.audience)
    )
  };
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

// src/engine/compare.ts
function countedIds(findings) {
  return new Set(findings.filter((finding) => !isExempt(finding)).map((finding) => finding.id));
}
function compareFindings(base, head) {
  const before = countedIds(base);
  const after = countedIds(head);
  const exemptedNow = new Set(head.filter(isExempt).map((finding) => finding.id));
  const gone = [...before].filter((id) => !after.has(id));
  return {
    added: [...after].filter((id) => !before.has(id)).sort(),
    resolved: gone.filter((id) => !exemptedNow.has(id)).sort(),
    exempted: gone.filter((id) => exemptedNow.has(id)).sort()
  };
}

// src/engine/discover.ts
var NULL_VALUE = "null";
function discoverPermissions(snapshot, policy) {
  const names = new Map((policy?.permissions ?? []).map((mapping) => [mapping.id, mapping.name]));
  const byId = /* @__PURE__ */ new Map();
  for (const user of snapshot.users) {
    const activeAccount = user.active && !user.locked;
    for (const [rawId, value] of Object.entries(user.permissions)) {
      const id = Number(rawId);
      let entry = byId.get(id);
      if (!entry) {
        entry = { id, name: names.get(id) ?? null, values: {}, users: 0 };
        byId.set(id, entry);
      }
      entry.users += 1;
      const shown = value ?? NULL_VALUE;
      entry.values[shown] = (entry.values[shown] ?? 0) + (activeAccount ? 1 : 0);
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
function discoverRoles(snapshot) {
  const holders = /* @__PURE__ */ new Map();
  for (const user of snapshot.users) {
    for (const id of new Set(user.roleIds)) holders.set(id, (holders.get(id) ?? 0) + 1);
  }
  const roles = snapshot.roles.map((role) => ({
    id: role.id,
    name: role.name,
    active: role.active,
    users: holders.get(role.id) ?? 0
  }));
  const listed = new Set(snapshot.roles.map((role) => role.id));
  for (const [id, users] of holders)
    if (!listed.has(id)) roles.push({ id, name: `#${id}`, active: false, users });
  return roles.sort((a, b) => a.id - b.id);
}
function permissionChanges(snapshot, baseline) {
  const before = new Map(baseline.users.map((user) => [userKey(user), user]));
  const changes = [];
  for (const user of snapshot.users) {
    const old = before.get(userKey(user));
    if (!old) continue;
    const ids = /* @__PURE__ */ new Set([...Object.keys(old.permissions), ...Object.keys(user.permissions)]);
    for (const id of ids) {
      const was = Object.hasOwn(old.permissions, id) ? old.permissions[id] : void 0;
      const now = Object.hasOwn(user.permissions, id) ? user.permissions[id] : void 0;
      if (was === now) continue;
      changes.push({
        user: { kind: user.kind, id: user.id, name: user.name },
        permission: Number(id),
        before: was,
        after: now
      });
    }
  }
  return changes.sort(
    (a, b) => a.user.kind.localeCompare(b.user.kind) || a.user.id - b.user.id || a.permission - b.permission
  );
}
function discover(snapshot, policy, baseline) {
  return {
    permissions: discoverPermissions(snapshot, policy),
    roles: discoverRoles(snapshot),
    changes: baseline ? permissionChanges(snapshot, baseline) : null
  };
}

// src/evaluate-tenant.ts
function emptyOutcome() {
  return { comparison: null, policyIssues: [], notes: [], applyRefused: false, errors: [], baseline: null };
}
async function baselinePolicy(settings, deps, now) {
  let source = null;
  if (settings.baselinePolicyPath) {
    try {
      source = {
        text: await readFile(settings.baselinePolicyPath, "utf8"),
        path: settings.baselinePolicyPath
      };
    } catch (error) {
      throw new ConfigurationError(
        "input.invalid-baseline-policy",
        `Cannot read the baseline policy ${settings.baselinePolicyPath}: ${error.message}`,
        "Give the path of the policy to compare against, e.g. the file as it is on the main branch."
      );
    }
  } else if (deps.baselinePolicy) {
    source = await deps.baselinePolicy();
  }
  if (!source) return null;
  try {
    return parsePolicy(source.text, source.path, { now });
  } catch (error) {
    if (error instanceof PolicyError) {
      deps.logger.warning(
        `The baseline policy ${source.path} is not valid (${error.issues.length} problems); the policy impact is not shown.`
      );
      return null;
    }
    throw error;
  }
}
function markRemediated(evaluation) {
  const fixed = new Set(evaluation.plan.filter((s) => s.status === "verified").flatMap((s) => s.findings));
  for (const finding of evaluation.findings) {
    if (!fixed.has(finding.id) || finding.exemption?.status === "active") continue;
    finding.remediated = true;
    evaluation.counts.findings--;
    evaluation.counts[finding.severity]--;
  }
}
async function pinToReviewedPlan(settings, policy, snapshot, evaluation, deps) {
  const { readReviewedPlan, pinPlan } = await import("./pinned-plan-BMHAP7YC.js");
  const connected = settings.connection;
  const reviewed = await readReviewedPlan(settings.planPath, inWorkspace(settings, settings.planPath), {
    tenant: connected.tenant,
    environment: connected.environment
  });
  evaluation.plan = pinPlan(reviewed, evaluation.plan, snapshot);
  const recomputed = /* @__PURE__ */ new Set(["apply.protected-user", "apply.min-active-admins"]);
  evaluation.refusals = [
    ...evaluation.refusals.filter((r) => !recomputed.has(r.code)),
    protectedRefusal(evaluation.plan),
    minAdminsRefusal(policy, snapshot, evaluation.plan)
  ].filter((r) => r !== null);
  const planned = evaluation.plan.filter((s) => s.status === "planned").length;
  deps.logger.info(
    `Reviewed plan ${reviewed.file}${reviewed.finishedAt ? ` (audit finished ${reviewed.finishedAt})` : ""}: ${reviewed.steps.length} steps reviewed, ${planned} still planned and unchanged.`
  );
}
async function evaluateTenant(settings, deps, policy, snapshot, now, client, execute) {
  const outcome = emptyOutcome();
  if (settings.mode === "discover") {
    const baseline = settings.baselineSnapshotPath ? await readSnapshotFile(settings.baselineSnapshotPath) : null;
    outcome.discovery = discover(snapshot, policy, baseline);
    return outcome;
  }
  if (!policy) return outcome;
  const tenantIssues = [...resolveFixRoles(policy, snapshot), ...selfApprovedExemptions(policy, snapshot)];
  if (tenantIssues.length > 0) {
    outcome.policyIssues = tenantIssues;
    throw new PolicyError(tenantIssues);
  }
  const evaluation = evaluate(policy, snapshot, now);
  if (settings.planPath && settings.mode === "apply" && settings.connection) {
    await pinToReviewedPlan(settings, policy, snapshot, evaluation, deps);
  } else if (settings.planPath) {
    outcome.notes.push(`The \`plan\` input is used by apply only; this ${settings.mode} run ignored it.`);
  }
  const refusals = applyRefusals(evaluation, {
    maxChanges: settings.maxChanges,
    eventRefusal: settings.mode === "apply" ? settings.event.writeRefusal : null
  });
  evaluation.refusals = refusals;
  deps.logger.info(
    `${evaluation.counts.findings} findings (${evaluation.counts.critical} critical, ${evaluation.counts.high} high, ${evaluation.counts.medium} medium, ${evaluation.counts.low} low), ${evaluation.counts.exempted} exempted; plan: ${evaluation.plan.length} changes${refusals.length ? `; apply would be refused: ${refusals.map((r) => r.code).join(", ")}` : ""}`
  );
  const base = await baselinePolicy(settings, deps, now);
  if (base) {
    const baseFindings = evaluate(base, snapshot, now).findings;
    const compared = compareFindings(baseFindings, evaluation.findings);
    const resolved = new Set(compared.resolved);
    outcome.comparison = { ...compared, resolvedFindings: baseFindings.filter((f) => resolved.has(f.id)) };
    outcome.baseline = { policy: base, findings: baseFindings };
  }
  if (settings.mode === "apply") {
    if (!execute) throw new Error("apply needs execute options");
    const declined = await confirmation(evaluation.plan, evaluation.refusals, execute);
    if (declined) evaluation.refusals = [...evaluation.refusals, declined];
    const { liveWriter } = await import("./servicetitan-CRORDJG5.js");
    const journal = await deps.logger.group(
      "Apply",
      () => executeIfAllowed(evaluation.plan, evaluation.refusals, liveWriter(client), client, execute)
    );
    outcome.applyRefused = journal === null;
    if (journal) {
      evaluation.plan = journal;
      markRemediated(evaluation);
      const unfinished = evaluation.plan.filter((s) => s.status === "failed" || s.status === "applied");
      if (unfinished.length > 0) {
        outcome.errors.push({
          code: "apply.steps-failed",
          message: `${unfinished.length} of ${evaluation.plan.length} changes were not verified; the report's plan says which and why.`,
          hint: "Fix the cause and run apply again: it recomputes the plan from live state, so nothing is done twice."
        });
      }
    }
  }
  outcome.evaluation = evaluation;
  return outcome;
}

export {
  adminRoleNames,
  undoRefusals,
  confirmation,
  executeIfAllowed,
  emptyOutcome,
  evaluateTenant
};
