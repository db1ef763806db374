import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/policy/built-in-rules.ts
var BUILT_IN_RULES = [
  "exemption-expired",
  "exemption-unused",
  "permission-unmapped",
  "reference-unmatched"
];
var IDENTITY_RULES = [
  "identity-leaver",
  "identity-unmatched",
  "identity-dormant",
  "identity-sso-broken"
];

export {
  BUILT_IN_RULES,
  IDENTITY_RULES
};
