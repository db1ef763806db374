import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  readSigningKey
} from "./chunk-4X5BYMY3.js";
import {
  readServiceAccountKey
} from "./chunk-7435OWNU.js";
import {
  isLoopbackHost
} from "./chunk-MJBVRMUS.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";

// src/github/event.ts
import { readFileSync } from "node:fs";
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set([
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment",
  // a merge queue tests the pull request's head merged onto the base: not on the default branch yet
  "merge_group"
]);
var WRITE_EVENTS = [
  "workflow_dispatch",
  "schedule",
  "push",
  "repository_dispatch",
  "workflow_run"
];
function record(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
}
function text(value) {
  return typeof value === "string" && value !== "" ? value : null;
}
function shown(value) {
  return value.replace(/[^A-Za-z0-9._/-]/g, "?").slice(0, 100);
}
function carriesPullRequest(event) {
  if (PULL_REQUEST_EVENTS.has(event.name)) return true;
  if (event.name === "issue_comment") {
    return record(event.payload.issue)?.pull_request != null;
  }
  if (event.name === "workflow_run") {
    const run = record(event.payload.workflow_run);
    if (!run) return false;
    const pullRequests = run.pull_requests;
    return PULL_REQUEST_EVENTS.has(text(run.event) ?? "") || Array.isArray(pullRequests) && pullRequests.length > 0;
  }
  return false;
}
function defaultBranch(payload) {
  return text(record(payload.repository)?.default_branch);
}
function refOf(event) {
  if (event.ref) return event.ref;
  const { payload } = event;
  if (event.name === "repository_dispatch") {
    const branch = text(payload.branch);
    return branch ? `refs/heads/${branch}` : null;
  }
  return text(payload.ref);
}
function refused(code, message) {
  return { code, message };
}
var HOW = "Run apply (or undo) from a workflow_dispatch run on the default branch.";
function eventWriteRefusal(event) {
  if (event.name === "cli") return null;
  const name = shown(event.name);
  if (carriesPullRequest(event)) {
    return refused(
      "apply.pull-request",
      `Writes are refused on \`${name}\` events: they run code from a pull request, and a pull request never writes to ServiceTitan. ${HOW}`
    );
  }
  if (!WRITE_EVENTS.includes(event.name)) {
    return refused(
      "apply.event",
      `Writes are refused on \`${name || "unknown"}\` events: only workflow_dispatch, schedule, push and repository_dispatch runs on the default branch (or a workflow_run of one) write to ServiceTitan. ${HOW}`
    );
  }
  const main = defaultBranch(event.payload);
  const ref = refOf(event);
  if (main && ref && ref !== `refs/heads/${main}`) {
    return refused(
      "apply.event",
      `Writes are refused on this \`${name}\` run: it runs \`${shown(ref)}\`, not the default branch \`${shown(main)}\`, so its policy is not on the default branch yet. ${HOW}`
    );
  }
  if (event.name === "workflow_run") return workflowRunRefusal(event.payload, main);
  return null;
}
function workflowRunRefusal(payload, main) {
  const run = record(payload.workflow_run);
  const trigger = text(run?.event);
  if (!run || !trigger || trigger === "workflow_run" || !WRITE_EVENTS.includes(trigger)) {
    return refused(
      "apply.event",
      `Writes are refused on this \`workflow_run\`: it follows a \`${shown(trigger ?? "unknown")}\` run, and only a run of workflow_dispatch, schedule, push or repository_dispatch on the default branch may lead to writes. ${HOW}`
    );
  }
  const branch = text(run.head_branch);
  if (main && branch !== null && branch !== main) {
    return refused(
      "apply.event",
      `Writes are refused on this \`workflow_run\`: the run it follows was on \`${shown(branch)}\`, not the default branch \`${shown(main)}\`. ${HOW}`
    );
  }
  const here = text(record(payload.repository)?.full_name);
  const there = text(record(run.head_repository)?.full_name);
  if (here && there && here.toLowerCase() !== there.toLowerCase()) {
    return refused(
      "apply.event",
      `Writes are refused on this \`workflow_run\`: the run it follows came from the fork \`${shown(there)}\`. ${HOW}`
    );
  }
  return null;
}
function readGitHubEvent(env) {
  const name = env.GITHUB_EVENT_NAME ?? "";
  let payload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = record(JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"))) ?? {};
    } catch {
      payload = {};
    }
  }
  const priv = record(payload.repository)?.private;
  const event = { name, payload, ref: env.GITHUB_REF || null };
  return {
    ...event,
    isPullRequest: carriesPullRequest(event),
    repositoryPrivate: typeof priv === "boolean" ? priv : null
  };
}

