import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ServiceTitanConfigurationError,
  connectionSecrets,
  errorForStatus,
  invalidResponseError,
  parseProblem,
  unavailableError
} from "./chunk-UZRWYWPK.js";
import {
  gatewayWaitMs,
  retryAfterMs,
  withRetries
} from "./chunk-5B2J2IDX.js";
import {
  tokenUrl
} from "./chunk-MJBVRMUS.js";
import {
  external_exports
} from "./chunk-5VFH7U4S.js";
import {
  require_undici
} from "./chunk-N5BF7DY7.js";
import {
  __toESM
} from "./chunk-WD5L72B6.js";

// src/servicetitan/auth.ts
var import_undici = __toESM(require_undici(), 1);
var TokenAnswer = external_exports.looseObject({
  access_token: external_exports.string().min(1),
  expires_in: external_exports.coerce.number().positive().optional()
});
var DEFAULT_LIFETIME_S = 900;
function safetyMarginSeconds(lifetimeSeconds) {
  return lifetimeSeconds >= 600 ? 60 : lifetimeSeconds * 0.1;
}
var AccessTokens = class {
  constructor(options) {
    this.options = options;
    this.now = options.now ?? (() => performance.now());
  }
  options;
  cached = null;
  inFlight = null;
  /** every token issued in this run, so error text can be scrubbed of them */
  issued = [];
  now;
  /** A valid token: the cached one, or a fresh one shared by every concurrent caller. */
  get(budget) {
    if (this.cached && this.now() < this.cached.renewAt) return Promise.resolve(this.cached.token);
    if (!this.inFlight) {
      this.inFlight = this.fetchToken(budget).finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }
  /** Forgets `token` after the API refused it (a newer one may already be cached). */
  invalidate(token) {
    if (this.cached?.token === token) this.cached = null;
  }
  async fetchToken(budget) {
    const { connection, tuning, logger } = this.options;
    const url = tokenUrl(connection);
    const details = { method: "POST", path: url.split("?")[0] };
    const label = `POST ${details.path}`;
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: connection.clientId,
      client_secret: connection.clientSecret
    }).toString();
    const attempt = async (timeoutMs) => {
      this.options.onRequest();
      let status;
      let headers;
      let text;
      const startedAt = this.now();
      try {
        const res = await (0, import_undici.request)(url, {
          method: "POST",
          dispatcher: this.options.dispatcher,
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: form,
          signal: AbortSignal.timeout(timeoutMs),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs
        });
        status = res.statusCode;
        headers = res.headers;
        text = await res.body.text();
      } catch (error) {
        const cause = connectionCause(error, timeoutMs);
        return { ok: false, retry: true, reason: cause, error: (n) => unavailableError(details, cause, n) };
      }
      const problem = parseProblem(text, connectionSecrets(connection, this.issued));
      const failed = { ...details, status, serviceTitanMessage: problem.message, traceId: problem.traceId };
      if (status === 400 || status === 401) {
        return {
          ok: false,
          retry: false,
          reason: `${status}`,
          error: () => new ServiceTitanConfigurationError(
            "auth.invalid-client",
            `${label} failed with ${status}${problem.message ? `: ${problem.message}` : ""}. ServiceTitan did not accept the client credentials.`,
            `Check \`client-id\` and \`client-secret\` (ST_CLIENT_ID / ST_CLIENT_SECRET), and that \`environment\` is the one they were issued for (${connection.environment} now; production and integration credentials are separate).`,
            failed
          )
        };
      }
      if (status === 429 || status >= 500) {
        const waitMs = status === 429 ? retryAfterMs(headers["retry-after"]) ?? gatewayWaitMs(problem.message) : null;
        return {
          ok: false,
          retry: true,
          reason: `${status}`,
          status,
          waitMs: waitMs ?? void 0,
          error: (n) => errorForStatus({ details: failed, tenant: connection.tenant, write: false }, n)
        };
      }
      if (status < 200 || status >= 300) {
        return {
          ok: false,
          retry: false,
          reason: `${status}`,
          error: () => new ServiceTitanConfigurationError(
            "auth.token-request-failed",
            `${label} failed with ${status}${problem.message ? `: ${problem.message}` : ""}.`,
            connection.authUrl ? "Check `auth-url` (ST_AUTH_URL): it must be the full URL of the token endpoint, e.g. https://auth.servicetitan.io/connect/token." : "The ServiceTitan token endpoint refused the request; check proxy settings (HTTPS_PROXY / NO_PROXY).",
            failed
          )
        };
      }
      let answer;
      try {
        answer = TokenAnswer.parse(JSON.parse(text));
      } catch {
        return {
          ok: false,
          retry: true,
          reason: "the token answer is not JSON with an access_token",
          error: () => invalidResponseError(details, "the token answer has no access_token")
        };
      }
      const lifetime = answer.expires_in ?? DEFAULT_LIFETIME_S;
      this.cached = {
        token: answer.access_token,
        renewAt: startedAt + (lifetime - safetyMarginSeconds(lifetime)) * 1e3
      };
      this.issued.push(answer.access_token);
      this.options.onToken?.(answer.access_token);
      logger.debug(`Fetched an access token valid for ${lifetime} s`);
      return { ok: true, value: answer.access_token };
    };
    return withRetries(attempt, {
      budget,
      maxRetries: tuning.maxRetries,
      timeoutMs: tuning.timeoutMs,
      label,
      logger,
      sleep: this.options.sleep,
      onRetry: this.options.onRetry
    });
  }
};
function connectionCause(error, timeoutMs) {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError" || /timeout/i.test(error.name)) {
      return `no answer within ${timeoutMs} ms`;
    }
    const code = error.code;
    return typeof code === "string" ? `${code} (${error.message})` : error.message;
  }
  return String(error);
}

export {
  safetyMarginSeconds,
  AccessTokens,
  connectionCause
};
