import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/policy/built-in-rules.ts
var BUILT_IN_RULES = [
  "exemption-expired",
  "exemption-unused",
  "permission-unmapped",
  "reference-unmatched"
];

export {
  BUILT_IN_RULES
};
