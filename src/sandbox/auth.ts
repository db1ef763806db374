/**
 * The sandbox's OAuth2 side: the client-credentials token endpoint and the bearer-token and
 * app-key check that ServiceTitan's gateway performs before anything else.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { unauthorized, type Answer } from './answers.js';

export interface SandboxCredentials {
  clientId: string;
  clientSecret: string;
  appKey: string;
}

export const SANDBOX_CREDENTIALS: SandboxCredentials = {
  clientId: 'cid.sandbox-demo',
  clientSecret: 'cs1.sandbox-demo-secret',
  appKey: 'ak1.sandbox-demo-key',
};

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function oauthError(status: number, error: string, description?: string): Answer {
  return { status, body: description ? { error, error_description: description } : { error } };
}

export class TokenAuthority {
  /** access token -> expiry (ms, on the sandbox clock) */
  private readonly tokens = new Map<string, number>();
  issued = 0;

  constructor(
    private readonly credentials: SandboxCredentials,
    private readonly lifetimeSeconds: number,
    private readonly now: () => Date,
  ) {}

  /** POST /connect/token, form-encoded client_credentials (client in the form or HTTP Basic). */
  tokenRequest(headers: IncomingHttpHeaders, body: string): Answer {
    const contentType = String(headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded') {
      return oauthError(
        400,
        'invalid_request',
        'The token request must be application/x-www-form-urlencoded.',
      );
    }
    const form = new URLSearchParams(body);
    let clientId = form.get('client_id') ?? '';
    let clientSecret = form.get('client_secret') ?? '';
    const basic = /^Basic\s+(.+)$/i.exec(String(headers['authorization'] ?? ''));
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
    if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
    if (!same(clientId, this.credentials.clientId) || !same(clientSecret, this.credentials.clientSecret)) {
      return oauthError(400, 'invalid_client');
    }
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, this.now().getTime() + this.lifetimeSeconds * 1000);
    this.issued++;
    return {
      status: 200,
      body: { access_token: token, expires_in: this.lifetimeSeconds, token_type: 'Bearer' },
      headers: { 'cache-control': 'no-store' },
    };
  }

  /** The gateway's check: a live bearer token and the right ST-App-Key, else 401. */
  check(headers: IncomingHttpHeaders): Answer | null {
    const appKey = headers['st-app-key'];
    if (typeof appKey !== 'string' || !same(appKey, this.credentials.appKey)) {
      return unauthorized(
        'Access denied: the ST-App-Key header is missing or does not match an application.',
      );
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers['authorization'] ?? ''))?.[1];
    const expires = bearer === undefined ? undefined : this.tokens.get(bearer);
    if (expires === undefined) return unauthorized('Unauthorized: the access token is missing or invalid.');
    if (expires <= this.now().getTime()) {
      this.tokens.delete(bearer!);
      return unauthorized('Unauthorized: the access token has expired.');
    }
    return null;
  }

  /** Clears the count; issued tokens stay valid, so a client in the middle of a run goes on. */
  resetCount(): void {
    this.issued = 0;
  }
}
