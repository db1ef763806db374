/**
 * The sandbox's identity directories on the same server as the tenant: a Microsoft Graph-like
 * `/entra/graph/v1.0/users` (with `$select`, `$top` and `@odata.nextLink`) behind an Entra-like
 * token endpoint at `/entra/login/{tenant}/oauth2/v2.0/token`, and a Directory API-like
 * `/google/admin/directory/v1/users` (with `maxResults` and `nextPageToken`) behind `/google/token`.
 * Faults (setFaults) apply to these paths like to any other.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Answer } from './answers.js';
import {
  BearerTokens,
  entraToken,
  googleToken,
  SANDBOX_DIRECTORY_CREDENTIALS,
  type GoogleGrant,
  type SandboxDirectoryCredentials,
} from './directory-auth.js';
import type { EntraUserRecord, GoogleUserRecord, SandboxDirectory } from './directory-data.js';

export interface DirectoryRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  /** `http://127.0.0.1:PORT`, as the client addressed the server: page links and token audiences use it */
  origin: string;
}

export const ENTRA_PREFIX = '/entra';
export const GOOGLE_PREFIX = '/google';
const ENTRA_TOKEN = /^\/entra\/login\/([^/]+)\/oauth2\/v2\.0\/token$/;
const GRAPH_USERS = '/entra/graph/v1.0/users';
const GOOGLE_TOKEN = '/google/token';
const GOOGLE_USERS = '/google/admin/directory/v1/users';
const DAY_MS = 86_400_000;

/** Graph's users as the sandbox can answer them; the defaults are what Graph answers without $select. */
const SELECTABLE = new Set([
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'otherMails',
  'proxyAddresses',
  'accountEnabled',
  'userType',
  'employeeId',
  'createdDateTime',
  'signInActivity',
  'givenName',
  'surname',
  'jobTitle',
  'businessPhones',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
]);
const GRAPH_DEFAULT_SELECT = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

export class SandboxDirectories {
  private readonly graphTokens: BearerTokens<true>;
  private readonly googleTokens: BearerTokens<GoogleGrant>;

  constructor(
    private readonly directory: () => SandboxDirectory | undefined,
    private readonly now: () => Date,
    /** cap on the granted page size, default Graph's 999 and Google's 500 */
    private readonly pageSize: number | undefined,
    readonly credentials: SandboxDirectoryCredentials = SANDBOX_DIRECTORY_CREDENTIALS,
  ) {
    this.graphTokens = new BearerTokens(now);
    this.googleTokens = new BearerTokens(now);
  }

  get tokensIssued(): number {
    return this.graphTokens.issued + this.googleTokens.issued;
  }

  static handles(path: string): boolean {
    return path.startsWith(`${ENTRA_PREFIX}/`) || path.startsWith(`${GOOGLE_PREFIX}/`);
  }

  answer(req: DirectoryRequest): Answer {
    const directory = this.directory();
    if (!directory) {
      return graphError(
        404,
        'Request_ResourceNotFound',
        'This sandbox tenant has no identity directory (its data has no `directory`).',
      );
    }
    const entraToken = ENTRA_TOKEN.exec(req.path);
    if (entraToken) {
      if (req.method !== 'POST') return { status: 405, body: { error: 'invalid_request' } };
      return this.entraToken(req, decodeURIComponent(entraToken[1]!), directory);
    }
    if (req.path === GRAPH_USERS) return this.graphUsers(req, directory);
    if (req.path === GOOGLE_TOKEN) {
      if (req.method !== 'POST') return { status: 405, body: { error: 'invalid_request' } };
      return googleToken(
        req.headers,
        req.body,
        `${req.origin}${GOOGLE_TOKEN}`,
        directory.google.users,
        this.googleTokens,
        this.now(),
      );
    }
    if (req.path === GOOGLE_USERS) return this.googleUsers(req, directory);
    return graphError(404, 'Request_ResourceNotFound', `No such resource: ${req.path.slice(0, 200)}`);
  }

