/** A request of an identity source, with the failures every source shares turned into its errors. */
import {
  endpointName,
  requestJson,
  ServiceUnavailable,
  type JsonAnswer,
  type Refusal,
} from '../http/request.js';
import { IdentityConfigurationError, IdentityRuntimeError, serviceMessage } from './errors.js';
import type { SourceContext } from './source.js';

export interface SourceRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  form?: string;
}

/** Who a source is, for its messages. */
export interface SourceLabel {
  id: string;
  /** `Identity source \`entra\` (Microsoft Entra ID)` */
  name: string;
}

export function requestSubject(source: SourceLabel, req: SourceRequest): string {
  return `${source.name}: ${req.method} ${endpointName(req.url)}`;
}

/** Sends one request; a service that stays unavailable through the retries is `identity.unreadable`. */
export async function call(
  context: SourceContext,
  source: SourceLabel,
  req: SourceRequest,
): Promise<JsonAnswer> {
  const subject = requestSubject(source, req);
  try {
    return await requestJson(context.http, { ...req, subject }, context.budget);
  } catch (error) {
    if (!(error instanceof ServiceUnavailable)) throw error;
    const said = serviceMessage(error.text, context.secrets.all);
    const answered = error.status === undefined ? '' : ` (answered ${error.status})`;
    throw new IdentityRuntimeError(
      'identity.unreadable',
      `${subject} failed after ${error.attempts} attempt${error.attempts === 1 ? '' : 's'}${answered}: ${
        error.status === undefined ? error.reason : (said ?? error.reason)
      }. The directory was not read, and no partial directory was used.`,
      'Check the runner can reach the service (proxy settings HTTPS_PROXY / NO_PROXY, a private CA in NODE_EXTRA_CA_CERTS, the URL overrides if set), then run again; a service that is down or rate-limiting is retried within `retry-budget`.',
      source.id,
    );
  }
}

/** A 4xx the source has no better words for: the service's own message, scrubbed. */
export function refusedError(
  context: SourceContext,
  source: SourceLabel,
  req: SourceRequest,
  answer: Refusal,
  hint: string,
): IdentityConfigurationError {
  const said = serviceMessage(answer.text, context.secrets.all);
  return new IdentityConfigurationError(
    'identity.request-rejected',
    `${requestSubject(source, req)} was refused with ${answer.status}${said ? `: ${said}` : ''}.`,
    hint,
    source.id,
  );
}

/** An answer whose shape is not the documented one: nothing of it is used. */
export function invalidAnswer(source: SourceLabel, req: SourceRequest, what: string): IdentityRuntimeError {
  return new IdentityRuntimeError(
    'identity.unreadable',
    `${requestSubject(source, req)} answered something other than the documented shape (${what}); no partial directory was used.`,
    'Check that the URL overrides (if set) point at the service itself and not at a proxy page; run again, and report it with a debug log if it repeats.',
    source.id,
  );
}
