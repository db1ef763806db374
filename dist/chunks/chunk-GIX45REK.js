import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  codeFrame
} from "./chunk-Y7PV46DD.js";

// src/errors.ts
var GuardError = class extends Error {
  constructor(code, message, hint) {
    super(message);
    this.code = code;
    this.hint = hint;
    this.name = new.target.name;
  }
  code;
  hint;
};
var ConfigurationError = class extends GuardError {
  exitCode = 2;
};
var RuntimeError = class extends GuardError {
  exitCode = 3;
};
var PolicyError = class extends ConfigurationError {
  constructor(issues, subject = "The policy") {
    super(
      issues[0]?.code ?? "policy.invalid",
      `${subject} is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}):
` + issues.map(
        (i) => `  ${i.file}:${i.line}:${i.column} ${i.message} [${i.code}]${i.hint ? ` (${i.hint})` : ""}` + (i.sourceLine === void 0 ? "" : codeFrame(i.line, i.column, i.sourceLine).map((l) => `
      ${l}`).join(""))
      ).join("\n"),
      "Fix the lines above; `st-access-guard validate --policy FILE` checks the file without credentials."
    );
    this.issues = issues;
  }
  issues;
};

export {
  GuardError,
  ConfigurationError,
  RuntimeError,
  PolicyError
};