  private entraToken(req: DirectoryRequest, tenant: string, directory: SandboxDirectory): Answer {
    return entraToken(
      req.headers,
      req.body,
      tenant,
      directory.entra.tenantId,
      this.credentials,
      this.graphTokens,
      this.now(),
    );
  }

  private graphUsers(req: DirectoryRequest, directory: SandboxDirectory): Answer {
    if (req.method !== 'GET') return graphError(405, 'Request_BadRequest', 'The method is not allowed.');
    const auth = this.graphTokens.check(req.headers);
    if (auth === 'missing')
      return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    if (auth === 'expired') {
      return graphError(
        401,
        'InvalidAuthenticationToken',
        'Lifetime validation failed, the token is expired.',
      );
    }
    const selectText = req.query.$select;
    const select =
      selectText === undefined ? GRAPH_DEFAULT_SELECT : selectText.split(',').map((s) => s.trim());
    const unknown = select.find((s) => !SELECTABLE.has(s));
    if (unknown !== undefined) {
      return graphError(
        400,
        'Request_BadRequest',
        `Could not find a property named '${unknown.slice(0, 60)}' on type 'microsoft.graph.user'.`,
      );
    }
    if (select.includes('signInActivity') && !directory.entra.premium) {
      return graphError(
        403,
        'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        "Neither tenant is B2C or tenant doesn't have premium license",
      );
    }
    const top = req.query.$top === undefined ? 100 : Number(req.query.$top);
    if (!Number.isInteger(top) || top < 1 || top > 999) {
      return graphError(
        400,
        'Request_BadRequest',
        `Invalid page size specified: '${String(req.query.$top).slice(0, 20)}'. Must be between 1 and 999 inclusive.`,
      );
    }
    const offset = readPosition(req.query.$skiptoken);
    if (offset === null) return graphError(400, 'Request_BadRequest', 'The skip token is not valid.');
    const size = Math.min(top, this.pageSize ?? 999);
    const users = directory.entra.users;
    const page = users.slice(offset, offset + size);
    const end = offset + page.length;
    const now = this.now().getTime();
    const body: Record<string, unknown> = {
      '@odata.context': `${req.origin}/entra/graph/v1.0/$metadata#users(${select.join(',')})`,
      value: page.map((u) => projectEntra(u, select, now)),
    };
    if (end < users.length) {
      const query = [
        ...(selectText === undefined ? [] : [`$select=${selectText}`]),
        `$top=${top}`,
        `$skiptoken=${position(end)}`,
      ].join('&');
      body['@odata.nextLink'] = `${req.origin}${GRAPH_USERS}?${query}`;
    }
    return { status: 200, body };
  }

  private googleUsers(req: DirectoryRequest, directory: SandboxDirectory): Answer {
    if (req.method !== 'GET') return googleError(405, 'Method Not Allowed', 'methodNotAllowed');
    const auth = this.googleTokens.check(req.headers);
    if (typeof auth === 'string') {
      return googleError(
        401,
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        'authError',
        'UNAUTHENTICATED',
      );
    }
    if (!auth.grant.admin) return googleError(403, 'Not Authorized to access this resource/api', 'forbidden');
    const customer = req.query.customer;
    if (customer !== 'my_customer' && customer !== directory.google.customerId) {
      return googleError(
        400,
        customer === undefined ? 'Bad Request' : 'Invalid Input: customer',
        'badRequest',
      );
    }
    const max = req.query.maxResults === undefined ? 100 : Number(req.query.maxResults);
    if (!Number.isInteger(max) || max < 1 || max > 500) {
      return googleError(400, 'Invalid value for: maxResults', 'invalid');
    }
    const offset = readPosition(req.query.pageToken);
    if (offset === null) return googleError(400, 'Invalid Input: pageToken', 'invalid');
    const size = Math.min(max, this.pageSize ?? 500);
    const users = directory.google.users;
    const page = users.slice(offset, offset + size);
    const end = offset + page.length;
    const now = this.now().getTime();
    const body: Record<string, unknown> = { kind: 'admin#directory#users', etag: '"sandbox"' };
    // Google leaves `users` out of an empty page
    if (page.length > 0) body.users = page.map((u) => projectGoogle(u, directory.google.customerId, now));
    if (end < users.length) body.nextPageToken = position(end);
    return { status: 200, body };
  }
}

