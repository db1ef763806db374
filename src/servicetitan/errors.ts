/**
 * One error type for everything ServiceTitan answers that stops a run. A user's mistake (wrong
 * credentials, app not connected, wrong tenant) is a ConfigurationError (exit 2); a ServiceTitan
 * that cannot be read or written is a RuntimeError (exit 3). Both carry the same details, and no
 * message ever contains the client id, the client secret, the app key or an access token.
 */
import { ConfigurationError, RuntimeError } from '../errors.js';
import type { ServiceTitanConnection } from './settings.js';

export interface ServiceTitanErrorDetails {
  method: string;
  /** the request path with the tenant, never the query string */
  path: string;
  status?: number;
  traceId?: string;
  serviceTitanMessage?: string;
}

export class ServiceTitanConfigurationError extends ConfigurationError {
  constructor(
    code: string,
    message: string,
    hint: string | undefined,
    readonly details: ServiceTitanErrorDetails,
  ) {
    super(code, message, hint);
  }
}

export class ServiceTitanRuntimeError extends RuntimeError {
  constructor(
    code: string,
    message: string,
    hint: string | undefined,
    readonly details: ServiceTitanErrorDetails,
  ) {
    super(code, message, hint);
  }
}

export type ServiceTitanError = ServiceTitanConfigurationError | ServiceTitanRuntimeError;

export function isServiceTitanError(error: unknown): error is ServiceTitanError {
  return error instanceof ServiceTitanConfigurationError || error instanceof ServiceTitanRuntimeError;
}

/** What ServiceTitan said about a failure, from either of its error shapes. */
export interface ServiceTitanProblem {
  message?: string;
  traceId?: string;
}

/**
 * Reads an error body: RFC 7807 `{title, errors, traceId}` from the API, gateway
 * `{statusCode, message}` from the API management layer, OAuth `{error, error_description}` from
 * the token endpoint, or plain text. Every form of `secrets` is scrubbed from the body as it came
 * and again from what it says once parsed (JSON escapes can hide a secret from the first pass),
 * before anything is cut short.
 */
export function parseProblem(body: string, secrets: readonly string[] = []): ServiceTitanProblem {
  const text = scrubSecrets(body.trim(), secrets);
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: oneLine(text) };
  }
  if (!parsed || typeof parsed !== 'object') return { message: oneLine(text) };
  const o = parsed as Record<string, unknown>;
  const traceId =
    typeof o.traceId === 'string' && o.traceId ? scrubSecrets(o.traceId, secrets).slice(0, 200) : undefined;
  const parts: string[] = [];
  if (typeof o.title === 'string' && o.title) parts.push(o.title);
  // RFC 7807's `detail`: ServiceTitan's documented shape has none, but a problem body may carry it
  if (typeof o.detail === 'string' && o.detail && o.detail !== o.title) parts.push(o.detail);
  if (o.errors && typeof o.errors === 'object') {
    for (const [field, messages] of Object.entries(o.errors as Record<string, unknown>)) {
      const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
      if (list.length) parts.push(field ? `${field}: ${list.join(' ')}` : list.join(' '));
    }
  }
  if (typeof o.message === 'string' && o.message) parts.push(o.message);
  if (typeof o.error === 'string' && o.error) {
    parts.push(typeof o.error_description === 'string' ? `${o.error}: ${o.error_description}` : o.error);
  }
  const joined = parts.reduce(
    (text, part) => (text ? `${text}${/[.!?:;]$/.test(text) ? ' ' : '; '}${part}` : part),
    '',
  );
  return { message: joined ? oneLine(scrubSecrets(joined, secrets)) : undefined, traceId };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

/**
 * Replaces every occurrence of a secret with `***`, in every form a server may echo it in: as
 * is, URL- or form-encoded (the token request is a form), JSON-escaped, base64 (HTTP Basic).
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  // longest first, so that a secret that contains another (or a form of it) is not cut apart
  const forms = [...new Set(secrets.flatMap(secretForms))]
    .filter((form) => form.length >= 4)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) out = out.split(form).join('***');
  return out;
}

function secretForms(secret: string): string[] {
  if (!secret) return [];
  const base64 = Buffer.from(secret).toString('base64');
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    secret.replaceAll('/', '\\/'),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
  ];
}

/**
 * What a ServiceTitan answer must never echo into a message: the client id (SECURITY.md treats
 * it as a secret), the client secret, the app key, the pair as HTTP Basic would carry it, and
 * every access token issued in the run.
 */