// src/settings.ts
import { readFileSync as readFileSync2 } from "node:fs";
import path from "node:path";

// src/notify/targets.ts
var NOTIFY_ON = ["new", "change", "always"];
var MAX_WEBHOOKS = 10;
var KIND_NAMES = { slack: "Slack", teams: "Teams", json: "JSON" };
var PREFIX = /^(slack|teams|json):(?=[a-z][a-z0-9+.-]*:)/i;
function webhookLabel(webhook) {
  return `${KIND_NAMES[webhook.kind]} webhook ${webhook.position} of ${webhook.of}`;
}
function webhookEntries(raw) {
  return raw.split(/[,\r\n]+/).map((entry) => entry.trim()).filter((entry) => entry !== "");
}
function webhookSecrets(raw) {
  const secrets = /* @__PURE__ */ new Set();
  if (raw.trim() !== "") secrets.add(raw.trim());
  for (const entry of webhookEntries(raw)) {
    secrets.add(entry);
    const url2 = entry.replace(PREFIX, "");
    secrets.add(url2);
    try {
      secrets.add(new URL(url2).href);
    } catch {
    }
  }
  return [...secrets].filter((s) => s.length >= 8);
}
function kindFromUrl(url2) {
  const host = url2.hostname.toLowerCase();
  if (host === "hooks.slack.com" && url2.pathname.startsWith("/services/")) return "slack";
  if ([".logic.azure.com", ".powerplatform.com", ".webhook.office.com"].some((d) => host.endsWith(d))) {
    return "teams";
  }
  return "json";
}
function readWebhooks(raw, isLoopbackHost2) {
  const entries = [...new Set(webhookEntries(raw))];
  if (entries.length > MAX_WEBHOOKS) {
    return {
      problem: `${entries.length} webhooks are given; at most ${MAX_WEBHOOKS} are accepted.`,
      hint: "Give one webhook per channel that should hear about new findings."
    };
  }
  const webhooks2 = [];
  for (const [i, entry] of entries.entries()) {
    const which = entries.length === 1 ? "the webhook" : `webhook ${i + 1} of ${entries.length}`;
    const prefix = PREFIX.exec(entry)?.[1]?.toLowerCase();
    const rest = prefix ? entry.slice(prefix.length + 1) : entry;
    let url2;
    try {
      url2 = new URL(rest);
    } catch {
      return {
        problem: `${which} is not a URL.`,
        hint: "Give https:// webhook URLs separated by commas or new lines, each optionally prefixed with `slack:`, `teams:` or `json:`."
      };
    }
    if (url2.protocol !== "https:" && url2.protocol !== "http:") {
      return {
        problem: `${which} is not an http(s) URL.`,
        hint: "Give an https:// URL; the only prefixes are `slack:`, `teams:` and `json:` (e.g. `slack:https://proxy.example/hook`)."
      };
    }
    if (url2.protocol === "http:" && !isLoopbackHost2(url2.hostname)) {
      return {
        problem: `${which} is a plain http:// URL: the webhook's URL (its credential) and the message would travel unencrypted.`,
        hint: "Use an https:// URL. Plain http:// is accepted only for a receiver on this machine (localhost, 127.0.0.1, ::1)."
      };
    }
    if (url2.username || url2.password) {
      return {
        problem: `${which} carries a user name or password, which would not be sent.`,
        hint: "Put the receiver\u2019s token in the URL\u2019s path or query instead."
      };
    }
    webhooks2.push({ kind: prefix ?? kindFromUrl(url2), url: rest, position: i + 1, of: entries.length });
  }
  return { webhooks: webhooks2 };
}

