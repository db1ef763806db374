import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  call,
  invalidAnswer,
  refusedError
} from "./chunk-YBVZSBE2.js";
import {
  IdentityConfigurationError,
  IdentityRuntimeError,
  PageTrail,
  asRecord,
  collectEmails,
  isoTime,
  latest,
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

// src/identity/entra.ts
var ENTRA_TOKEN_AUDIENCE = "api://AzureADTokenExchange";
var CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
var ENTRA_USER_FIELDS = [
  "id",
  "displayName",
  "userPrincipalName",
  "mail",
  "otherMails",
  "proxyAddresses",
  "accountEnabled",
  "userType",
  "employeeId",
  "createdDateTime"
];
var PAGE_SIZE = 999;
var GRAPH_CLOUDS = [
  "graph.microsoft.com",
  "graph.microsoft.us",
  "dod-graph.microsoft.us",
  "microsoftgraph.chinacloudapi.cn"
];
function graphScope(graphUrl) {
  const host = new URL(graphUrl).host.toLowerCase();
  return `https://${GRAPH_CLOUDS.includes(host) ? host : "graph.microsoft.com"}/.default`;
}
var readEntra = async (source, context) => {
  const label = { id: source.id, name: sourceName(source.id, "entra") };
  const tokens = new EntraTokens(source, label, context);
  let people;
  let signInUnavailable = null;
  try {
    people = await readUsers(label, context, tokens, true);
  } catch (error) {
    if (!(error instanceof SignInRefused)) throw error;
    signInUnavailable = `Microsoft Graph refused signInActivity (it needs Entra ID P1 and the AuditLog.Read.All permission)${error.said ? `: ${error.said}` : ""}`;
    context.logger.warning(`${label.name}: ${signInUnavailable}. Reading the users without sign-in times.`);
    people = await readUsers(label, context, tokens, false);
  }
  const directory = {
    sourceId: source.id,
    kind: "entra",
    people,
    signInReported: signInUnavailable === null,
    signInUnavailable
  };
  return directory;
};
var SignInRefused = class extends Error {
  constructor(said) {
    super("signInActivity refused");
    this.said = said;
  }
  said;
};
async function readUsers(label, context, tokens, withSignIn) {
  const { graphUrl } = context.credentials;
  const select = [...ENTRA_USER_FIELDS, ...withSignIn ? ["signInActivity"] : []].join(",");
  let url = `${graphUrl}/v1.0/users?$select=${select}&$top=${PAGE_SIZE}`;
  const trail = new PageTrail(label.id, label.name);
  const people = /* @__PURE__ */ new Map();
  let refreshed = false;
  while (url !== null) {
    const token = await tokens.get();
    const req = {
      method: "GET",
      url,
      headers: { authorization: `Bearer ${token}` }
    };
    const answer = await call(context, label, req);
    if (!answer.ok) {
      if (answer.status === 401 && !refreshed) {
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
    if (!page) throw invalidAnswer(label, req, "no `value` list of users");
    for (const raw of page.users) {
      const person = entraPerson(raw);
      if (!person) throw invalidAnswer(label, req, "a user without an `id`");
      if (!people.has(person.personId)) people.set(person.personId, person);
    }
    trail.pages++;
    context.logger.progress?.(`${label.id}: people`, people.size);
    if (page.next === null) {
      url = null;
    } else {
      url = followLink(graphUrl, page.next);
      if (url === null) throw invalidAnswer(label, req, "an @odata.nextLink that is not a users page");
      trail.follow(url);
    }
  }
  context.logger.debug(`${label.name}: read ${people.size} users in ${trail.pages} pages`);
  return [...people.values()];
}
function followLink(graphUrl, link) {
  let parsed;
  try {
    parsed = new URL(link, `${graphUrl}/`);
  } catch {
    return null;
  }
  const at = parsed.pathname.indexOf("/v1.0/users");
  if (at < 0) return null;
  return `${graphUrl}${parsed.pathname.slice(at)}${parsed.search}`;
}
function readPage(body) {
  const o = asRecord(body);
  if (!o || !Array.isArray(o.value)) return null;
  const next = o["@odata.nextLink"];
  return { users: o.value, next: typeof next === "string" && next !== "" ? next : null };
}
function entraPerson(raw) {
  const u = asRecord(raw);
  const id = u && typeof u.id === "string" ? u.id.trim() : "";
  if (!u || id === "") return null;
  const proxies = Array.isArray(u.proxyAddresses) ? u.proxyAddresses : [];
  const userType = typeof u.userType === "string" ? u.userType.toLowerCase() : null;
  const signIn = asRecord(u.signInActivity);
  return {
    personId: id,
    emails: collectEmails([
      u.mail,
      u.userPrincipalName,
      ...Array.isArray(u.otherMails) ? u.otherMails : [],
      ...proxies.map(smtpAddress)
    ]),
    aadObjectId: id,
    name: typeof u.displayName === "string" && u.displayName.trim() !== "" ? u.displayName.trim() : null,
    state: u.accountEnabled === false ? "suspended" : "active",
    type: userType === "guest" ? "guest" : userType === "member" ? "member" : null,
    lastSignIn: latest([signIn?.lastSignInDateTime, signIn?.lastSuccessfulSignInDateTime]),
    createdAt: isoTime(u.createdDateTime)
  };
}
function smtpAddress(entry) {
  if (typeof entry !== "string") return null;
  const colon = entry.indexOf(":");
  if (colon < 0) return entry;
  return entry.slice(0, colon).toLowerCase() === "smtp" ? entry.slice(colon + 1) : null;
}
function graphRefusal(context, label, req, answer) {
  const said = serviceMessage(answer.text, context.secrets.all);
  const message = `${label.name}: Microsoft Graph refused to list the users (${answer.status}${said ? `: ${said}` : ""}).`;
  const hint = "Give the app registration the Microsoft Graph *application* permission User.Read.All and grant admin consent (Entra admin center \u2192 App registrations \u2192 the app \u2192 API permissions \u2192 Grant admin consent); check that `graph-url`, if set, is the Graph of the same cloud as `entra-authority-url`.";
  if (answer.status === 401)
    return new IdentityConfigurationError("identity.auth-failed", message, hint, label.id);
  if (answer.status === 403)
    return new IdentityConfigurationError("identity.forbidden", message, hint, label.id);
  return refusedError(
    context,
    label,
    req,
    answer,
    "Check `graph-url` (GRAPH_URL) if you set it: it is the Graph root, e.g. https://graph.microsoft.com, without /v1.0."
  );
}
var EntraTokens = class {
  constructor(source, label, context) {
    this.source = source;
    this.label = label;
    this.context = context;
  }
  source;
  label;
  context;
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
    const clientId = credentials.entraClientId;
    if (!clientId) throw missingCredentials(this.label, "no client id");
    const form = new URLSearchParams({
      client_id: clientId,
      scope: graphScope(credentials.graphUrl),
      grant_type: "client_credentials"
    });
    const federated = !credentials.entraClientSecret;
    if (credentials.entraClientSecret) {
      secrets.add(credentials.entraClientSecret);
      form.set("client_secret", credentials.entraClientSecret);
    } else {
      const assertion = await githubIdToken(this.label, this.context);
      form.set("client_assertion_type", CLIENT_ASSERTION_TYPE);
      form.set("client_assertion", assertion);
    }
    const req = {
      method: "POST",
      url: `${credentials.entraAuthorityUrl}/${encodeURIComponent(this.source.tenantId)}/oauth2/v2.0/token`,
      form: form.toString()
    };
    const answer = await call(this.context, this.label, req);
    if (!answer.ok) throw this.tokenRefusal(req, answer, federated);
    const token = asRecord(answer.body)?.access_token;
    if (typeof token !== "string" || token === "") throw invalidAnswer(this.label, req, "no access_token");
    secrets.add(token);
    this.context.logger.debug(
      `${this.label.name}: signed in to tenant ${this.source.tenantId} with ${federated ? "the workflow\u2019s OIDC token" : "a client secret"}`
    );
    return token;
  }
  tokenRefusal(req, answer, federated) {
    const said = serviceMessage(answer.text, this.context.secrets.all);
    if (answer.status !== 400 && answer.status !== 401) {
      return refusedError(
        this.context,
        this.label,
        req,
        answer,
        "Check `entra-authority-url` (ENTRA_AUTHORITY_URL) if you set it: it is the authority host, e.g. https://login.microsoftonline.com, without the tenant."
      );
    }
    return new IdentityConfigurationError(
      "identity.auth-failed",
      `${this.label.name}: Microsoft Entra ID refused the sign-in of app ${this.context.credentials.entraClientId} to tenant ${this.source.tenantId}${said ? `: ${said}` : ""}.`,
      entraHint(said ?? "", federated),
      this.label.id
    );
  }
};
function entraHint(said, federated) {
  if (/AADSTS(90002|900023|90013)\b/.test(said)) {
    return "Check the source\u2019s `tenant-id`: the Directory (tenant) ID from the Entra admin center \u2192 Overview.";
  }
  if (/AADSTS700016\b/.test(said)) {
    return "Check `entra-client-id` (ENTRA_CLIENT_ID): the Application (client) ID of an app registered in this tenant.";
  }
  if (/AADSTS(7000215|7000222)\b/.test(said)) {
    return "Check `entra-client-secret` (ENTRA_CLIENT_SECRET): the secret\u2019s Value (not its ID), not expired; or remove it and use the workflow\u2019s OIDC token (README: Identity sources).";
  }
  if (federated || /AADSTS(70021|700211|700212|700213|700024|700027)\b/.test(said)) {
    return "Add a federated credential to the app registration (Certificates & secrets \u2192 Federated credentials \u2192 GitHub Actions): organization and repository of this workflow, and the entity it runs as (the branch, or the environment when the job has one); the subject Entra names above must match it exactly. The audience stays api://AzureADTokenExchange.";
  }
  return "Check `entra-client-id`, `entra-client-secret` and the source\u2019s `tenant-id` against the app registration (README: Identity sources).";
}
function missingCredentials(label, what) {
  return new IdentityConfigurationError(
    "identity.missing-credentials",
    `${label.name} cannot sign in: ${what}.`,
    "Set `entra-client-id` (ENTRA_CLIENT_ID on the command line) to the app registration\u2019s Application (client) ID, and either `entra-client-secret` (ENTRA_CLIENT_SECRET) or, in GitHub Actions, `permissions: id-token: write` on the job with a federated credential on the app (README: Identity sources).",
    label.id
  );
}
async function githubIdToken(label, context) {
  const url = context.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = context.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !requestToken) {
    throw missingCredentials(
      label,
      context.inActions ? "no `entra-client-secret`, and the job may not request an OIDC token (it has no `permissions: id-token: write`)" : "no client secret (ENTRA_CLIENT_SECRET), and no GitHub Actions OIDC token outside a workflow run"
    );
  }
  context.secrets.remember(requestToken);
  let token;
  try {
    const core = await import("./core-5M7PHAZL.js");
    token = await core.getIDToken(ENTRA_TOKEN_AUDIENCE);
  } catch (error) {
    const said = serviceMessage(error instanceof Error ? error.message : String(error), context.secrets.all);
    throw new IdentityRuntimeError(
      "identity.oidc-failed",
      `${label.name}: the workflow\u2019s OIDC token could not be obtained from GitHub${said ? ` (${said})` : ""}.`,
      "Give the job `permissions: id-token: write` and run again; if it repeats, GitHub\u2019s token service may be down (https://www.githubstatus.com).",
      label.id
    );
  }
  context.secrets.add(token);
  return token;
}
export {
  CLIENT_ASSERTION_TYPE,
  ENTRA_TOKEN_AUDIENCE,
  ENTRA_USER_FIELDS,
  entraPerson,
  graphScope,
  readEntra
};
