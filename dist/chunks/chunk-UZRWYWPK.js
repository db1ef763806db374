import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ConfigurationError,
  RuntimeError
} from "./chunk-GIX45REK.js";

// src/servicetitan/errors.ts
var ServiceTitanConfigurationError = class extends ConfigurationError {
  constructor(code, message, hint, details) {
    super(code, message, hint);
    this.details = details;
  }
  details;
};
var ServiceTitanRuntimeError = class extends RuntimeError {
  constructor(code, message, hint, details) {
    super(code, message, hint);
    this.details = details;
  }
  details;
};
function isServiceTitanError(error) {
  return error instanceof ServiceTitanConfigurationError || error instanceof ServiceTitanRuntimeError;
}
function parseProblem(body, secrets = []) {
  const text = scrubSecrets(body.trim(), secrets);
  if (!text) return {};
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: oneLine(text) };
  }
  if (!parsed || typeof parsed !== "object") return { message: oneLine(text) };
  const o = parsed;
  const traceId = typeof o.traceId === "string" && o.traceId ? scrubSecrets(o.traceId, secrets).slice(0, 200) : void 0;
  const parts = [];
  if (typeof o.title === "string" && o.title) parts.push(o.title);
  if (typeof o.detail === "string" && o.detail && o.detail !== o.title) parts.push(o.detail);
  if (o.errors && typeof o.errors === "object") {
    for (const [field, messages] of Object.entries(o.errors)) {
      const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
      if (list.length) parts.push(field ? `${field}: ${list.join(" ")}` : list.join(" "));
    }
  }
  if (typeof o.message === "string" && o.message) parts.push(o.message);
  if (typeof o.error === "string" && o.error) {
    parts.push(typeof o.error_description === "string" ? `${o.error}: ${o.error_description}` : o.error);
  }
  const joined = parts.reduce(
    (text2, part) => text2 ? `${text2}${/[.!?:;]$/.test(text2) ? " " : "; "}${part}` : part,
    ""
  );
  return { message: joined ? oneLine(scrubSecrets(joined, secrets)) : void 0, traceId };
}
function oneLine(text) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}\u2026` : flat;
}
function scrubSecrets(text, secrets) {
  const forms = [...new Set(secrets.flatMap(secretForms))].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) out = out.split(form).join("***");
  return out;
}
function secretForms(secret) {
  if (!secret) return [];
  const base64 = Buffer.from(secret).toString("base64");
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    secret.replaceAll("/", "\\/"),
    base64,
    base64.replace(/=+$/, ""),
    Buffer.from(secret).toString("base64url")
  ];
}
function connectionSecrets(connection, tokens = []) {
  const { clientId, clientSecret, appKey } = connection;
  return [
    `${clientId}:${clientSecret}`,
    `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
    clientId,
    clientSecret,
    appKey,
    ...tokens
  ];
}
function describeFailure(details, attempts) {
  let text = `${details.method} ${details.path} failed`;
  if (details.status !== void 0) text += ` with ${details.status}`;
  if (attempts !== void 0) text += ` after ${attempts} attempt${attempts === 1 ? "" : "s"}`;
  if (details.serviceTitanMessage) text += `: ${details.serviceTitanMessage}`;
  if (details.traceId) text += ` (trace id ${details.traceId})`;
  return text;
}
function isRecordPath(path) {
  return /\/tenant\/[^/]+\/[^/]+\/\d+(\/|$)/.test(path);
}
function writeIntent(details, body) {
  const fields = typeof body === "object" && body !== null ? body : {};
  if (details.method === "POST" && details.path.endsWith("/account-actions") && fields.action === "Deactivate") {
    return "deactivate";
  }
  if (details.method === "PATCH" && "roleId" in fields) return "set-role";
  return "other";
}
var ENTERPRISE_HUB = /enterprise\s*hub/i;
var ONGOING_JOBS = /\bjobs?\b/i;
var ROLE_ITSELF = /does not exist|not found|inactive|is not an? \w+ role/i;
function refusedWriteAdvice(ctx) {
  const { details } = ctx;
  const reason = details.serviceTitanMessage ?? "";
  const technician = /\/technicians\/\d+/.test(details.path);
  switch (writeIntent(details, ctx.body)) {
    case "deactivate":
      if (technician && ONGOING_JOBS.test(reason)) {
        return "ServiceTitan does not deactivate a technician who has ongoing jobs: finish or reassign those jobs in ServiceTitan, then rerun apply; or lock the account instead (`fix: lock`), which ServiceTitan allows while jobs are open and which also ends sign-in";
      }
      return "ServiceTitan refused to deactivate the account for the reason above" + (technician ? "; a technician with ongoing jobs cannot be deactivated until they are finished or reassigned" : "") + ". Resolve it in ServiceTitan and rerun apply, or lock the account instead (`fix: lock`)";
    case "set-role":
      if (ROLE_ITSELF.test(reason) && !ENTERPRISE_HUB.test(reason)) return null;
      if (ENTERPRISE_HUB.test(reason)) {
        return "ServiceTitan says the user is managed in Enterprise Hub, and such a user's roles can be changed only there: change the role in Enterprise Hub, or lock the account instead (`fix: lock`)";
      }
      return "ServiceTitan refused the role change for the reason above. A likely cause: the user is managed in Enterprise Hub, and such a user's roles can be changed only there; then change the role in Enterprise Hub, or lock the account instead (`fix: lock`)";
    case "other":
      return null;
  }
}
function isRefusedWrite(ctx, status) {
  if (!ctx.write || status < 400 || status >= 500 || status === 401 || status === 429) return false;
  if (status === 404) return false;
  if (status === 403) return ENTERPRISE_HUB.test(ctx.details.serviceTitanMessage ?? "");
  return true;
}
function errorForStatus(ctx, attempts) {
  const { details, tenant, write } = ctx;
  const status = details.status ?? 0;
  const message = describeFailure(details);
  const retried = status === 429 || status >= 500;
  if (isRefusedWrite(ctx, status)) {
    const advice = refusedWriteAdvice(ctx);
    if (advice) {
      return new ServiceTitanRuntimeError(
        "servicetitan.request-rejected",
        `${message}. ${advice}.`,
        "ServiceTitan refused this change; the message says why and what to do. The other steps go on, and a rerun does not repeat the steps already verified.",
        details
      );
    }
  }
  if (status === 401) {
    return new ServiceTitanConfigurationError(
      "auth.unauthorized",
      `${message}. ServiceTitan refused the access token even after a fresh one was fetched.`,
      "Check `app-key` (ST_APP_KEY: the application key of the same app), `client-id` and `client-secret`, and that `environment` (production or integration) is the one the app was created in.",
      details
    );
  }
  if (status === 403) {
    return new ServiceTitanConfigurationError(
      "auth.forbidden",
      `${message}. The app may not ${write ? "change" : "read"} this resource in tenant ${tenant}.`,
      `In the ServiceTitan developer portal, give the app the Settings ${write ? "read and write" : "read"} scope, and have an admin of tenant ${tenant} connect the app to the tenant; check that the app key belongs to the same app.`,
      details
    );
  }
  if (status === 404 && !isRecordPath(details.path)) {
    return new ServiceTitanConfigurationError(
      "tenant.not-found",
      `${message}. ServiceTitan does not know tenant ${tenant} here.`,
      "Check the tenant id and the environment (production or integration).",
      details
    );
  }
  if (retried) {
    return new ServiceTitanRuntimeError(
      "servicetitan.unavailable",
      `${describeFailure(details, attempts)}.`,
      "ServiceTitan is overloaded or unavailable; try again later (https://status.servicetitan.com).",
      details
    );
  }
  return new ServiceTitanRuntimeError(
    "servicetitan.request-rejected",
    `${message}.`,
    status === 404 ? "The record does not exist (any more) in ServiceTitan; rerun the audit to refresh the plan." : "ServiceTitan rejected the request; its message above says why.",
    details
  );
}
function unavailableError(details, cause, attempts) {
  return new ServiceTitanRuntimeError(
    "servicetitan.unavailable",
    `${details.method} ${details.path} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${cause}.`,
    "Check the network path to ServiceTitan (proxy settings HTTPS_PROXY / NO_PROXY, firewall) or try again later.",
    details
  );
}
function invalidResponseError(details, problem) {
  return new ServiceTitanRuntimeError(
    "servicetitan.invalid-response",
    `${details.method} ${details.path} answered something the audit cannot use: ${problem}.`,
    "This is unexpected from ServiceTitan; rerun, and report it with the trace id if it persists.",
    details
  );
}

export {
  ServiceTitanConfigurationError,
  ServiceTitanRuntimeError,
  isServiceTitanError,
  parseProblem,
  scrubSecrets,
  connectionSecrets,
  errorForStatus,
  unavailableError,
  invalidResponseError
};
