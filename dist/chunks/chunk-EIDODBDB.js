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
var ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
var LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
var PLAIN_ADDRESS = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})*$`);
function plainAddress(raw) {
  if (raw === null || raw.length > 320 || !PLAIN_ADDRESS.test(raw)) return null;
  return raw.toLowerCase();
}
function isAtDomain(address, domain) {
  const plain = plainAddress(address);
  if (plain === null) return false;
  const host = plain.slice(plain.lastIndexOf("@") + 1);
  const wanted = normalizeDomain(domain);
  if (wanted === "") return false;
  return host === wanted || host.endsWith(`.${wanted}`);
}
function listedAsInternal(user, email, refs) {
  let login;
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i];
    if (ref.type !== "email") {
      if (matchesUserRef(user, ref)) return true;
      continue;
    }
    if (email === ref.value) return true;
    if (login === void 0) login = plainAddress(user.login);
    if (login === ref.value) return true;
  }
  return false;
}
function classifyAudience(user, org) {
  return audienceClassifier(org)(user);
}
function listedAudienceClassifier(org) {
  return (user) => {
    if (org.internalUsers.length > 0) {
      const email = user.email !== null && user.email !== "" ? plainAddress(user.email) : null;
      if (listedAsInternal(user, email, org.internalUsers)) return "internal";
    }
    return matchesAnyUserRef(user, org.externalUsers) ? "external" : null;
  };
}
function audienceClassifier(org) {
  const domains = org.internalDomains.map(normalizeDomain).filter((domain) => domain !== "");
  const suffixes = domains.map((domain) => `.${domain}`);
  return (user) => {
    const hasEmail = user.email !== null && user.email !== "";
    const email = hasEmail ? plainAddress(user.email) : null;
    if (listedAsInternal(user, email, org.internalUsers)) return "internal";
    if (matchesAnyUserRef(user, org.externalUsers)) return "external";
    const address = hasEmail ? email : user.login?.includes("@") ? plainAddress(user.login) : null;
    if (address === null) return "external";
    const host = address.slice(address.lastIndexOf("@") + 1);
    for (let i = 0; i < domains.length; i++) {
      if (host === domains[i] || host.endsWith(suffixes[i])) return "internal";
    }
    return "external";
  };
}

export {
  matchesUserRef,
  matchesAnyUserRef,
  isAtDomain,
  classifyAudience,
  listedAudienceClassifier,
  audienceClassifier
};
