/**
 * Why an identity source could not be read. A source that cannot be read completely ends the
 * run (a partial directory would turn everyone missing from it into a leaver); the error names
 * the source and never carries a secret, a token or an assertion.
 */
import { ConfigurationError, RuntimeError } from '../errors.js';
import type { IdentitySourceKind } from '../domain/identity.js';
import { scrubSecrets } from '../servicetitan/errors.js';
import { asRecord as record } from './people.js';

/** A user's mistake: missing or refused credentials, permissions, a wrong tenant or path. Exit 2. */
export class IdentityConfigurationError extends ConfigurationError {
  constructor(
    code: string,
    message: string,
    hint: string | undefined,
    readonly sourceId: string,
  ) {
    super(code, message, hint);
  }
}

/** The source could not be read (unreachable, failing, answering nonsense). Exit 3. */
export class IdentityRuntimeError extends RuntimeError {
  constructor(
    code: string,
    message: string,
    hint: string | undefined,
    readonly sourceId: string,
  ) {
    super(code, message, hint);
  }
}

export type IdentityError = IdentityConfigurationError | IdentityRuntimeError;

export const KIND_NAMES: Record<IdentitySourceKind, string> = {
  csv: 'HR roster',
  entra: 'Microsoft Entra ID',
  google: 'Google Workspace',
};

/** `Identity source \`entra\` (Microsoft Entra ID)` */
export function sourceName(id: string, kind: IdentitySourceKind): string {
  return `Identity source \`${id}\` (${KIND_NAMES[kind]})`;
}

/**
 * What a service said about a failure, from the shapes identity services use: OAuth's
 * `{error, error_description}`, Graph's and Google's `{error: {code, message, status}}`, or text.
 * Secrets are scrubbed before anything is cut short; null when it said nothing readable.
 */
export function serviceMessage(text: string | undefined, secrets: readonly string[]): string | null {
  const body = scrubSecrets((text ?? '').trim(), secrets);
  if (!body) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // an HTML error page from a proxy says nothing worth repeating
    return /^</.test(body) ? null : oneLine(body);
  }
  const o = record(parsed);
  if (!o) return null;
  const parts: string[] = [];
  const error = o.error;
  if (typeof error === 'string') {
    parts.push(typeof o.error_description === 'string' ? `${error}: ${o.error_description}` : error);
  } else if (record(error)) {
    const e = record(error)!;
    const code = typeof e.code === 'string' ? e.code : typeof e.status === 'string' ? e.status : null;
    const message = typeof e.message === 'string' ? e.message : null;
    if (code && message) parts.push(`${code}: ${message}`);
    else if (message ?? code) parts.push((message ?? code)!);
    const inner = record(e.innerError);
    const requestId = inner && typeof inner['request-id'] === 'string' ? inner['request-id'] : null;
    if (requestId) parts.push(`(request id ${requestId})`);
  } else if (typeof o.message === 'string') {
    parts.push(o.message);
  }
  return parts.length ? oneLine(scrubSecrets(parts.join(' '), secrets)) : null;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
