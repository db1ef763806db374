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

export {
  matchesUserRef,
  matchesAnyUserRef,
  classifyAudience,
  audienceClassifier
};
