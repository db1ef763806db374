import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  selectorFor
} from "./chunk-IT2UQP36.js";
import {
  findingId
} from "./chunk-UBDJSMVH.js";
import {
  describeUser,
  heldRoles,
  holdsAnyPermission,
  holdsAnyRole,
  toFindingUser,
  userKey
} from "./chunk-F7KJDFSJ.js";
import {
  assertNever
} from "./chunk-B4MPU4M5.js";

// src/engine/manual-steps.ts
function peopleScreen(kind, name) {
  return `Settings > People > ${kind === "employee" ? "Employees" : "Technicians"} > ${name}`;
}
function turnOffPermissionStep(kind, name, permissionLabel) {
  return `In ServiceTitan, open ${peopleScreen(kind, name)} > Permissions and turn off ${permissionLabel}.`;
}
function removeRoleStep(kind, name, role) {
  return `In ServiceTitan, open ${peopleScreen(kind, name)} > Roles and remove ${role}.`;
}
function deactivateStep(kind, name) {
  return `In ServiceTitan, open ${peopleScreen(kind, name)} and deactivate the account.`;
}
function reduceHoldersSteps(ruleId, holding, excess) {
  return [
    `In ServiceTitan, remove ${holding} from ${excess} of the holders listed in the evidence (Settings > People > Employees or Technicians > the user).`,
    `Or, if more holders are intended, raise max in rule ${ruleId} of the policy.`
  ];
}
var API_ACCESS_LABELS = {
  "generate api application key": "generate-api-key",
  "manage api application access": "manage-api-access"
};
function apiAccessPermission(mapping) {
  const name = mapping.name.toLowerCase();
  if (name === "generate-api-key" || name === "manage-api-access") return name;
  const label = mapping.label?.trim().replace(/\s+/g, " ").toLowerCase();
  return label && API_ACCESS_LABELS[label] || null;
}
function apiAccessSteps(held, name) {
  const steps = [];
  if (held.has("manage-api-access")) {
    steps.push(
      `In ServiceTitan, open Settings > Integrations > API Application Access and rotate the client secret of each app whose credentials ${name} created or saw; update the integrations that use it. Locking or deactivating the account does not revoke a secret already issued.`
    );
  }
  if (held.size > 0) {
    steps.push(
      `In ServiceTitan, open Settings > Integrations > API Application Access and disconnect the apps ${name} created or connected that you no longer need: they keep working after the account is locked or deactivated.`
    );
  }
  return steps;
}

// src/engine/rules/shared.ts
function labelOf(name, mappings) {
  return mappings.get(name)?.label ?? name;
}
function because(rule) {
  return rule.description ? `: ${rule.description}` : "";
}
function userFindingId(ruleId, facts) {
  return findingId(ruleId, userKey(facts.user));
}
function tenantFindingId(ruleId) {
  return findingId(ruleId, "tenant");
}

