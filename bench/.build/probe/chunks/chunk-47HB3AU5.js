import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/version.ts
var TOOL_VERSION = "1.0.0";

export {
  TOOL_VERSION
};
