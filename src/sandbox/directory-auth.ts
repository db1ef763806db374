/**
 * The sign-in side of the sandbox's directories: Microsoft Entra ID's token endpoint
 * (client-credentials with a client secret, or a client assertion as GitHub's OIDC token is
 * used) and Google's (a JWT-bearer assertion, whose RS256 signature is verified against the
 * sandbox service account's public key).
 */
import { generateKeyPairSync, randomBytes, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Answer } from './answers.js';
import type { GoogleUserRecord } from './directory-data.js';

export interface SandboxDirectoryCredentials {
  /** the app registration's Application (client) ID */
  entraClientId: string;
  entraClientSecret: string;
  googleClientEmail: string;
  /** the service-account key JSON; its RSA key is made on first use, once per process */
  readonly googleCredentials: string;
}

export const ENTRA_FEDERATED_AUDIENCE = 'api://AzureADTokenExchange';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const DIRECTORY_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';
const CLIENT_EMAIL = 'access-guard@acme-hvac-sandbox.iam.gserviceaccount.com';

interface ServiceAccount {
  json: string;
  publicKey: KeyObject;
}

let serviceAccount: ServiceAccount | null = null;

/**
 * The sandbox's Google service account. Its key is generated, not shipped: a private key in the
 * repository would look like a leaked credential to every secret scanner.
 */
function sandboxServiceAccount(): ServiceAccount {
  if (!serviceAccount) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const json = JSON.stringify(
      {
        type: 'service_account',
        project_id: 'acme-hvac-sandbox',
        private_key_id: randomBytes(20).toString('hex'),
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        client_email: CLIENT_EMAIL,
        client_id: '104729383618252730211',
        auth_uri: 'https://accounts.google.com/o/oauth2/auth',
        token_uri: 'https://oauth2.googleapis.com/token',
      },
      null,
      2,
    );
    serviceAccount = { json, publicKey };
  }
  return serviceAccount;
}

export const SANDBOX_DIRECTORY_CREDENTIALS: SandboxDirectoryCredentials = {
  entraClientId: '0b7d3f52-8c1e-4a96-b2d4-7e5f9a3c6d18',
  entraClientSecret: 'sbx~entra-demo-secret.5Qm8',
  googleClientEmail: CLIENT_EMAIL,
  get googleCredentials() {
    return sandboxServiceAccount().json;
  },
};

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function oauthError(status: number, error: string, description: string): Answer {
  return { status, body: { error, error_description: description } };
}

function isForm(headers: IncomingHttpHeaders): boolean {
  const type = String(headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  return type === 'application/x-www-form-urlencoded';
}

/** The claims of a compact JWS, unverified; null when it is not one. */
function jwtParts(
  token: string,
): { header: Record<string, unknown>; claims: Record<string, unknown> } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') return null;
    return { header: header as Record<string, unknown>, claims: claims as Record<string, unknown> };
  } catch {
    return null;
  }
}

/** Access tokens of one service, with their expiry on the sandbox clock and what they may do. */
export class BearerTokens<T> {
  private readonly tokens = new Map<string, { expires: number; grant: T }>();
  issued = 0;

  constructor(private readonly now: () => Date) {}

  issue(lifetimeSeconds: number, grant: T): string {
    const token = `${randomBytes(24).toString('base64url')}.sbx`;
    this.tokens.set(token, { expires: this.now().getTime() + lifetimeSeconds * 1000, grant });
    this.issued++;
    return token;
  }

  /** The grant of a live bearer token; `missing` or `expired` otherwise. */
  check(headers: IncomingHttpHeaders): { grant: T } | 'missing' | 'expired' {
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers['authorization'] ?? ''))?.[1];
    const entry = bearer === undefined ? undefined : this.tokens.get(bearer);
    if (!entry) return 'missing';
    if (entry.expires <= this.now().getTime()) {
      this.tokens.delete(bearer!);
      return 'expired';
    }
    return { grant: entry.grant };
  }
}

const TOKEN_SECONDS = 3599;

