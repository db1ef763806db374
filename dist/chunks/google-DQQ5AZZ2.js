import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  keySecrets,
  readServiceAccountKey,
  signAssertion
} from "./chunk-7435OWNU.js";
import {
  call,
  invalidAnswer,
  refusedError
} from "./chunk-YBVZSBE2.js";
import {
  IdentityConfigurationError,
  PageTrail,
  asRecord,
  collectEmails,
  isoTime,
  serviceMessage,
  sourceName
} from "./chunk-TGCJJARS.js";
import "./chunk-ANGAKLR6.js";
import "./chunk-UZRWYWPK.js";
import "./chunk-5B2J2IDX.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-N5BF7DY7.js";
import "./chunk-WD5L72B6.js";

// src/identity/google.ts
var GOOGLE_DIRECTORY_SCOPE = "https://www.googleapis.com/auth/admin.directory.user.readonly";
var JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
var PAGE_SIZE = 500;
var ASSERTION_SECONDS = 3600;
var readGoogle = async (source, context) => {
  const label = { id: source.id, name: sourceName(source.id, "google") };
  const { googleCredentials, googleSubject } = context.credentials;
  if (!googleCredentials || !googleSubject) {
    const missing = [
      ...googleCredentials ? [] : ["`google-credentials` (GOOGLE_CREDENTIALS)"],
      ...googleSubject ? [] : ["`google-subject` (GOOGLE_SUBJECT)"]
    ];
    throw new IdentityConfigurationError(
      "identity.missing-credentials",
      `${label.name} cannot sign in: ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set.`,
      "Set `google-credentials` to the service-account key JSON (from a secret) or its path, and `google-subject` to the address of a Workspace admin the service account may act as (README: Identity sources).",
      label.id
    );
  }
  const reading = readServiceAccountKey(googleCredentials);
  if (!reading.key) {
    throw new IdentityConfigurationError(
      "identity.invalid-credentials",
      `${label.name}: the service-account key ${reading.problem}`,
      reading.hint,
      label.id
    );
  }
  for (const secret of keySecrets(reading.key)) context.secrets.add(secret);
  const tokens = new GoogleTokens(label, context, reading.key, googleSubject);
  const people = await readUsers(source, label, context, tokens);
  const directory = {
    sourceId: source.id,
    kind: "google",
    people,
    signInReported: true,
    signInUnavailable: null
  };
  return directory;
};
async function readUsers(source, label, context, tokens) {
  const base = `${context.credentials.googleApiUrl}/admin/directory/v1/users?customer=${encodeURIComponent(source.customer)}&maxResults=${PAGE_SIZE}&projection=basic&showDeleted=false`;
  const trail = new PageTrail(label.id, label.name);
  const people = /* @__PURE__ */ new Map();
  let pageToken = null;
  let refreshed = false;
  for (; ; ) {
    const token = await tokens.get();
    const req = {
      method: "GET",
      url: pageToken === null ? base : `${base}&pageToken=${encodeURIComponent(pageToken)}`,
      headers: { authorization: `Bearer ${token}` }
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
    const users = body?.users ?? [];
    if (!body || !Array.isArray(users)) throw invalidAnswer(label, req, "no `users` list");
    for (const raw of users) {
      const person = googlePerson(raw);
      if (!person) throw invalidAnswer(label, req, "a user without an `id` or `primaryEmail`");
      if (!people.has(person.personId)) people.set(person.personId, person);
    }
    trail.pages++;
    context.logger.progress?.(`${label.id}: people`, people.size);
    const next = body.nextPageToken;
    if (typeof next !== "string" || next === "") break;
    trail.follow(next);
    pageToken = next;
  }
  context.logger.debug(`${label.name}: read ${people.size} users in ${trail.pages} pages`);
  return [...people.values()];
}
var NEVER = 0;
function googlePerson(raw) {
  const u = asRecord(raw);
  const id = u && typeof u.id === "string" ? u.id.trim() : "";
  if (!u || id === "" || typeof u.primaryEmail !== "string" || u.primaryEmail.trim() === "") return null;
  const emails = Array.isArray(u.emails) ? u.emails.map((e) => asRecord(e)?.address) : [];
  const name = asRecord(u.name);
  const fullName = typeof name?.fullName === "string" && name.fullName.trim() !== "" ? name.fullName.trim() : [name?.givenName, name?.familyName].filter((p) => typeof p === "string" && p.trim() !== "").join(" ") || null;
  const lastLogin = isoTime(u.lastLoginTime);
  return {
    personId: id,
    emails: collectEmails([
      u.primaryEmail,
      ...emails,
      ...Array.isArray(u.aliases) ? u.aliases : [],
      ...Array.isArray(u.nonEditableAliases) ? u.nonEditableAliases : []
    ]),
    aadObjectId: null,
    name: fullName,
    state: u.suspended === true || u.archived === true ? "suspended" : "active",
    type: null,
    lastSignIn: lastLogin === null || Date.parse(lastLogin) === NEVER ? null : lastLogin,
    createdAt: isoTime(u.creationTime)
  };
}
function directoryRefusal(context, label, req, answer, customer) {
  const said = serviceMessage(answer.text, context.secrets.all);
  const message = `${label.name}: the Directory API refused to list the users of customer ${customer} (${answer.status}${said ? `: ${said}` : ""}).`;
  const hint = "`google-subject` must be a Workspace admin allowed to read users (a super admin, or a role with Admin API privileges \u2192 Users \u2192 Read), and the Admin SDK API must be enabled in the service account\u2019s Google Cloud project.";
  if (answer.status === 401)
    return new IdentityConfigurationError("identity.auth-failed", message, hint, label.id);
  if (answer.status === 403)
    return new IdentityConfigurationError("identity.forbidden", message, hint, label.id);
  return refusedError(
    context,
    label,
    req,
    answer,
    `Check the source\u2019s \`customer\` (\`my_customer\`, or the customer ID from the Admin console \u2192 Account \u2192 Account settings), and \`google-api-url\` (GOOGLE_API_URL) if you set it.`
  );
}
var GoogleTokens = class {
  constructor(label, context, key, subject) {
    this.label = label;
    this.context = context;
    this.key = key;
    this.subject = subject;
  }
  label;
  context;
  key;
  subject;
  token = null;
  get() {
    this.token ??= this.fetch();
    return this.token;
  }
  invalidate() {
    this.token = null;
  }
  async fetch() {
    const { credentials, secrets } = this.context;
    const iat = Math.floor(this.context.clock() / 1e3);
    const assertion = signAssertion(this.key, {
      iss: this.key.clientEmail,
      sub: this.subject,
      scope: GOOGLE_DIRECTORY_SCOPE,
      aud: credentials.googleTokenUrl,
      iat,
      exp: iat + ASSERTION_SECONDS
    });
    secrets.add(assertion);
    const req = {
      method: "POST",
      url: credentials.googleTokenUrl,
      form: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString()
    };
    const answer = await call(this.context, this.label, req);
    if (!answer.ok) {
      if (answer.status !== 400 && answer.status !== 401) {
        throw refusedError(
          this.context,
          this.label,
          req,
          answer,
          "Check `google-token-url` (GOOGLE_TOKEN_URL) if you set it: the full token URL, e.g. https://oauth2.googleapis.com/token."
        );
      }
      const said = serviceMessage(answer.text, secrets.all);
      throw new IdentityConfigurationError(
        "identity.auth-failed",
        `${this.label.name}: Google refused the service account ${this.key.clientEmail} acting as ${this.subject}${said ? `: ${said}` : ""}.`,
        googleHint(said ?? ""),
        this.label.id
      );
    }
    const token = asRecord(answer.body)?.access_token;
    if (typeof token !== "string" || token === "") throw invalidAnswer(this.label, req, "no access_token");
    secrets.add(token);
    this.context.logger.debug(`${this.label.name}: signed in as ${this.key.clientEmail} for ${this.subject}`);
    return token;
  }
};
function googleHint(said) {
  if (/unauthorized_client/i.test(said)) {
    return `Authorize the service account for domain-wide delegation: Admin console \u2192 Security \u2192 Access and data control \u2192 API controls \u2192 Domain-wide delegation \u2192 Add new, with the service account's client ID and the scope ${GOOGLE_DIRECTORY_SCOPE}.`;
  }
  if (/invalid email|user id/i.test(said)) {
    return "`google-subject` (GOOGLE_SUBJECT) must be the primary address of an active user of the Workspace, an admin who may read users.";
  }
  if (/signature|key/i.test(said)) {
    return "The key may have been deleted or disabled in Google Cloud (IAM & Admin \u2192 Service accounts \u2192 Keys): create a new JSON key and store it again.";
  }
  if (/iat|exp|timeframe/i.test(said)) {
    return "Google judged the assertion's time wrong: check the runner's clock.";
  }
  return "Check `google-credentials` (the service-account key) and `google-subject`, and the domain-wide delegation of the service account (README: Identity sources).";
}
export {
  GOOGLE_DIRECTORY_SCOPE,
  JWT_BEARER_GRANT,
  googlePerson,
  readGoogle
};
