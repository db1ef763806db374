import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/engine/audience.ts
function matchesUserRef(user, ref) {
  switch (ref.type) {
    case "email": {
      const address = ref.value.toLowerCase();
      return user.email?.toLowerCase() === address || user.login?.toLowerCase() === address;
    }
    case "login":
      return user.login !== null && user.login.toLowerCase() === ref.value.toLowerCase();
    case "user":
      return user.userId !== null && user.userId === ref.value;
    case "employee":
    case "technician":
      return user.kind === ref.type && user.id === ref.value;
  }
}
function matchesAnyUserRef(user, refs) {
  for (let i = 0; i < refs.length; i++) if (matchesUserRef(user, refs[i])) return true;
  return false;
}
function normalizeDomain(domain) {
  return domain.trim().toLowerCase().replace(/^@/, "").replace(/\.$/, "");
}
function addressOf(user) {
  const email = user.email?.trim();
  if (email) return email;
  const login = user.login?.trim();
  return login && login.includes("@") ? login : null;
}
function classifyAudience(user, org) {
  return audienceClassifier(org)(user);
}
function audienceClassifier(org) {
  const domains = org.internalDomains.map(normalizeDomain).filter((domain) => domain !== "");
  const suffixes = domains.map((domain) => `.${domain}`);
  const hosts = /* @__PURE__ */ new Map();
  return (user) => {
    if (matchesAnyUserRef(user, org.internalUsers)) return "internal";
    if (matchesAnyUserRef(user, org.externalUsers)) return "external";
    const address = addressOf(user);
    if (address === null) return "external";
    const at = address.lastIndexOf("@");
    if (at < 0) return "external";
    const raw = address.slice(at + 1);
    let host = hosts.get(raw);
    if (host === void 0) hosts.set(raw, host = normalizeDomain(raw));
    if (host === "") return "external";
    for (let i = 0; i < domains.length; i++) {
      if (host === domains[i] || host.endsWith(suffixes[i])) return "internal";
    }
    return "external";
  };
}

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
function indexUsers(users, policy) {
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
  return users.map((user) => ({
    user,
    audience: audienceOf(user),
    activeAccount: user.active && !user.locked,
    roles: rolesFor(user),
    heldPermissions: held(user.permissions),
    businessUnit: typeof user.businessUnit === "string" ? lower(user.businessUnit) : null
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
    locked: user.locked
  };
}
function describeUser(facts) {
  const { user } = facts;
  const contact = user.email ?? user.login;
  const who = `${facts.audience} ${user.kind} #${user.id}`;
  return `${user.name} (${contact ? `${contact}, ` : ""}${who})`;
}

export {
  matchesUserRef,
  matchesAnyUserRef,
  classifyAudience,
  exemptionIsActive,
  exemptionKey,
  exemptionCovers,
  applyExemptions,
  isExempt,
  userKey,
  isHeld,
  indexUsers,
  holdsAnyPermission,
  holdsAnyRole,
  heldRoles,
  toFindingUser,
  describeUser
};
