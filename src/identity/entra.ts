/**
 * Microsoft Entra ID through Microsoft Graph: a client-credentials token (a client secret, or the
 * workflow's GitHub OIDC token as a federated client assertion: no stored secret), then every
 * user, page by page along `@odata.nextLink`. `signInActivity` needs Entra ID P1 (and
 * AuditLog.Read.All); when Graph refuses it, the users are read again without it and the
 * directory says that dormancy cannot be judged from it.
 */
import type { Directory, IdentitySourceConfig, Person } from '../domain/identity.js';
import { call, invalidAnswer, refusedError, type SourceLabel, type SourceRequest } from './call.js';
import { IdentityConfigurationError, IdentityRuntimeError, serviceMessage, sourceName } from './errors.js';
import { asRecord, collectEmails, isoTime, latest } from './people.js';
import { PageTrail, type SourceContext, type SourceReader } from './source.js';

type EntraSource = Extract<IdentitySourceConfig, { kind: 'entra' }>;

/** The audience Entra expects on a GitHub OIDC token used as a federated credential. */
export const ENTRA_TOKEN_AUDIENCE = 'api://AzureADTokenExchange';
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const ENTRA_USER_FIELDS = [
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
] as const;
/** Graph's largest page of users. */
const PAGE_SIZE = 999;

/** Graph's national clouds issue tokens for their own host; anything else (a proxy, the sandbox) is global Graph. */
const GRAPH_CLOUDS = [
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
];

export function graphScope(graphUrl: string): string {
  const host = new URL(graphUrl).host.toLowerCase();
  return `https://${GRAPH_CLOUDS.includes(host) ? host : 'graph.microsoft.com'}/.default`;
}

export const readEntra: SourceReader<EntraSource> = async (source, context) => {
  const label: SourceLabel = { id: source.id, name: sourceName(source.id, 'entra') };
  const tokens = new EntraTokens(source, label, context);
  let people: Person[];
  let signInUnavailable: string | null = null;
  try {
    people = await readUsers(label, context, tokens, true);
  } catch (error) {
    if (!(error instanceof SignInRefused)) throw error;
    signInUnavailable = `Microsoft Graph refused signInActivity (it needs Entra ID P1 and the AuditLog.Read.All permission)${
      error.said ? `: ${error.said}` : ''
    }`;
    context.logger.warning(`${label.name}: ${signInUnavailable}. Reading the users without sign-in times.`);
    people = await readUsers(label, context, tokens, false);
  }
  const directory: Directory = {
    sourceId: source.id,
    kind: 'entra',
    people,
    signInReported: signInUnavailable === null,
    signInUnavailable,
  };
  return directory;
};

/** Graph answered 403 while signInActivity was selected. */
class SignInRefused extends Error {
  constructor(readonly said: string | null) {
    super('signInActivity refused');
  }
}

async function readUsers(
  label: SourceLabel,
  context: SourceContext,
  tokens: EntraTokens,
  withSignIn: boolean,
): Promise<Person[]> {
  const { graphUrl } = context.credentials;
  const select = [...ENTRA_USER_FIELDS, ...(withSignIn ? ['signInActivity'] : [])].join(',');
  let url: string | null = `${graphUrl}/v1.0/users?$select=${select}&$top=${PAGE_SIZE}`;
  const trail = new PageTrail(label.id, label.name);
  const people = new Map<string, Person>();
  let refreshed = false;
  while (url !== null) {
    const token = await tokens.get();
    const req: SourceRequest = {
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
    };
    const answer = await call(context, label, req);
    if (!answer.ok) {
      if (answer.status === 401 && !refreshed) {
        // the token may have expired during a long read: one fresh token, then give up
        refreshed = true;
        tokens.invalidate();
        continue;
      }
      if (answer.status === 403 && withSignIn) {
        throw new SignInRefused(serviceMessage(answer.text, context.secrets.all));
      }
      throw graphRefusal(context, label, req, answer);
    }
    refreshed = false;
    const page = readPage(answer.body);
    if (!page) throw invalidAnswer(label, req, 'no `value` list of users');
    for (const raw of page.users) {
      const person = entraPerson(raw);
      if (!person) throw invalidAnswer(label, req, 'a user without an `id`');
      if (!people.has(person.personId)) people.set(person.personId, person);
    }
    trail.pages++;
    context.logger.progress?.(`${label.id}: people`, people.size);
    if (page.next === null) {
      url = null;
    } else {
      url = followLink(graphUrl, page.next);
      if (url === null) throw invalidAnswer(label, req, 'an @odata.nextLink that is not a users page');
      trail.follow(url);
    }
  }
  context.logger.debug(`${label.name}: read ${people.size} users in ${trail.pages} pages`);
  return [...people.values()];
}

