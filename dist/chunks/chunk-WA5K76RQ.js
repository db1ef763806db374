import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/policy/references.ts
var USER_REF_PATTERN = /^(?:[^\s@:]+@[^\s@:]+|login:\S(?:.*\S)?|(?:user|employee|technician):[1-9][0-9]{0,14})$/;
var USER_REF_FORMS = "an email (name@example.com), login:NAME, user:ID, employee:ID or technician:ID";
function parseUserRef(raw) {
  if (!USER_REF_PATTERN.test(raw)) return null;
  const colon = raw.indexOf(":");
  if (!raw.includes("@") || raw.startsWith("login:")) {
    const prefix = raw.slice(0, colon);
    const rest = raw.slice(colon + 1);
    if (prefix === "login") return { type: "login", value: rest.toLowerCase(), raw };
    if (prefix === "user" || prefix === "employee" || prefix === "technician") {
      return { type: prefix, value: Number(rest), raw };
    }
    return null;
  }
  return { type: "email", value: raw.toLowerCase(), raw };
}
function sameUserRef(a, b) {
  return a.type === b.type && a.value === b.value;
}
function referenceSite(path, value) {
  const named = typeof value === "object" ? `${value.type}:${value.value}` : String(value);
  return `${path}\0${named}`;
}

export {
  USER_REF_PATTERN,
  USER_REF_FORMS,
  parseUserRef,
  sameUserRef,
  referenceSite
};
