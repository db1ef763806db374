/**
 * Google Workspace through the Admin SDK Directory API: a service-account key signs an RS256
 * assertion that impersonates an admin (domain-wide delegation, read-only user scope), exchanged
 * for an access token; then every user of the customer, page by page along `nextPageToken`.
 * Google says nothing of employee or contractor, so a person's type is left unknown.
 */
import type { Directory, IdentitySourceConfig, Person } from '../domain/identity.js';
import { call, invalidAnswer, refusedError, type SourceLabel, type SourceRequest } from './call.js';
import { IdentityConfigurationError, serviceMessage, sourceName } from './errors.js';
import { keySecrets, readServiceAccountKey, signAssertion, type ServiceAccountKey } from './google-key.js';
import { asRecord, collectEmails, isoTime } from './people.js';
import { PageTrail, type SourceContext, type SourceReader } from './source.js';

type GoogleSource = Extract<IdentitySourceConfig, { kind: 'google' }>;

export const GOOGLE_DIRECTORY_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The Directory API's largest page of users. */
const PAGE_SIZE = 500;
/** Google's longest assertion lifetime. */
const ASSERTION_SECONDS = 3600;

export const readGoogle: SourceReader<GoogleSource> = async (source, context) => {
  const label: SourceLabel = { id: source.id, name: sourceName(source.id, 'google') };
  const { googleCredentials, googleSubject } = context.credentials;
  if (!googleCredentials || !googleSubject) {
    const missing = [
      ...(googleCredentials ? [] : ['`google-credentials` (GOOGLE_CREDENTIALS)']),
      ...(googleSubject ? [] : ['`google-subject` (GOOGLE_SUBJECT)']),
    ];
    throw new IdentityConfigurationError(
      'identity.missing-credentials',
      `${label.name} cannot sign in: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set.`,
      'Set `google-credentials` to the service-account key JSON (from a secret) or its path, and `google-subject` to the address of a Workspace admin the service account may act as (README: Identity sources).',
      label.id,
    );
  }
  const reading = readServiceAccountKey(googleCredentials);
  if (!reading.key) {
    throw new IdentityConfigurationError(
      'identity.invalid-credentials',
      `${label.name}: the service-account key ${reading.problem}`,
      reading.hint,
      label.id,
    );
  }
  for (const secret of keySecrets(reading.key)) context.secrets.add(secret);
  const tokens = new GoogleTokens(label, context, reading.key, googleSubject);
  const people = await readUsers(source, label, context, tokens);
  const directory: Directory = {
    sourceId: source.id,
    kind: 'google',
    people,
    signInReported: true,
    signInUnavailable: null,
  };
  return directory;
};

async function readUsers(
  source: GoogleSource,
  label: SourceLabel,
  context: SourceContext,
  tokens: GoogleTokens,
): Promise<Person[]> {
  const base =
    `${context.credentials.googleApiUrl}/admin/directory/v1/users?customer=${encodeURIComponent(source.customer)}` +
    `&maxResults=${PAGE_SIZE}&projection=basic&showDeleted=false`;
  const trail = new PageTrail(label.id, label.name);
  const people = new Map<string, Person>();
  let pageToken: string | null = null;
  let refreshed = false;
  for (;;) {
    const token = await tokens.get();
    const req: SourceRequest = {
      method: 'GET',
      url: pageToken === null ? base : `${base}&pageToken=${encodeURIComponent(pageToken)}`,
      headers: { authorization: `Bearer ${token}` },
    };
    const answer = await call(context, label, req);
    if (!answer.ok) {
      if (answer.status === 401 && !refreshed) {
        refreshed = true;
        tokens.invalidate();
        continue;
      }
      throw directoryRefusal(context, label, req, answer, source.customer);
    }
    refreshed = false;
    const body = asRecord(answer.body);
    // Google leaves `users` out of a page with none
    const users = body?.users ?? [];
    if (!body || !Array.isArray(users)) throw invalidAnswer(label, req, 'no `users` list');
    for (const raw of users) {
      const person = googlePerson(raw);
      if (!person) throw invalidAnswer(label, req, 'a user without an `id` or `primaryEmail`');
      if (!people.has(person.personId)) people.set(person.personId, person);
    }
    trail.pages++;
    context.logger.progress?.(`${label.id}: people`, people.size);
    const next = body.nextPageToken;
    if (typeof next !== 'string' || next === '') break;
    trail.follow(next);
    pageToken = next;
  }
  context.logger.debug(`${label.name}: read ${people.size} users in ${trail.pages} pages`);
  return [...people.values()];
}

/** Google's `lastLoginTime` for someone who never signed in. */
const NEVER = 0;

