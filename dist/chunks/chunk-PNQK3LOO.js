import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  isHeld,
  userKey
} from "./chunk-F7KJDFSJ.js";

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
function holdsAdminRole(roles, builtIn, adminRoles) {
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
    const adminNow = usable && (holdsAdminRole(user.roles, user.role, adminRoles) || byPermission(user));
    if (adminNow) before += 1;
    const step = changedIds.has(user.id) ? stepsByUser.get(userKey(user)) : void 0;
    if (!step) {
      if (adminNow) after += 1;
      continue;
    }
    const active = step.action === "deactivate" ? false : step.action === "activate" ? true : user.active;
    const locked = step.action === "lock" ? true : step.action === "unlock" ? false : user.locked;
    const replacesRoles = step.action === "set-role" || step.action === "restore-role";
    const admin = replacesRoles ? holdsAdminRole([step.role ?? ""], null, adminRoles) : holdsAdminRole(user.roles, user.role, adminRoles) || byPermission(user);
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

export {
  checkMaxChanges,
  holdsAdminRole,
  adminPermissionMappings,
  adminRoleNames,
  protectedRefusal,
  minAdminsRefusal,
  unmatchedGuardRefusal,
  planRefusals
};
