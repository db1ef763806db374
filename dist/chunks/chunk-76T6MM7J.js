import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/apply/seal.ts
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
var SEAL_PREFIX = "v1.";
function journalKey(credentials) {
  const ikm = Buffer.concat([
    Buffer.from(credentials.clientSecret, "utf8"),
    Buffer.from([0]),
    Buffer.from(credentials.appKey, "utf8")
  ]);
  const bytes = Buffer.from(
    hkdfSync(
      "sha256",
      ikm,
      "servicetitan-access-guard journal seal v1",
      `${credentials.environment}\0${credentials.tenant}`,
      32
    )
  );
  return { tenant: credentials.tenant, environment: credentials.environment, bytes };
}
function state(s) {
  return [s.active, s.locked, [...s.roleIds].sort((a, b) => a - b)];
}
function sealedContent(key, step, before, after) {
  return JSON.stringify([
    "st-access-guard/journal-step/1",
    key.tenant,
    key.environment,
    step.action,
    step.roleId ?? null,
    step.licenseType ?? null,
    step.user.kind,
    step.user.id,
    step.user.userId,
    state(before),
    state(after)
  ]);
}
function sealStep(key, step) {
  const mac = createHmac("sha256", key.bytes).update(sealedContent(key, step, step.before, step.after)).digest("base64url");
  return `${SEAL_PREFIX}${mac}`;
}
function sealIsValid(key, step) {
  if (!step.seal || !step.before || !step.after || !step.seal.startsWith(SEAL_PREFIX)) return false;
  const expected = Buffer.from(sealStep(key, { ...step, before: step.before, after: step.after }));
  const given = Buffer.from(step.seal);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export {
  journalKey,
  sealStep,
  sealIsValid
};
