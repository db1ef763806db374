import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  audienceClassifier
} from "./chunk-EIDODBDB.js";

// src/engine/user-facts.ts
function userKey(user) {
  return `${user.kind}:${user.id}`;
}
function isHeld(user, mapping) {
  const value = user.permissions[String(mapping.id)];
  if (value === void 0 || value === null) return false;
  const normalized = value.trim().toLowerCase();
  return mapping.granted.some((granted) => granted.toLowerCase() === normalized);
}
function rolesOf(user, lower) {
  const roles = /* @__PURE__ */ new Map();
  for (const name of user.roles) roles.set(lower(name), name);
  if (user.role) roles.set(lower(user.role), user.role);
  return roles;
}
function indexUsers(users, policy, identity) {
  const mappings = policy.permissions.map((m) => ({
    name: m.name,
    key: String(m.id),
    granted: new Set(m.granted.map((g) => g.toLowerCase()))
  }));
  const heldBy = /* @__PURE__ */ new Map();
  const held = (permissions) => {
    let names = heldBy.get(permissions);
    if (!names) {
      const found = /* @__PURE__ */ new Set();
      for (const m of mappings) {
        const value = permissions[m.key];
        if (value !== void 0 && value !== null && m.granted.has(value.trim().toLowerCase()))
          found.add(m.name);
      }
      names = found;
      heldBy.set(permissions, names);
    }
    return names;
  };
  const lowered = /* @__PURE__ */ new Map();
  const lower = (name) => {
    let result = lowered.get(name);
    if (result === void 0) {
      result = name.toLowerCase();
      lowered.set(name, result);
    }
    return result;
  };
  const commonRoles = /* @__PURE__ */ new Map();
  const rolesFor = (user) => {
    if (user.roles.length > 1) return rolesOf(user, lower);
    const builtIn = user.role || void 0;
    const only = user.roles[0];
    let byRole = commonRoles.get(builtIn);
    if (!byRole) commonRoles.set(builtIn, byRole = /* @__PURE__ */ new Map());
    let roles = byRole.get(only);
    if (!roles) byRole.set(only, roles = rolesOf(user, lower));
    return roles;
  };
  const audienceOf = audienceClassifier(policy.organization);
  return users.map((user, i) => ({
    user,
    audience: identity ? identity.audience[i] : audienceOf(user),
    activeAccount: user.active && !user.locked,
    roles: rolesFor(user),
    heldPermissions: held(user.permissions),
    businessUnit: typeof user.businessUnit === "string" ? lower(user.businessUnit) : null,
    ...identity ? { identity: identity.identity[i] ?? null, audienceFrom: identity.audienceFrom[i] } : {}
  }));
}
function holdsAnyPermission(facts, names) {
  for (let i = 0; i < names.length; i++) if (facts.heldPermissions.has(names[i])) return true;
  return false;
}
function holdsAnyRole(facts, lowerCaseRoles) {
  for (let i = 0; i < lowerCaseRoles.length; i++) if (facts.roles.has(lowerCaseRoles[i])) return true;
  return false;
}
function heldRoles(facts, wanted) {
  const held = [];
  for (const name of wanted) {
    const spelled = facts.roles.get(name.toLowerCase());
    if (spelled !== void 0 && !held.includes(spelled)) held.push(spelled);
  }
  return held;
}
function toFindingUser(facts) {
  const { user } = facts;
  return {
    kind: user.kind,
    id: user.id,
    userId: user.userId,
    name: user.name,
    email: user.email,
    login: user.login,
    audience: facts.audience,
    active: user.active,
    locked: user.locked,
    ...facts.identity !== void 0 ? { identity: facts.identity } : {},
    ...facts.audienceFrom !== void 0 ? { audienceFrom: facts.audienceFrom } : {}
  };
}
function describeUser(facts) {
  const { user } = facts;
  const contact = user.email ?? user.login;
  const who = `${facts.audience} ${user.kind} #${user.id}`;
  return `${user.name} (${contact ? `${contact}, ` : ""}${who})`;
}

export {
  userKey,
  isHeld,
  indexUsers,
  holdsAnyPermission,
  holdsAnyRole,
  heldRoles,
  toFindingUser,
  describeUser
};
