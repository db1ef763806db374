import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  IdentityConfigurationError,
  IdentityRuntimeError,
  serviceMessage
} from "./chunk-TGCJJARS.js";
import {
  connectionCause
} from "./chunk-ANGAKLR6.js";
import {
  retryAfterMs,
  withRetries
} from "./chunk-5B2J2IDX.js";
import {
  require_undici
} from "./chunk-N5BF7DY7.js";
import {
  __toESM
} from "./chunk-WD5L72B6.js";

// src/http/request.ts
var import_undici = __toESM(require_undici(), 1);
var ServiceUnavailable = class extends Error {
  constructor(reason, attempts, status, text) {
    super(reason);
    this.reason = reason;
    this.attempts = attempts;
    this.status = status;
    this.text = text;
    this.name = "ServiceUnavailable";
  }
  reason;
  attempts;
  status;
  text;
};
async function requestJson(http, req, budget) {
  const attempt = async (timeoutMs) => {
    let status;
    let headers;
    let text;
    try {
      const res = await (0, import_undici.request)(req.url, {
        method: req.method,
        dispatcher: http.dispatcher,
        headers: {
          accept: "application/json",
          ...req.form === void 0 ? {} : { "content-type": "application/x-www-form-urlencoded" },
          ...req.headers
        },
        body: req.form,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs
      });
      status = res.statusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (error) {
      const cause = connectionCause(error, timeoutMs);
      return { ok: false, retry: true, reason: cause, error: (n) => new ServiceUnavailable(cause, n) };
    }
    if (status >= 200 && status < 300) {
      try {
        return { ok: true, value: { ok: true, status, body: JSON.parse(text) } };
      } catch {
        const reason = "the answer is not valid JSON (truncated?)";
        return {
          ok: false,
          retry: true,
          reason,
          error: (n) => new ServiceUnavailable(reason, n, status)
        };
      }
    }
    if (status === 429 || status >= 500) {
      return {
        ok: false,
        retry: true,
        status,
        reason: `${status}`,
        // Microsoft Graph sends Retry-After on 429 and 503; Google on some 429s
        waitMs: retryAfterMs(headers["retry-after"]) ?? void 0,
        error: (n) => new ServiceUnavailable(`${status}`, n, status, text)
      };
    }
    return { ok: true, value: { ok: false, status, text } };
  };
  return withRetries(attempt, {
    budget,
    maxRetries: http.maxRetries,
    timeoutMs: http.timeoutMs,
    label: req.subject,
    subject: req.subject,
    logger: http.logger,
    sleep: http.sleep
  });
}
function endpointName(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

// src/identity/call.ts
function requestSubject(source, req) {
  return `${source.name}: ${req.method} ${endpointName(req.url)}`;
}
async function call(context, source, req) {
  const subject = requestSubject(source, req);
  try {
    return await requestJson(context.http, { ...req, subject }, context.budget);
  } catch (error) {
    if (!(error instanceof ServiceUnavailable)) throw error;
    const said = serviceMessage(error.text, context.secrets.all);
    const answered = error.status === void 0 ? "" : ` (answered ${error.status})`;
    throw new IdentityRuntimeError(
      "identity.unreadable",
      `${subject} failed after ${error.attempts} attempt${error.attempts === 1 ? "" : "s"}${answered}: ${error.status === void 0 ? error.reason : said ?? error.reason}. The directory was not read, and no partial directory was used.`,
      "Check the runner can reach the service (proxy settings HTTPS_PROXY / NO_PROXY, a private CA in NODE_EXTRA_CA_CERTS, the URL overrides if set), then run again; a service that is down or rate-limiting is retried within `retry-budget`.",
      source.id
    );
  }
}
function refusedError(context, source, req, answer, hint) {
  const said = serviceMessage(answer.text, context.secrets.all);
  return new IdentityConfigurationError(
    "identity.request-rejected",
    `${requestSubject(source, req)} was refused with ${answer.status}${said ? `: ${said}` : ""}.`,
    hint,
    source.id
  );
}
function invalidAnswer(source, req, what) {
  return new IdentityRuntimeError(
    "identity.unreadable",
    `${requestSubject(source, req)} answered something other than the documented shape (${what}); no partial directory was used.`,
    "Check that the URL overrides (if set) point at the service itself and not at a proxy page; run again, and report it with a debug log if it repeats.",
    source.id
  );
}

export {
  call,
  refusedError,
  invalidAnswer
};
