import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/domain/assert-never.ts
function assertNever(value, what) {
  const shown = typeof value === "object" && value !== null ? value.kind : value;
  throw new Error(`Unhandled ${what}: ${JSON.stringify(shown)}`);
}

export {
  assertNever
};