/** An opaque page position: where the next page starts. */
function position(offset: number): string {
  return Buffer.from(`sandbox-page:${offset}`).toString('base64url');
}

function readPosition(token: string | undefined): number | null {
  if (token === undefined) return 0;
  const match = /^sandbox-page:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

function timeBefore(now: number, days: number | null | undefined): string | null {
  return days === null || days === undefined ? null : new Date(now - days * DAY_MS).toISOString();
}

function projectEntra(user: EntraUserRecord, select: string[], now: number): Record<string, unknown> {
  const lastSignIn = timeBefore(now, user.lastSignInDaysAgo);
  const lastSuccessful = timeBefore(
    now,
    user.lastSuccessfulSignInDaysAgo === undefined
      ? user.lastSignInDaysAgo
      : user.lastSuccessfulSignInDaysAgo,
  );
  const [givenName = null, surname = null] = user.displayName?.split(' ') ?? [];
  const all: Record<string, unknown> = {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    mail: user.mail,
    otherMails: user.otherMails,
    proxyAddresses: user.proxyAddresses,
    accountEnabled: user.accountEnabled,
    userType: user.userType,
    employeeId: user.employeeId,
    createdDateTime: user.createdDateTime,
    // Graph answers null for a user who never signed in
    signInActivity:
      lastSignIn === null && lastSuccessful === null
        ? null
        : {
            lastSignInDateTime: lastSignIn,
            lastSignInRequestId: lastSignIn === null ? null : '00000000-0000-0000-0000-000000000000',
            lastNonInteractiveSignInDateTime: lastSuccessful,
            lastNonInteractiveSignInRequestId: null,
            lastSuccessfulSignInDateTime: lastSuccessful,
            lastSuccessfulSignInRequestId: null,
          },
    givenName,
    surname,
    jobTitle: null,
    businessPhones: [],
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
  };
  const out: Record<string, unknown> = {};
  for (const field of select) out[field] = all[field];
  // Graph always answers the id
  out.id = user.id;
  return out;
}

function projectGoogle(user: GoogleUserRecord, customerId: string, now: number): Record<string, unknown> {
  return {
    kind: 'admin#directory#user',
    id: user.id,
    etag: `"${user.id}"`,
    primaryEmail: user.primaryEmail,
    name: user.name,
    isAdmin: user.isAdmin,
    isDelegatedAdmin: false,
    lastLoginTime: timeBefore(now, user.lastLoginDaysAgo) ?? '1970-01-01T00:00:00.000Z',
    creationTime: user.creationTime,
    agreedToTerms: true,
    suspended: user.suspended,
    archived: user.archived,
    changePasswordAtNextLogin: false,
    ipWhitelisted: false,
    emails: user.emails,
    ...(user.aliases ? { aliases: user.aliases } : {}),
    ...(user.nonEditableAliases ? { nonEditableAliases: user.nonEditableAliases } : {}),
    customerId,
    orgUnitPath: '/',
    isMailboxSetup: true,
    includeInGlobalAddressList: true,
  };
}

/** Microsoft Graph's error shape. */
function graphError(status: number, code: string, message: string): Answer {
  return {
    status,
    body: {
      error: { code, message, innerError: { 'request-id': randomUUID() } },
    },
  };
}

/** Google's error shape. */
function googleError(status: number, message: string, reason: string, statusText?: string): Answer {
  return {
    status,
    body: {
      error: {
        code: status,
        message,
        errors: [{ message, domain: 'global', reason }],
        ...(statusText ? { status: statusText } : {}),
      },
    },
  };
}