/**
 * The next page, always asked of the configured Graph URL: a link to another host (a proxy's
 * upstream, or a hostile answer) never receives the access token.
 */
function followLink(graphUrl: string, link: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(link, `${graphUrl}/`);
  } catch {
    return null;
  }
  const at = parsed.pathname.indexOf('/v1.0/users');
  if (at < 0) return null;
  return `${graphUrl}${parsed.pathname.slice(at)}${parsed.search}`;
}

function readPage(body: unknown): { users: unknown[]; next: string | null } | null {
  const o = asRecord(body);
  if (!o || !Array.isArray(o.value)) return null;
  const next = o['@odata.nextLink'];
  return { users: o.value, next: typeof next === 'string' && next !== '' ? next : null };
}

/** One Graph user as a Person; null when it has no id. */
export function entraPerson(raw: unknown): Person | null {
  const u = asRecord(raw);
  const id = u && typeof u.id === 'string' ? u.id.trim() : '';
  if (!u || id === '') return null;
  const proxies = Array.isArray(u.proxyAddresses) ? u.proxyAddresses : [];
  const userType = typeof u.userType === 'string' ? u.userType.toLowerCase() : null;
  const signIn = asRecord(u.signInActivity);
  return {
    personId: id,
    emails: collectEmails([
      u.mail,
      u.userPrincipalName,
      ...(Array.isArray(u.otherMails) ? u.otherMails : []),
      ...proxies.map(smtpAddress),
    ]),
    aadObjectId: id,
    name: typeof u.displayName === 'string' && u.displayName.trim() !== '' ? u.displayName.trim() : null,
    state: u.accountEnabled === false ? 'suspended' : 'active',
    type: userType === 'guest' ? 'guest' : userType === 'member' ? 'member' : null,
    lastSignIn: latest([signIn?.lastSignInDateTime, signIn?.lastSuccessfulSignInDateTime]),
    createdAt: isoTime(u.createdDateTime),
  };
}

/** `SMTP:a@x` and `smtp:b@x` are addresses; `SIP:`, `X500:` and other kinds are not. */
function smtpAddress(entry: unknown): unknown {
  if (typeof entry !== 'string') return null;
  const colon = entry.indexOf(':');
  if (colon < 0) return entry;
  return entry.slice(0, colon).toLowerCase() === 'smtp' ? entry.slice(colon + 1) : null;
}

function graphRefusal(
  context: SourceContext,
  label: SourceLabel,
  req: SourceRequest,
  answer: { ok: false; status: number; text: string },
): IdentityConfigurationError {
  const said = serviceMessage(answer.text, context.secrets.all);
  const message = `${label.name}: Microsoft Graph refused to list the users (${answer.status}${said ? `: ${said}` : ''}).`;
  const hint =
    'Give the app registration the Microsoft Graph *application* permission User.Read.All and grant admin consent (Entra admin center → App registrations → the app → API permissions → Grant admin consent); check that `graph-url`, if set, is the Graph of the same cloud as `entra-authority-url`.';
  if (answer.status === 401)
    return new IdentityConfigurationError('identity.auth-failed', message, hint, label.id);
  if (answer.status === 403)
    return new IdentityConfigurationError('identity.forbidden', message, hint, label.id);
  return refusedError(
    context,
    label,
    req,
    answer,
    'Check `graph-url` (GRAPH_URL) if you set it: it is the Graph root, e.g. https://graph.microsoft.com, without /v1.0.',
  );
}

/** One Graph access token per source read, fetched when first needed and again after a 401. */
class EntraTokens {
  private token: Promise<string> | null = null;

  constructor(
    private readonly source: EntraSource,
    private readonly label: SourceLabel,
    private readonly context: SourceContext,
  ) {}

  get(): Promise<string> {
    this.token ??= this.fetch();
    return this.token;
  }

  invalidate(): void {
    this.token = null;
  }

  private async fetch(): Promise<string> {
    const { credentials, secrets } = this.context;
    const clientId = credentials.entraClientId;
    if (!clientId) throw missingCredentials(this.label, 'no client id');
    const form = new URLSearchParams({
      client_id: clientId,
      scope: graphScope(credentials.graphUrl),
      grant_type: 'client_credentials',
    });
    const federated = !credentials.entraClientSecret;
    if (credentials.entraClientSecret) {
      secrets.add(credentials.entraClientSecret);
      form.set('client_secret', credentials.entraClientSecret);
    } else {
      const assertion = await githubIdToken(this.label, this.context);
      form.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
      form.set('client_assertion', assertion);
    }
    const req: SourceRequest = {
      method: 'POST',
      url: `${credentials.entraAuthorityUrl}/${encodeURIComponent(this.source.tenantId)}/oauth2/v2.0/token`,
      form: form.toString(),
    };
    const answer = await call(this.context, this.label, req);
    if (!answer.ok) throw this.tokenRefusal(req, answer, federated);
    const token = asRecord(answer.body)?.access_token;
    if (typeof token !== 'string' || token === '') throw invalidAnswer(this.label, req, 'no access_token');
    secrets.add(token);
    this.context.logger.debug(
      `${this.label.name}: signed in to tenant ${this.source.tenantId} with ${federated ? 'the workflow’s OIDC token' : 'a client secret'}`,
    );
    return token;
  }