/** One Directory API user as a Person; null without an id or a primary address. */
export function googlePerson(raw: unknown): Person | null {
  const u = asRecord(raw);
  const id = u && typeof u.id === 'string' ? u.id.trim() : '';
  if (!u || id === '' || typeof u.primaryEmail !== 'string' || u.primaryEmail.trim() === '') return null;
  const emails = Array.isArray(u.emails) ? u.emails.map((e) => asRecord(e)?.address) : [];
  const name = asRecord(u.name);
  const fullName =
    typeof name?.fullName === 'string' && name.fullName.trim() !== ''
      ? name.fullName.trim()
      : [name?.givenName, name?.familyName]
          .filter((p) => typeof p === 'string' && p.trim() !== '')
          .join(' ') || null;
  const lastLogin = isoTime(u.lastLoginTime);
  return {
    personId: id,
    emails: collectEmails([
      u.primaryEmail,
      ...emails,
      ...(Array.isArray(u.aliases) ? u.aliases : []),
      ...(Array.isArray(u.nonEditableAliases) ? u.nonEditableAliases : []),
    ]),
    aadObjectId: null,
    name: fullName,
    state: u.suspended === true || u.archived === true ? 'suspended' : 'active',
    type: null,
    lastSignIn: lastLogin === null || Date.parse(lastLogin) === NEVER ? null : lastLogin,
    createdAt: isoTime(u.creationTime),
  };
}

function directoryRefusal(
  context: SourceContext,
  label: SourceLabel,
  req: SourceRequest,
  answer: { ok: false; status: number; text: string },
  customer: string,
): IdentityConfigurationError {
  const said = serviceMessage(answer.text, context.secrets.all);
  const message = `${label.name}: the Directory API refused to list the users of customer ${customer} (${answer.status}${said ? `: ${said}` : ''}).`;
  const hint =
    '`google-subject` must be a Workspace admin allowed to read users (a super admin, or a role with Admin API privileges → Users → Read), and the Admin SDK API must be enabled in the service account’s Google Cloud project.';
  if (answer.status === 401)
    return new IdentityConfigurationError('identity.auth-failed', message, hint, label.id);
  if (answer.status === 403)
    return new IdentityConfigurationError('identity.forbidden', message, hint, label.id);
  return refusedError(
    context,
    label,
    req,
    answer,
    `Check the source’s \`customer\` (\`my_customer\`, or the customer ID from the Admin console → Account → Account settings), and \`google-api-url\` (GOOGLE_API_URL) if you set it.`,
  );
}

/** One access token per source read, from a freshly signed assertion; again after a 401. */
class GoogleTokens {
  private token: Promise<string> | null = null;

  constructor(
    private readonly label: SourceLabel,
    private readonly context: SourceContext,
    private readonly key: ServiceAccountKey,
    private readonly subject: string,
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
    const iat = Math.floor(this.context.clock() / 1000);
    const assertion = signAssertion(this.key, {
      iss: this.key.clientEmail,
      sub: this.subject,
      scope: GOOGLE_DIRECTORY_SCOPE,
      aud: credentials.googleTokenUrl,
      iat,
      exp: iat + ASSERTION_SECONDS,
    });
    secrets.add(assertion);
    const req: SourceRequest = {
      method: 'POST',
      url: credentials.googleTokenUrl,
      form: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
    };
    const answer = await call(this.context, this.label, req);
    if (!answer.ok) {
      if (answer.status !== 400 && answer.status !== 401) {
        throw refusedError(
          this.context,
          this.label,
          req,
          answer,
          'Check `google-token-url` (GOOGLE_TOKEN_URL) if you set it: the full token URL, e.g. https://oauth2.googleapis.com/token.',
        );
      }
      const said = serviceMessage(answer.text, secrets.all);
      throw new IdentityConfigurationError(
        'identity.auth-failed',
        `${this.label.name}: Google refused the service account ${this.key.clientEmail} acting as ${this.subject}${said ? `: ${said}` : ''}.`,
        googleHint(said ?? ''),
        this.label.id,
      );
    }
    const token = asRecord(answer.body)?.access_token;
    if (typeof token !== 'string' || token === '') throw invalidAnswer(this.label, req, 'no access_token');
    secrets.add(token);
    this.context.logger.debug(`${this.label.name}: signed in as ${this.key.clientEmail} for ${this.subject}`);
    return token;
  }
}

function googleHint(said: string): string {
  if (/unauthorized_client/i.test(said)) {
    return `Authorize the service account for domain-wide delegation: Admin console → Security → Access and data control → API controls → Domain-wide delegation → Add new, with the service account's client ID and the scope ${GOOGLE_DIRECTORY_SCOPE}.`;
  }
  if (/invalid email|user id/i.test(said)) {
    return '`google-subject` (GOOGLE_SUBJECT) must be the primary address of an active user of the Workspace, an admin who may read users.';
  }
  if (/signature|key/i.test(said)) {
    return 'The key may have been deleted or disabled in Google Cloud (IAM & Admin → Service accounts → Keys): create a new JSON key and store it again.';
  }
  if (/iat|exp|timeframe/i.test(said)) {
    return "Google judged the assertion's time wrong: check the runner's clock.";
  }
  return 'Check `google-credentials` (the service-account key) and `google-subject`, and the domain-wide delegation of the service account (README: Identity sources).';
}
