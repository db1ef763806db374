import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-XHRDWC7O.js";

// src/settings.ts
import path from "node:path";
var MODES = ["validate", "audit", "apply", "discover", "undo"];
var FAIL_ON = ["critical", "high", "medium", "low", "never"];
var DEFAULT_POLICY_PATH = ".github/servicetitan-access.yml";
var MAX_RETRY_BUDGET_SECONDS = 115;
var SECRET_INPUTS = ["client-id", "client-secret", "app-key", "github-token"];
var CONTROL = /[\u0000-\u001f\u007f]/;
function invalid(src, name, what, hint) {
  return new ConfigurationError(`input.invalid-${name}`, `${src.label(name)} ${what}`, hint);
}
function text(src, name) {
  const raw = src.get(name).trim();
  if (CONTROL.test(raw)) {
    throw invalid(
      src,
      name,
      "contains a newline or control character.",
      "Give a single-line value without control characters."
    );
  }
  return raw;
}
function oneOf(src, name, allowed, fallback) {
  const raw = text(src, name);
  if (raw === "") return fallback;
  const value = raw.toLowerCase();
  if (!allowed.includes(value)) {
    throw invalid(
      src,
      name,
      `is \`${raw.slice(0, 40)}\`, which is not one of ${allowed.map((a) => `\`${a}\``).join(", ")}.`,
      `Set it to one of: ${allowed.join(", ")}.`
    );
  }
  return value;
}
function integer(src, name, fallback, min, max) {
  const raw = text(src, name);
  if (raw === "") return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalid(
      src,
      name,
      `is \`${raw.slice(0, 40)}\`; it must be a whole number from ${min} to ${max}.`,
      `Set it to a whole number from ${min} to ${max}.`
    );
  }
  return Number(raw);
}
function url(src, name) {
  const raw = text(src, name);
  if (raw === "") return void 0;
  let parsed;
  try {
    parsed = new URL(raw);
  } catch {
    throw invalid(
      src,
      name,
      "is not a URL.",
      "Give an absolute http(s) URL, e.g. https://api.servicetitan.io."
    );
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw invalid(src, name, "must be an http(s) URL.", "Give an absolute http(s) URL.");
  }
  if (parsed.username || parsed.password) {
    throw invalid(
      src,
      name,
      "must not carry a user name or password.",
      "Remove the credentials from the URL."
    );
  }
  return raw.replace(/\/+$/, "");
}
function optionalPath(src, name) {
  const raw = text(src, name);
  return raw === "" ? null : raw;
}
var DEFAULT_ISSUE_LABELS = ["servicetitan-access"];
function labels(src) {
  const raw = text(src, "issue-labels");
  if (raw === "") return DEFAULT_ISSUE_LABELS;
  const names = [
    ...new Set(
      raw.split(",").map((l) => l.trim()).filter(Boolean)
    )
  ];
  if (names.length === 0 || names.length > 10 || names.some((n) => n.length > 50)) {
    throw invalid(
      src,
      "issue-labels",
      "must be 1 to 10 comma-separated label names of at most 50 characters each.",
      "Give label names separated by commas, e.g. `security, servicetitan-access`."
    );
  }
  return names;
}
function parseSettings(src, event, workspace) {
  const mode = oneOf(src, "mode", MODES, "audit");
  const environment = oneOf(src, "environment", ["production", "integration"], "production");
  const failOn = oneOf(src, "fail-on", FAIL_ON, "high");
  const maxChanges = integer(src, "max-changes", 10, 1, 1e5);
  const redact = oneOf(src, "redact", ["auto", "true", "false"], "auto");
  const issue = oneOf(src, "issue", ["true", "false"], "false") === "true";
  const issueLabels = labels(src);
  const pageSize = integer(src, "page-size", 5e3, 1, 5e3);
  const timeoutSeconds = integer(src, "request-timeout", 30, 1, 300);
  const retryBudgetSeconds = integer(src, "retry-budget", 110, 0, MAX_RETRY_BUDGET_SECONDS);
  const tenantRaw = text(src, "tenant");
  if (tenantRaw !== "" && !/^\d{1,19}$/.test(tenantRaw)) {
    throw invalid(
      src,
      "tenant",
      "must be the numeric ServiceTitan tenant id.",
      "Copy the tenant id (digits only) from ServiceTitan: Settings > Integrations > API Application Access, or the developer portal."
    );
  }
  const tenant = tenantRaw === "" ? null : tenantRaw;
  const clientId = text(src, "client-id");
  const clientSecret = text(src, "client-secret");
  const appKey = text(src, "app-key");
  const apiUrl = url(src, "api-url");
  const authUrl = url(src, "auth-url");
  const missingCredentials = [
    ["tenant", tenant ?? ""],
    ["client-id", clientId],
    ["client-secret", clientSecret],
    ["app-key", appKey]
  ].filter(([, v]) => v === "").map(([k]) => src.label(k));
  const connection = missingCredentials.length === 0 && tenant !== null ? {
    tenant,
    clientId,
    clientSecret,
    appKey,
    environment,
    ...apiUrl ? { apiUrl } : {},
    ...authUrl ? { authUrl } : {}
  } : null;
  const policyPath = text(src, "policy") || DEFAULT_POLICY_PATH;
  const report = src.get("report");
  const githubToken = text(src, "github-token");
  return {
    mode,
    policyPath,
    workspace,
    environment,
    tenant,
    connection,
    missingCredentials,
    failOn,
    maxChanges,
    // `report` defaults to a file in the action; an explicitly empty value means none.
    reportPath: report.trim() === "" ? null : text(src, "report"),
    sarifPath: optionalPath(src, "sarif"),
    issue,
    issueLabels,
    githubToken: githubToken === "" ? null : githubToken,
    redact,
    evidencePath: optionalPath(src, "evidence"),
    baselineEvidencePath: optionalPath(src, "baseline-evidence"),
    baselinePolicyPath: optionalPath(src, "baseline-policy"),
    baselineSnapshotPath: optionalPath(src, "baseline-snapshot"),
    snapshotPath: optionalPath(src, "snapshot"),
    tuning: { pageSize, timeoutMs: timeoutSeconds * 1e3, retryBudgetMs: retryBudgetSeconds * 1e3 },
    event
  };
}
function shouldRedact(settings) {
  if (settings.redact === "true") return true;
  if (settings.redact === "false") return false;
  if (settings.event.name === "cli") return false;
  return settings.event.repositoryPrivate !== true;
}
function inWorkspace(settings, file) {
  return path.resolve(settings.workspace, file);
}

export {
  SECRET_INPUTS,
  parseSettings,
  shouldRedact,
  inWorkspace
};