  private tokenRefusal(
    req: SourceRequest,
    answer: { ok: false; status: number; text: string },
    federated: boolean,
  ): IdentityConfigurationError {
    const said = serviceMessage(answer.text, this.context.secrets.all);
    if (answer.status !== 400 && answer.status !== 401) {
      return refusedError(
        this.context,
        this.label,
        req,
        answer,
        'Check `entra-authority-url` (ENTRA_AUTHORITY_URL) if you set it: it is the authority host, e.g. https://login.microsoftonline.com, without the tenant.',
      );
    }
    return new IdentityConfigurationError(
      'identity.auth-failed',
      `${this.label.name}: Microsoft Entra ID refused the sign-in of app ${this.context.credentials.entraClientId} to tenant ${this.source.tenantId}${said ? `: ${said}` : ''}.`,
      entraHint(said ?? '', federated),
      this.label.id,
    );
  }
}

/** What to do about an Entra sign-in error, by its AADSTS code. */
function entraHint(said: string, federated: boolean): string {
  if (/AADSTS(90002|900023|90013)\b/.test(said)) {
    return 'Check the source’s `tenant-id`: the Directory (tenant) ID from the Entra admin center → Overview.';
  }
  if (/AADSTS700016\b/.test(said)) {
    return 'Check `entra-client-id` (ENTRA_CLIENT_ID): the Application (client) ID of an app registered in this tenant.';
  }
  if (/AADSTS(7000215|7000222)\b/.test(said)) {
    return 'Check `entra-client-secret` (ENTRA_CLIENT_SECRET): the secret’s Value (not its ID), not expired; or remove it and use the workflow’s OIDC token (README: Identity sources).';
  }
  if (federated || /AADSTS(70021|700211|700212|700213|700024|700027)\b/.test(said)) {
    return 'Add a federated credential to the app registration (Certificates & secrets → Federated credentials → GitHub Actions): organization and repository of this workflow, and the entity it runs as (the branch, or the environment when the job has one); the subject Entra names above must match it exactly. The audience stays api://AzureADTokenExchange.';
  }
  return 'Check `entra-client-id`, `entra-client-secret` and the source’s `tenant-id` against the app registration (README: Identity sources).';
}

function missingCredentials(label: SourceLabel, what: string): IdentityConfigurationError {
  return new IdentityConfigurationError(
    'identity.missing-credentials',
    `${label.name} cannot sign in: ${what}.`,
    'Set `entra-client-id` (ENTRA_CLIENT_ID on the command line) to the app registration’s Application (client) ID, and either `entra-client-secret` (ENTRA_CLIENT_SECRET) or, in GitHub Actions, `permissions: id-token: write` on the job with a federated credential on the app (README: Identity sources).',
    label.id,
  );
}

/** The workflow's OIDC token for Entra's audience, from the runner's token service. */
async function githubIdToken(label: SourceLabel, context: SourceContext): Promise<string> {
  const url = context.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = context.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !requestToken) {
    throw missingCredentials(
      label,
      context.inActions
        ? 'no `entra-client-secret`, and the job may not request an OIDC token (it has no `permissions: id-token: write`)'
        : 'no client secret (ENTRA_CLIENT_SECRET), and no GitHub Actions OIDC token outside a workflow run',
    );
  }
  context.secrets.remember(requestToken);
  let token: string;
  try {
    const core = await import('@actions/core');
    token = await core.getIDToken(ENTRA_TOKEN_AUDIENCE);
  } catch (error) {
    const said = serviceMessage(error instanceof Error ? error.message : String(error), context.secrets.all);
    throw new IdentityRuntimeError(
      'identity.oidc-failed',
      `${label.name}: the workflow’s OIDC token could not be obtained from GitHub${said ? ` (${said})` : ''}.`,
      'Give the job `permissions: id-token: write` and run again; if it repeats, GitHub’s token service may be down (https://www.githubstatus.com).',
      label.id,
    );
  }
  context.secrets.add(token);
  return token;
}