// src/engine/rules/forbid.ts
function whatIsHeld(rule, facts) {
  return {
    permissions: rule.forbid.permissions.filter((name) => facts.heldPermissions.has(name)),
    roles: heldRoles(facts, rule.forbid.roles),
    account: rule.forbid.account && facts.activeAccount
  };
}
function credentialSteps(facts, held, mappings) {
  const kinds = /* @__PURE__ */ new Set();
  for (const name of held.permissions) {
    const mapping = mappings.get(name);
    const kind = mapping ? apiAccessPermission(mapping) : null;
    if (kind) kinds.add(kind);
  }
  return apiAccessSteps(kinds, facts.user.name);
}
function forbidFix(rule, facts, held, mappings) {
  const more = credentialSteps(facts, held, mappings);
  const steps = more.length > 0 ? { steps: more } : {};
  switch (rule.fix.action) {
    case "lock":
      return { action: "lock", ...steps };
    case "deactivate":
      return { action: "deactivate", ...steps };
    case "set-role":
      return { action: "set-role", role: rule.fix.role, ...steps };
    case "none": {
      const { kind, name } = facts.user;
      return {
        action: "manual",
        steps: [
          ...held.permissions.map((p) => turnOffPermissionStep(kind, name, labelOf(p, mappings))),
          ...held.roles.map((role) => removeRoleStep(kind, name, role)),
          ...held.account ? [deactivateStep(kind, name)] : [],
          ...more
        ]
      };
    }
  }
}
function evaluateForbidRule(rule, users, mappings) {
  const findings = [];
  const { permissions, account } = rule.forbid;
  const roles = rule.forbid.roles.map((role) => role.toLowerCase());
  const isSelected = selectorFor(rule.appliesTo);
  for (let i = 0; i < users.length; i++) {
    const facts = users[i];
    if (!isSelected(facts)) continue;
    const holdsSomething = account && facts.activeAccount || holdsAnyPermission(facts, permissions) || holdsAnyRole(facts, roles);
    if (!holdsSomething) continue;
    const held = whatIsHeld(rule, facts);
    if (held.permissions.length === 0 && held.roles.length === 0 && !held.account) continue;
    const what = [
      ...held.permissions.map((p) => labelOf(p, mappings)),
      ...held.roles.map((role) => `role ${role}`),
      ...held.account ? ["an active account"] : []
    ];
    const evidence = {};
    if (held.permissions.length > 0) evidence.permissions = held.permissions;
    if (held.roles.length > 0) evidence.roles = held.roles;
    if (held.account) evidence.account = true;
    findings.push({
      id: userFindingId(rule.id, facts),
      rule: rule.id,
      severity: rule.severity,
      message: `${describeUser(facts)} holds ${what.join(", ")}; rule ${rule.id} forbids it${because(rule)}`,
      user: toFindingUser(facts),
      evidence,
      fix: forbidFix(rule, facts, held, mappings),
      exemption: null,
      location: rule.position
    });
  }
  return findings;
}

// src/engine/rules/max-holders.ts
function evaluateMaxHoldersRule(rule, users, mappings) {
  const { roles, permissions, max } = rule.maxHolders;
  const lowerCaseRoles = roles.map((role) => role.toLowerCase());
  const isSelected = selectorFor(rule.appliesTo);
  const holders = users.filter(
    (facts) => isSelected(facts) && (holdsAnyPermission(facts, permissions) || holdsAnyRole(facts, lowerCaseRoles))
  );
  if (holders.length <= max) return [];
  const listed = holders.map(({ user }) => ({ kind: user.kind, id: user.id, name: user.name })).sort((a, b) => a.kind.localeCompare(b.kind) || a.id - b.id);
  const holding = [
    ...roles.map((role) => `role ${role}`),
    ...permissions.map((p) => labelOf(p, mappings))
  ].join(" or ");
  const evidence = { holders: listed, max };
  if (roles.length > 0) evidence.roles = [...roles];
  if (permissions.length > 0) evidence.permissions = [...permissions];
  return [
    {
      id: tenantFindingId(rule.id),
      rule: rule.id,
      severity: rule.severity,
      message: `${holders.length} users hold ${holding}, more than the ${max} allowed; rule ${rule.id} limits it${because(rule)}`,
      user: null,
      evidence,
      fix: { action: "manual", steps: reduceHoldersSteps(rule.id, holding, holders.length - max) },
      exemption: null,
      location: rule.position
    }
  ];
}

// src/engine/rules.ts
function evaluateRule(rule, users, mappings) {
  switch (rule.kind) {
    case "forbid":
      return evaluateForbidRule(rule, users, mappings);
    case "max-holders":
      return evaluateMaxHoldersRule(rule, users, mappings);
    default:
      return assertNever(rule, "rule kind");
  }
}

export {
  deactivateStep,
  apiAccessPermission,
  apiAccessSteps,
  evaluateRule
};
