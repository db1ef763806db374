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
  return refs.some((ref) => matchesUserRef(user, ref));
}
function normalizeDomain(domain) {
  return domain.trim().toLowerCase().replace(/^@/, "").replace(/\.$/, "");
}
function isAtDomain(address, domain) {
  const at = address.lastIndexOf("@");
  if (at < 0) return false;
  const host = normalizeDomain(address.slice(at + 1));
  const wanted = normalizeDomain(domain);
  if (host === "" || wanted === "") return false;
  return host === wanted || host.endsWith(`.${wanted}`);
}
function addressOf(user) {
  const email = user.email?.trim();
  if (email) return email;
  const login = user.login?.trim();
  return login && login.includes("@") ? login : null;
}
function classifyAudience(user, org) {
  if (matchesAnyUserRef(user, org.internalUsers)) return "internal";
  if (matchesAnyUserRef(user, org.externalUsers)) return "external";
  const address = addressOf(user);
  if (address === null) return "external";
  return org.internalDomains.some((domain) => isAtDomain(address, domain)) ? "internal" : "external";
}

export {
  matchesUserRef,
  matchesAnyUserRef,
  classifyAudience
};