export function connectionSecrets(
  connection: Pick<ServiceTitanConnection, 'clientId' | 'clientSecret' | 'appKey'>,
  tokens: readonly string[] = [],
): string[] {
  const { clientId, clientSecret, appKey } = connection;
  return [
    `${clientId}:${clientSecret}`,
    `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
    clientId,
    clientSecret,
    appKey,
    ...tokens,
  ];
}

/** `GET /settings/v2/tenant/1/employees failed with 403: Forbidden (trace id abc)` */
export function describeFailure(details: ServiceTitanErrorDetails, attempts?: number): string {
  let text = `${details.method} ${details.path} failed`;
  if (details.status !== undefined) text += ` with ${details.status}`;
  if (attempts !== undefined) text += ` after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  if (details.serviceTitanMessage) text += `: ${details.serviceTitanMessage}`;
  if (details.traceId) text += ` (trace id ${details.traceId})`;
  return text;
}

/** Paths naming one record (`/employees/12`, `/technicians/3/account-actions`) end in a record id. */
function isRecordPath(path: string): boolean {
  return /\/tenant\/[^/]+\/[^/]+\/\d+(\/|$)/.test(path);
}

export interface FailureContext {
  details: ServiceTitanErrorDetails;
  tenant: string;
  write: boolean;
  /** a write's JSON body: what was asked, so that a refusal can say what to do about it */
  body?: unknown;
}

/** The change a write asked for, as far as a refusal's advice depends on it. */
type WriteIntent = 'deactivate' | 'set-role' | 'other';

function writeIntent(details: ServiceTitanErrorDetails, body: unknown): WriteIntent {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (
    details.method === 'POST' &&
    details.path.endsWith('/account-actions') &&
    fields.action === 'Deactivate'
  ) {
    return 'deactivate';
  }
  if (details.method === 'PATCH' && 'roleId' in fields) return 'set-role';
  return 'other';
}

const ENTERPRISE_HUB = /enterprise\s*hub/i;
const ONGOING_JOBS = /\bjobs?\b/i;
/** a refused role change whose reason is the role itself: no other cause to suggest */
const ROLE_ITSELF = /does not exist|not found|inactive|is not an? \w+ role/i;

/**
 * What to do about a write ServiceTitan refused (a 4xx that is not about credentials or a missing
 * record), for the refusals it is known to make: it does not deactivate a technician who has
 * ongoing jobs, and the roles of a user managed in Enterprise Hub can be changed only there. The
 * advice goes into the error's message, because the apply journal records the message.
 */
function refusedWriteAdvice(ctx: FailureContext): string | null {
  const { details } = ctx;
  const reason = details.serviceTitanMessage ?? '';
  const technician = /\/technicians\/\d+/.test(details.path);
  switch (writeIntent(details, ctx.body)) {
    case 'deactivate':
      if (technician && ONGOING_JOBS.test(reason)) {
        return (
          'ServiceTitan does not deactivate a technician who has ongoing jobs: finish or reassign those jobs ' +
          'in ServiceTitan, then rerun apply; or lock the account instead (`fix: lock`), which ServiceTitan ' +
          'allows while jobs are open and which also ends sign-in'
        );
      }
      return (
        'ServiceTitan refused to deactivate the account for the reason above' +
        (technician
          ? '; a technician with ongoing jobs cannot be deactivated until they are finished or reassigned'
          : '') +
        '. Resolve it in ServiceTitan and rerun apply, or lock the account instead (`fix: lock`)'
      );
    case 'set-role':
      if (ROLE_ITSELF.test(reason) && !ENTERPRISE_HUB.test(reason)) return null;
      if (ENTERPRISE_HUB.test(reason)) {
        return (
          "ServiceTitan says the user is managed in Enterprise Hub, and such a user's roles can be changed " +
          'only there: change the role in Enterprise Hub, or lock the account instead (`fix: lock`)'
        );
      }
      return (
        'ServiceTitan refused the role change for the reason above. A likely cause: the user is managed in ' +
        "Enterprise Hub, and such a user's roles can be changed only there; then change the role in " +
        'Enterprise Hub, or lock the account instead (`fix: lock`)'
      );
    case 'other':
      return null;
  }
}

/** A write refused for a reason of the record (not of the credentials): 400, 409, 422 …, or a 403 naming Enterprise Hub. */
function isRefusedWrite(ctx: FailureContext, status: number): boolean {
  if (!ctx.write || status < 400 || status >= 500 || status === 401 || status === 429) return false;
  if (status === 404) return false;
  if (status === 403) return ENTERPRISE_HUB.test(ctx.details.serviceTitanMessage ?? '');
  return true;
}

/**
 * The error for a final (not retried, or retries exhausted) HTTP answer. `attempts` is how often
 * the request was tried, for the `servicetitan.unavailable` hint.
 */
export function errorForStatus(ctx: FailureContext, attempts: number): ServiceTitanError {
  const { details, tenant, write } = ctx;
  const status = details.status ?? 0;
  const message = describeFailure(details);
  const retried = status === 429 || status >= 500;
  if (isRefusedWrite(ctx, status)) {
    const advice = refusedWriteAdvice(ctx);
    if (advice) {
      return new ServiceTitanRuntimeError(
        'servicetitan.request-rejected',
        `${message}. ${advice}.`,
        'ServiceTitan refused this change; the message says why and what to do. The other steps go on, and a rerun does not repeat the steps already verified.',
        details,
      );
    }
  }
  if (status === 401) {
    return new ServiceTitanConfigurationError(
      'auth.unauthorized',
      `${message}. ServiceTitan refused the access token even after a fresh one was fetched.`,
      'Check `app-key` (ST_APP_KEY: the application key of the same app), `client-id` and `client-secret`, and that `environment` (production or integration) is the one the app was created in.',
      details,
    );
  }
  if (status === 403) {
    return new ServiceTitanConfigurationError(
      'auth.forbidden',
      `${message}. The app may not ${write ? 'change' : 'read'} this resource in tenant ${tenant}.`,
      `In the ServiceTitan developer portal, give the app the Settings ${write ? 'read and write' : 'read'} scope, and have an admin of tenant ${tenant} connect the app to the tenant; check that the app key belongs to the same app.`,
      details,
    );
  }
  if (status === 404 && !isRecordPath(details.path)) {
    return new ServiceTitanConfigurationError(
      'tenant.not-found',
      `${message}. ServiceTitan does not know tenant ${tenant} here.`,
      'Check the tenant id and the environment (production or integration).',
      details,
    );
  }
  if (retried) {
    return new ServiceTitanRuntimeError(
      'servicetitan.unavailable',
      `${describeFailure(details, attempts)}.`,
      'ServiceTitan is overloaded or unavailable; try again later (https://status.servicetitan.com).',
      details,
    );
  }
  return new ServiceTitanRuntimeError(
    'servicetitan.request-rejected',
    `${message}.`,
    status === 404
      ? 'The record does not exist (any more) in ServiceTitan; rerun the audit to refresh the plan.'
      : 'ServiceTitan rejected the request; its message above says why.',
    details,
  );
}

/** Timeouts and connection errors that outlasted the retries. */
export function unavailableError(details: ServiceTitanErrorDetails, cause: string, attempts: number) {
  return new ServiceTitanRuntimeError(
    'servicetitan.unavailable',
    `${details.method} ${details.path} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${cause}.`,
    'Check the network path to ServiceTitan (proxy settings HTTPS_PROXY / NO_PROXY, firewall) or try again later.',
    details,
  );
}

export function invalidResponseError(details: ServiceTitanErrorDetails, problem: string) {
  return new ServiceTitanRuntimeError(
    'servicetitan.invalid-response',
    `${details.method} ${details.path} answered something the audit cannot use: ${problem}.`,
    'This is unexpected from ServiceTitan; rerun, and report it with the trace id if it persists.',
    details,
  );
}