// src/settings.ts
var MODES = [
  "validate",
  "audit",
  "apply",
  "discover",
  "undo",
  "review",
  "fleet-matrix",
  "fleet-report"
];
var REVIEW_ACTIONS = ["start", "sync", "close"];
var FAIL_ON = ["critical", "high", "medium", "low", "never"];
var DEFAULT_POLICY_PATH = ".github/servicetitan-access.yml";
var DEFAULT_REPORT_PATH = "servicetitan-access-report.json";
var DEFAULT_FLEET_PATH = ".github/servicetitan-fleet.yml";
var MAX_RETRY_BUDGET_SECONDS = 115;
var SECRET_INPUTS = [
  "client-id",
  "client-secret",
  "app-key",
  "github-token",
  "evidence-signing-key",
  "notify",
  "entra-client-secret",
  "google-credentials"
];
var CONTROL = /[\u0000-\u001f\u007f]/;
function invalid(src, name, what, hint) {
  return new ConfigurationError(`input.invalid-${name}`, `${src.label(name)} ${what}`, hint);
}
function text2(src, name) {
  const raw = src.get(name).trim();
  if (CONTROL.test(raw)) {
    throw invalid(
      src,
      name,
      "contains a newline or control character.",
      "Give a single-line value without control characters."
    );
  }
  return raw;
}
function oneOf(src, name, allowed, fallback) {
  const raw = text2(src, name);
  if (raw === "") return fallback;
  const value = raw.toLowerCase();
  if (!allowed.includes(value)) {
    throw invalid(
      src,
      name,
      `is \`${raw.slice(0, 40)}\`, which is not one of ${allowed.map((a) => `\`${a}\``).join(", ")}.`,
      `Set it to one of: ${allowed.join(", ")}.`
    );
  }
  return value;
}
function integer(src, name, fallback, min, max) {
  const raw = text2(src, name);
  if (raw === "") return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalid(
      src,
      name,
      `is \`${raw.slice(0, 40)}\`; it must be a whole number from ${min} to ${max}.`,
      `Set it to a whole number from ${min} to ${max}.`
    );
  }
  return Number(raw);
}
function url(src, name) {
  const raw = text2(src, name);
  if (raw === "") return void 0;
  let parsed;
  try {
    parsed = new URL(raw);
  } catch {
    throw invalid(
      src,
      name,
      "is not a URL.",
      "Give an absolute http(s) URL, e.g. https://api.servicetitan.io."
    );
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw invalid(src, name, "must be an http(s) URL.", "Give an absolute http(s) URL.");
  }
  if (parsed.protocol === "http:" && !isLoopbackHost(parsed.hostname)) {
    throw new ConfigurationError(
      "input.insecure-url",
      `${src.label(name)} is a plain http:// URL for ${parsed.hostname.slice(0, 100)}: the client secret, the app key and the access tokens would travel unencrypted.`,
      "Use an https:// URL. Plain http:// is accepted only for a server on this machine (localhost, 127.0.0.1, ::1), such as `st-access-guard sandbox`."
    );
  }
  if (parsed.username || parsed.password) {
    throw invalid(
      src,
      name,
      "must not carry a user name or password.",
      "Remove the credentials from the URL."
    );
  }
  return raw.replace(/\/+$/, "");
}
function optionalPath(src, name) {
  const raw = text2(src, name);
  return raw === "" ? null : raw;
}
function signingKey(src) {
  const pem = src.get("evidence-signing-key").trim();
  if (pem === "") return null;
  const reading = readSigningKey(pem);
  if (reading.problem !== void 0) {
    throw new ConfigurationError(
      "input.invalid-evidence-signing-key",
      `The evidence signing key (input \`evidence-signing-key\`, ST_EVIDENCE_SIGNING_KEY for the command line) ${reading.problem}`,
      reading.hint
    );
  }
  return reading.key;
}
function webhooks(src) {
  const raw = src.get("notify");
  if (raw.trim() === "") return [];
  const reading = readWebhooks(raw, isLoopbackHost);
  if ("problem" in reading) {
    throw new ConfigurationError(
      "input.invalid-notify",
      `${src.label("notify")}: ${reading.problem}`,
      reading.hint
    );
  }
  return reading.webhooks;
}
var DEFAULT_ISSUE_LABELS = ["servicetitan-access"];
function labels(src) {
  const raw = text2(src, "issue-labels");
  if (raw === "") return DEFAULT_ISSUE_LABELS;
  const names = [
    ...new Set(
      raw.split(",").map((l) => l.trim()).filter(Boolean)
    )
  ];
  if (names.length === 0 || names.length > 10 || names.some((n) => n.length > 50)) {
    throw invalid(
      src,
      "issue-labels",
      "must be 1 to 10 comma-separated label names of at most 50 characters each.",
      "Give label names separated by commas, e.g. `security, servicetitan-access`."
    );
  }
  return names;
}
function parseSettings(src, event, workspace) {
  const mode = oneOf(src, "mode", MODES, "audit");
  const environment = oneOf(src, "environment", ["production", "integration"], "production");
  const failOn = oneOf(src, "fail-on", FAIL_ON, "high");
  const maxChanges = integer(src, "max-changes", 10, 1, 1e5);
  const redact = oneOf(src, "redact", ["auto", "true", "false"], "auto");
  const issue = oneOf(src, "issue", ["true", "false"], "false") === "true";
  const issueLabels = labels(src);
  const pageSize = integer(src, "page-size", 5e3, 1, 5e3);
  const timeoutSeconds = integer(src, "request-timeout", 30, 1, 300);
  const retryBudgetSeconds = integer(src, "retry-budget", 110, 0, MAX_RETRY_BUDGET_SECONDS);
  const maxPages = integer(src, "max-pages", 1e3, 1, 1e6);
  const maxRecords = integer(src, "max-records", 25e4, 1, 1e8);
  const tenantRaw = text2(src, "tenant");
  if (tenantRaw !== "" && !/^\d{1,19}$/.test(tenantRaw)) {
    throw invalid(
      src,
      "tenant",
      "must be the numeric ServiceTitan tenant id.",
      "Copy the tenant id (digits only) from ServiceTitan: Settings > Integrations > API Application Access, or the developer portal."
    );
  }
  const tenant = tenantRaw === "" ? null : tenantRaw;
  const clientId = text2(src, "client-id");
  const clientSecret = text2(src, "client-secret");
  const appKey = text2(src, "app-key");
  const apiUrl = url(src, "api-url");
  const authUrl = url(src, "auth-url");
  const missingCredentials = [
    ["tenant", tenant ?? ""],
    ["client-id", clientId],
    ["client-secret", clientSecret],
    ["app-key", appKey]
  ].filter(([, v]) => v === "").map(([k]) => src.label(k));
  const connection = missingCredentials.length === 0 && tenant !== null ? {
    tenant,
    clientId,
    clientSecret,
    appKey,
    environment,
    ...apiUrl ? { apiUrl } : {},
    ...authUrl ? { authUrl } : {}
  } : null;
  const policyPath = text2(src, "policy") || DEFAULT_POLICY_PATH;
  const report = src.get("report");
  const githubToken = text2(src, "github-token");
  return {
    mode,
    policyPath,
    workspace,
    environment,
    tenant,
    connection,
    missingCredentials,
    failOn,
    maxChanges,
    // `report` defaults to a file in the action; an explicitly empty value means none.
    reportPath: report.trim() === "" ? null : text2(src, "report"),
    planPath: optionalPath(src, "plan"),
    ...reviewInputs(src, mode),
    force: oneOf(src, "force", ["true", "false"], "false") === "true",
    sarifPath: optionalPath(src, "sarif"),
    issue,
    issueLabels,
    githubToken: githubToken === "" ? null : githubToken,
    redact,
    evidencePath: optionalPath(src, "evidence"),
    evidenceSigningKey: signingKey(src),
    baselineEvidencePath: optionalPath(src, "baseline-evidence"),
    baselinePolicyPath: optionalPath(src, "baseline-policy"),
    baselineSnapshotPath: optionalPath(src, "baseline-snapshot"),
    snapshotPath: optionalPath(src, "snapshot"),
    fleetPath: text2(src, "fleet") || DEFAULT_FLEET_PATH,
    reportsPath: optionalPath(src, "reports"),
    historyPath: optionalPath(src, "history"),
    notify: webhooks(src),
    notifyOn: oneOf(src, "notify-on", NOTIFY_ON, "new"),
    identity: identityCredentials(src, workspace),
    tuning: {
      pageSize,
      timeoutMs: timeoutSeconds * 1e3,
      retryBudgetMs: retryBudgetSeconds * 1e3,
      maxPages,
      maxRecords
    },
    event: runEvent(event)
  };
}
function identityCredentials(src, workspace) {
  const clientId = text2(src, "entra-client-id");
  if (clientId !== "" && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(clientId)) {
    throw invalid(
      src,
      "entra-client-id",
      "is not an Application (client) ID.",
      "Copy the Application (client) ID, a GUID, from the app registration\u2019s Overview in the Entra admin center."
    );
  }
  const subject = text2(src, "google-subject");
  if (subject !== "" && !/^[^\s@]+@[^\s@]+$/.test(subject)) {
    throw invalid(
      src,
      "google-subject",
      "is not an email address.",
      "Give the primary address of the Workspace admin the service account acts as."
    );
  }
  const secret = text2(src, "entra-client-secret");
  return {
    entraClientId: clientId === "" ? null : clientId,
    entraClientSecret: secret === "" ? null : secret,
    googleCredentials: googleKey(src, workspace),
    googleSubject: subject === "" ? null : subject,
    entraAuthorityUrl: url(src, "entra-authority-url") ?? "https://login.microsoftonline.com",
    graphUrl: url(src, "graph-url") ?? "https://graph.microsoft.com",
    googleTokenUrl: url(src, "google-token-url") ?? "https://oauth2.googleapis.com/token",
    googleApiUrl: url(src, "google-api-url") ?? "https://admin.googleapis.com"
  };
}
function googleKey(src, workspace) {
  const raw = src.get("google-credentials").trim();
  if (raw === "") return null;
  let json = raw;
  if (!raw.startsWith("{")) {
    const problem = (what) => invalid(
      src,
      "google-credentials",
      what,
      "Give the service-account key JSON (from a secret), or the path of the key file."
    );
    if (CONTROL.test(raw)) throw problem("is neither a service-account key (JSON) nor the path of a file.");
    try {
      json = readFileSync2(path.resolve(workspace, raw), "utf8");
    } catch (error) {
      const code = error.code;
      throw problem(
        code === "ENOENT" ? "is not a service-account key (JSON), and no file exists at that path." : `names a key file that cannot be read (${code ?? "unknown error"}).`
      );
    }
  }
  const reading = readServiceAccountKey(json);
  if (reading.problem !== void 0) {
    throw invalid(
      src,
      "google-credentials",
      `does not hold a usable service-account key: it ${reading.problem}`,
      reading.hint
    );
  }
  return json;
}
function reviewInputs(src, mode) {
  const review = text2(src, "review");
  if (mode === "review" && review === "") {
    throw invalid(
      src,
      "review",
      "is missing: `mode: review` needs to know what to do.",
      "Set it to `start` (open the review issues), `sync` (read the decisions) or `close` (write the evidence)."
    );
  }
  const action = mode === "review" ? oneOf(src, "review", REVIEW_ACTIONS, "sync") : null;
  const reviewReportPath = optionalPath(src, "review-report");
  if (reviewReportPath !== null && optionalPath(src, "plan") !== null) {
    throw invalid(
      src,
      "review-report",
      `and ${src.label("plan")} are both given; apply carries out one reviewed plan at a time.`,
      "Give the review's close report to carry out its revocations, or the audit's report to carry out its plan, not both."
    );
  }
  return { review: action, reviewReportPath };
}
function runEvent(event) {
  if (event.name === "cli") return { ...event, writeRefusal: null };
  return { ...event, isPullRequest: carriesPullRequest(event), writeRefusal: eventWriteRefusal(event) };
}
function shouldRedact(settings) {
  if (settings.redact === "true") return true;
  if (settings.redact === "false") return false;
  if (settings.event.name === "cli") return false;
  return settings.event.repositoryPrivate !== true;
}
function inWorkspace(settings, file) {
  return path.resolve(settings.workspace, file);
}

export {
  readGitHubEvent,
  webhookLabel,
  webhookSecrets,
  DEFAULT_REPORT_PATH,
  SECRET_INPUTS,
  parseSettings,
  shouldRedact,
  inWorkspace
};
