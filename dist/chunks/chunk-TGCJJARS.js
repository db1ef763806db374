import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  scrubSecrets
} from "./chunk-UZRWYWPK.js";
import {
  ConfigurationError,
  RuntimeError
} from "./chunk-GIX45REK.js";

// src/identity/people.ts
var ADDRESS = /^[^\s@]+@[^\s@]+$/;
function collectEmails(values) {
  const out = /* @__PURE__ */ new Set();
  for (const value of values) {
    if (typeof value !== "string") continue;
    const address = value.trim().toLowerCase();
    if (ADDRESS.test(address)) out.add(address);
  }
  return [...out];
}
function isoTime(value) {
  if (typeof value !== "string" || value.trim() === "") return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
function latest(values) {
  let best = null;
  for (const value of values) {
    if (typeof value !== "string" || value.trim() === "") continue;
    const ms = Date.parse(value);
    if (!Number.isNaN(ms) && (best === null || ms > best)) best = ms;
  }
  return best === null ? null : new Date(best).toISOString();
}
function asRecord(value) {
  return value && typeof value === "object" && !Array.isArray(value) ? value : null;
}

// src/identity/errors.ts
var IdentityConfigurationError = class extends ConfigurationError {
  constructor(code, message, hint, sourceId) {
    super(code, message, hint);
    this.sourceId = sourceId;
  }
  sourceId;
};
var IdentityRuntimeError = class extends RuntimeError {
  constructor(code, message, hint, sourceId) {
    super(code, message, hint);
    this.sourceId = sourceId;
  }
  sourceId;
};
var KIND_NAMES = {
  csv: "HR roster",
  entra: "Microsoft Entra ID",
  google: "Google Workspace"
};
function sourceName(id, kind) {
  return `Identity source \`${id}\` (${KIND_NAMES[kind]})`;
}
function serviceMessage(text, secrets) {
  const body = scrubSecrets((text ?? "").trim(), secrets);
  if (!body) return null;
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return /^</.test(body) ? null : oneLine(body);
  }
  const o = asRecord(parsed);
  if (!o) return null;
  const parts = [];
  const error = o.error;
  if (typeof error === "string") {
    parts.push(typeof o.error_description === "string" ? `${error}: ${o.error_description}` : error);
  } else if (asRecord(error)) {
    const e = asRecord(error);
    const code = typeof e.code === "string" ? e.code : typeof e.status === "string" ? e.status : null;
    const message = typeof e.message === "string" ? e.message : null;
    if (code && message) parts.push(`${code}: ${message}`);
    else if (message ?? code) parts.push(message ?? code);
    const inner = asRecord(e.innerError);
    const requestId = inner && typeof inner["request-id"] === "string" ? inner["request-id"] : null;
    if (requestId) parts.push(`(request id ${requestId})`);
  } else if (typeof o.message === "string") {
    parts.push(o.message);
  }
  return parts.length ? oneLine(scrubSecrets(parts.join(" "), secrets)) : null;
}
function oneLine(text) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}\u2026` : flat;
}

// src/identity/source.ts
var SecretKeeper = class {
  constructor(onSecret) {
    this.onSecret = onSecret;
  }
  onSecret;
  known = [];
  add(secret) {
    if (!secret || this.known.includes(secret)) return;
    this.known.push(secret);
    this.onSecret?.(secret);
  }
  /** Scrubbed from answers but not handed on (the runner already masks it). */
  remember(secret) {
    if (secret && !this.known.includes(secret)) this.known.push(secret);
  }
  get all() {
    return this.known;
  }
};
var MAX_DIRECTORY_PAGES = 5e3;
var PageTrail = class {
  constructor(sourceId, name) {
    this.sourceId = sourceId;
    this.name = name;
  }
  sourceId;
  name;
  pages = 0;
  seen = /* @__PURE__ */ new Set();
  /** Call with each page link before following it. */
  follow(link) {
    if (this.seen.has(link)) {
      throw new IdentityRuntimeError(
        "identity.unreadable",
        `${this.name}: the directory sent the same next-page link twice after ${this.pages} pages, so reading stopped rather than loop; no partial directory was used.`,
        "Run again; if it repeats, the directory service (or a proxy in front of it) pages wrongly: report it with a debug log.",
        this.sourceId
      );
    }
    if (this.pages >= MAX_DIRECTORY_PAGES) {
      throw new IdentityRuntimeError(
        "identity.unreadable",
        `${this.name}: the directory kept sending more pages after ${this.pages}; reading stopped and no partial directory was used.`,
        "Run again; if it repeats, report it with a debug log.",
        this.sourceId
      );
    }
    this.seen.add(link);
  }
};

export {
  collectEmails,
  isoTime,
  latest,
  asRecord,
  IdentityConfigurationError,
  IdentityRuntimeError,
  sourceName,
  serviceMessage,
  SecretKeeper,
  PageTrail
};