/** POST {authority}/{tenant}/oauth2/v2.0/token, as Microsoft Entra ID answers it. */
export function entraToken(
  headers: IncomingHttpHeaders,
  body: string,
  tenant: string,
  tenantId: string,
  credentials: SandboxDirectoryCredentials,
  tokens: BearerTokens<true>,
  now: Date,
): Answer {
  if (!isForm(headers)) {
    return oauthError(
      400,
      'invalid_request',
      'AADSTS900144: The request body must contain the following parameter: grant_type.',
    );
  }
  const form = new URLSearchParams(body);
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(
      400,
      'unsupported_grant_type',
      'AADSTS70003: The app requested an unsupported grant type.',
    );
  }
  if (tenant.toLowerCase() !== tenantId.toLowerCase()) {
    return oauthError(
      400,
      'invalid_request',
      `AADSTS90002: Tenant '${tenant.slice(0, 60)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    );
  }
  const clientId = form.get('client_id') ?? '';
  if (!same(clientId, credentials.entraClientId)) {
    return oauthError(
      400,
      'unauthorized_client',
      `AADSTS700016: Application with identifier '${clientId.slice(0, 60)}' was not found in the directory '${tenantId}'.`,
    );
  }
  if (form.get('scope') !== GRAPH_SCOPE) {
    return oauthError(400, 'invalid_scope', 'AADSTS1002012: The provided value for scope is not valid.');
  }
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (secret !== null) {
    if (!same(secret, credentials.entraClientSecret)) {
      return oauthError(
        401,
        'invalid_client',
        "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" +
          `${credentials.entraClientId}'.`,
      );
    }
  } else if (assertion !== null) {
    if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) {
      return oauthError(400, 'invalid_request', 'AADSTS50027: The client_assertion_type is not supported.');
    }
    // A federated credential: the token of the workflow, which Entra checks against the
    // credential's issuer, subject and audience. The sandbox trusts any issuer and subject.
    const jwt = jwtParts(assertion);
    if (!jwt) return oauthError(400, 'invalid_client', 'AADSTS50027: JWT token is invalid or malformed.');
    const aud = jwt.claims.aud;
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(ENTRA_FEDERATED_AUDIENCE)) {
      return oauthError(
        400,
        'invalid_client',
        `AADSTS700212: No matching federated identity record found for presented assertion audience '${String(aud).slice(0, 80)}'.`,
      );
    }
    if (typeof jwt.claims.exp === 'number' && jwt.claims.exp * 1000 <= now.getTime()) {
      return oauthError(
        400,
        'invalid_client',
        'AADSTS700024: Client assertion is not within its valid time range.',
      );
    }
  } else {
    return oauthError(
      401,
      'invalid_client',
      "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  const token = tokens.issue(TOKEN_SECONDS, true);
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: TOKEN_SECONDS,
      ext_expires_in: TOKEN_SECONDS,
      access_token: token,
    },
    headers: { 'cache-control': 'no-store' },
  };
}

/** What a Google access token may do: read users when its subject is an admin. */
export interface GoogleGrant {
  admin: boolean;
}

/** POST /token with a JWT-bearer assertion, as Google's OAuth 2.0 server answers it. */
export function googleToken(
  headers: IncomingHttpHeaders,
  body: string,
  tokenUrl: string,
  users: GoogleUserRecord[],
  tokens: BearerTokens<GoogleGrant>,
  now: Date,
): Answer {
  if (!isForm(headers)) return oauthError(400, 'invalid_request', 'Invalid request.');
  const form = new URLSearchParams(body);
  const grant = form.get('grant_type') ?? '';
  if (grant !== JWT_BEARER) {
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grant.slice(0, 80)}`);
  }
  const assertion = form.get('assertion') ?? '';
  const jwt = jwtParts(assertion);
  if (!jwt) return oauthError(400, 'invalid_grant', 'Invalid JWT: the assertion is not a signed JWT.');
  if (jwt.header.alg !== 'RS256') return oauthError(400, 'invalid_grant', 'Invalid JWT: alg must be RS256.');
  const [head, payload, signature] = assertion.split('.') as [string, string, string];
  const valid = verify(
    'RSA-SHA256',
    Buffer.from(`${head}.${payload}`),
    sandboxServiceAccount().publicKey,
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  const { iss, sub, aud, scope, iat, exp } = jwt.claims;
  if (iss !== CLIENT_EMAIL) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
  if (aud !== tokenUrl) return oauthError(400, 'invalid_grant', `Invalid JWT: aud must be ${tokenUrl}.`);
  const seconds = now.getTime() / 1000;
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    iat > seconds + 300 ||
    exp <= seconds ||
    exp - iat > 3600
  ) {
    return oauthError(
      400,
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  }
  const scopes = typeof scope === 'string' ? scope.split(' ') : [];
  if (!scopes.includes(DIRECTORY_SCOPE)) {
    return oauthError(
      401,
      'unauthorized_client',
      'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
    );
  }
  const subject = typeof sub === 'string' ? sub.toLowerCase() : '';
  const user = users.find((u) => u.primaryEmail.toLowerCase() === subject && !u.suspended && !u.archived);
  if (!user) return oauthError(400, 'invalid_grant', 'Invalid email or User ID');
  const token = tokens.issue(TOKEN_SECONDS, { admin: user.isAdmin });
  return {
    status: 200,
    body: { access_token: token, expires_in: TOKEN_SECONDS, token_type: 'Bearer' },
    headers: { 'cache-control': 'no-store' },
  };
}
