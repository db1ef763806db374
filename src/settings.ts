/**
 * Every input parsed and validated in one place, into one typed Settings. The action reads inputs
 * through @actions/core, the CLI through flags and ST_* variables; both hand this module a plain
 * lookup, so the rules (defaults, checks, error messages) are the same for both.
 */
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from './errors.js';
import { readSigningKey } from './evidence/signature.js';
import type { Mode } from './report/model.js';
import { isLoopbackHost, type ServiceTitanConnection } from './servicetitan/settings.js';
import { carriesPullRequest, eventWriteRefusal, type EventRefusal } from './github/event.js';
import type { IdentityCredentials } from './domain/identity.js';
import { readServiceAccountKey } from './identity/google-key.js';
import { NOTIFY_ON, readWebhooks, type NotifyOn, type Webhook } from './notify/targets.js';

export type { FailOn } from './domain/severity.js';
import type { FailOn } from './domain/severity.js';
import type { Environment } from './domain/tenant.js';
export type Redact = 'auto' | 'true' | 'false';

export const MODES: readonly Mode[] = [
  'validate',
  'audit',
  'apply',
  'discover',
  'undo',
  'review',
  'fleet-matrix',
  'fleet-report',
];
/** `mode: review`: what the run does to the access review (SPEC §9) */
export type ReviewAction = 'start' | 'sync' | 'close';
export const REVIEW_ACTIONS: readonly ReviewAction[] = ['start', 'sync', 'close'];
export const FAIL_ON: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'never'];
export const DEFAULT_POLICY_PATH = '.github/servicetitan-access.yml';
export const DEFAULT_REPORT_PATH = 'servicetitan-access-report.json';
/** `fleet-matrix`, `fleet-report`: the fleet file (SPEC §10) */
export const DEFAULT_FLEET_PATH = '.github/servicetitan-fleet.yml';
/** A ServiceTitan that keeps failing is given up on within 2 minutes (SPEC §3). */
const MAX_RETRY_BUDGET_SECONDS = 115;

/** What the ServiceTitan client connects with (type only: settings never load the client). */
export type Connection = ServiceTitanConnection;

export interface EventContext {
  /** GITHUB_EVENT_NAME, or `cli` */
  name: string;
  /**
   * The event carries a pull request's code (pull_request, pull_request_target, reviews, merge
   * queues, a comment on a pull request, a workflow_run of one): never applies, never writes.
   * parseSettings recomputes it from `name` and `payload` (github/event.ts).
   */
  isPullRequest: boolean;
  /** from the event payload: true, false, or null when unknown */
  repositoryPrivate: boolean | null;
  /** the parsed event payload ({} outside Actions) */
  payload: Record<string, unknown>;
  /** GITHUB_REF when the reader knows it; else the payload's ref is used */
  ref?: string | null;
}

/** The event with the write rule applied (github/event.ts). */
export interface RunEvent extends EventContext {
  /** why this run may not write to ServiceTitan (apply and undo), or null when it may */
  writeRefusal: EventRefusal | null;
}

export interface Settings {
  mode: Mode;
  /** as given, relative to the workspace unless absolute */
  policyPath: string;
  workspace: string;
  environment: Environment;
  tenant: string | null;
  /** null when any of the four credentials is missing */
  connection: Connection | null;
  /** names of the credential inputs that were not given */
  missingCredentials: string[];
  failOn: FailOn;
  maxChanges: number;
  reportPath: string | null;
  /** apply: the reviewed report whose planned steps are the only ones apply may carry out */
  planPath: string | null;
  /** `mode: review`: start, sync or close the access review; null in other modes */
  review: ReviewAction | null;
  /** apply: the report of a review's close, whose revocations are the only changes apply may make */
  reviewReportPath: string | null;
  /** replace a journal (a report of an apply or undo that changed users) at the report path */
  force: boolean;
  sarifPath: string | null;
  issue: boolean;
  /** tracking-issue labels; the first is how the issue is found again */
  issueLabels: string[];
  githubToken: string | null;
  redact: Redact;
  evidencePath: string | null;
  /** the Ed25519 private key that signs the evidence pack; null: unsigned */
  evidenceSigningKey: KeyObject | null;
  baselineEvidencePath: string | null;
  /** CLI only */
  baselinePolicyPath: string | null;
  baselineSnapshotPath: string | null;
  snapshotPath: string | null;
  /** the fleet file (`fleet-matrix`, `fleet-report`) */
  fleetPath: string;
  /** `fleet-report`: the folder of the tenants' reports or evidence packs */
  reportsPath: string | null;
  /** `fleet-report`: the JSON Lines file each roll-up appends its counts to */
  historyPath: string | null;
  /** alert webhooks (`notify`, ST_NOTIFY): secrets, never printed */
  notify: Webhook[];
  notifyOn: NotifyOn;
  /** the identity sources' credentials and URL overrides (SPEC §8) */
  identity: IdentityCredentials;
  tuning: {
    pageSize: number;
    timeoutMs: number;
    retryBudgetMs: number;
    maxPages: number;
    maxRecords: number;
  };
  event: RunEvent;
}

/** How an input is named to the user: the action's input name or the CLI's flag / variable. */
export interface InputSource {
  /** the raw value, '' when not given */
  get(name: InputName): string;
  /** how to name the input in an error message, e.g. "input `tenant`" or "ST_TENANT" */
  label(name: InputName): string;
}

export type InputName =
  | 'mode'
  | 'policy'
  | 'tenant'
  | 'client-id'
  | 'client-secret'
  | 'app-key'
  | 'environment'
  | 'api-url'
  | 'auth-url'
  | 'fail-on'
  | 'max-changes'
  | 'report'
  | 'sarif'
  | 'issue'
  | 'issue-labels'
  | 'github-token'
  | 'redact'
  | 'evidence'
  | 'baseline-evidence'
  | 'baseline-policy'
  | 'baseline-snapshot'
  | 'snapshot'
  | 'page-size'
  | 'request-timeout'
  | 'retry-budget'
  | 'max-pages'
  | 'max-records'
  | 'plan'
  | 'force'
  | 'evidence-signing-key'
  | 'entra-client-id'
  | 'entra-client-secret'
  | 'google-credentials'
  | 'google-subject'
  | 'entra-authority-url'
  | 'graph-url'
  | 'google-token-url'
  | 'google-api-url'
  | 'review'
  | 'review-report'
  | 'notify'
  | 'notify-on'
  | 'fleet'
  | 'reports'
  | 'history';

export const SECRET_INPUTS: readonly InputName[] = [
  'client-id',
  'client-secret',
  'app-key',
  'github-token',
  'evidence-signing-key',
  'notify',
  'entra-client-secret',
  'google-credentials',
];

// A value with a newline or control character could forge a workflow command or a header.
const CONTROL = /[\u0000-\u001f\u007f]/;

function invalid(src: InputSource, name: InputName, what: string, hint: string): ConfigurationError {
  return new ConfigurationError(`input.invalid-${name}`, `${src.label(name)} ${what}`, hint);
}

function text(src: InputSource, name: InputName): string {
  const raw = src.get(name).trim();
  if (CONTROL.test(raw)) {
    throw invalid(
      src,
      name,
      'contains a newline or control character.',
      'Give a single-line value without control characters.',
    );
  }
  return raw;
}

function oneOf<T extends string>(src: InputSource, name: InputName, allowed: readonly T[], fallback: T): T {
  const raw = text(src, name);
  if (raw === '') return fallback;
  const value = raw.toLowerCase() as T;
  if (!allowed.includes(value)) {
    // Do not echo the value of a secret-free input blindly: it is bounded and control-free by now.
    throw invalid(
      src,
      name,
      `is \`${raw.slice(0, 40)}\`, which is not one of ${allowed.map((a) => `\`${a}\``).join(', ')}.`,
      `Set it to one of: ${allowed.join(', ')}.`,
    );
  }
  return value;
}

function integer(src: InputSource, name: InputName, fallback: number, min: number, max: number): number {
  const raw = text(src, name);
  if (raw === '') return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalid(
      src,
      name,
      `is \`${raw.slice(0, 40)}\`; it must be a whole number from ${min} to ${max}.`,
      `Set it to a whole number from ${min} to ${max}.`,
    );
  }
  return Number(raw);
}

function url(src: InputSource, name: InputName): string | undefined {
  const raw = text(src, name);
  if (raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw invalid(
      src,
      name,
      'is not a URL.',
      'Give an absolute http(s) URL, e.g. https://api.servicetitan.io.',
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalid(src, name, 'must be an http(s) URL.', 'Give an absolute http(s) URL.');
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    // the client secret, the app key and access tokens would cross the network unencrypted
    throw new ConfigurationError(
      'input.insecure-url',
      `${src.label(name)} is a plain http:// URL for ${parsed.hostname.slice(0, 100)}: the client secret, the app key and the access tokens would travel unencrypted.`,
      'Use an https:// URL. Plain http:// is accepted only for a server on this machine (localhost, 127.0.0.1, ::1), such as `st-access-guard sandbox`.',
    );
  }
  if (parsed.username || parsed.password) {
    throw invalid(
      src,
      name,
      'must not carry a user name or password.',
      'Remove the credentials from the URL.',
    );
  }
  return raw.replace(/\/+$/, '');
}

function optionalPath(src: InputSource, name: InputName): string | null {
  const raw = text(src, name);
  return raw === '' ? null : raw;
}

/**
 * The key that signs the evidence pack: a secret (input `evidence-signing-key`, ST_EVIDENCE_SIGNING_KEY
 * on the command line, never a flag). A PEM key spans lines, so it skips the single-line check; no
 * message ever repeats it.
 */
function signingKey(src: InputSource): KeyObject | null {
  const pem = src.get('evidence-signing-key').trim();
  if (pem === '') return null;
  const reading = readSigningKey(pem);
  if (reading.problem !== undefined) {
    throw new ConfigurationError(
      'input.invalid-evidence-signing-key',
      `The evidence signing key (input \`evidence-signing-key\`, ST_EVIDENCE_SIGNING_KEY for the command line) ${reading.problem}`,
      reading.hint,
    );
  }
  return reading.key;
}

/**
 * The alert webhooks: secrets (input `notify`, ST_NOTIFY on the command line, never a flag), one
 * or more separated by commas or lines, so the value skips the single-line check. A problem names
 * the webhook by position and never repeats it.
 */
function webhooks(src: InputSource): Webhook[] {
  const raw = src.get('notify');
  if (raw.trim() === '') return [];
  const reading = readWebhooks(raw, isLoopbackHost);
  if ('problem' in reading) {
    throw new ConfigurationError(
      'input.invalid-notify',
      `${src.label('notify')}: ${reading.problem}`,
      reading.hint,
    );
  }
  return reading.webhooks;
}

const DEFAULT_ISSUE_LABELS = ['servicetitan-access'];

/** GitHub label names: up to 50 characters, no commas (the separator). */
function labels(src: InputSource): string[] {
  const raw = text(src, 'issue-labels');
  if (raw === '') return DEFAULT_ISSUE_LABELS;
  const names = [
    ...new Set(
      raw
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0 || names.length > 10 || names.some((n) => n.length > 50)) {
    throw invalid(
      src,
      'issue-labels',
      'must be 1 to 10 comma-separated label names of at most 50 characters each.',
      'Give label names separated by commas, e.g. `security, servicetitan-access`.',
    );
  }
  return names;
}

export function parseSettings(src: InputSource, event: EventContext, workspace: string): Settings {
  const mode = oneOf(src, 'mode', MODES, 'audit');
  const environment = oneOf(src, 'environment', ['production', 'integration'] as const, 'production');
  const failOn = oneOf(src, 'fail-on', FAIL_ON, 'high');
  const maxChanges = integer(src, 'max-changes', 10, 1, 100_000);
  const redact = oneOf(src, 'redact', ['auto', 'true', 'false'] as const, 'auto');
  const issue = oneOf(src, 'issue', ['true', 'false'] as const, 'false') === 'true';
  const issueLabels = labels(src);
  const pageSize = integer(src, 'page-size', 5000, 1, 5000);
  const timeoutSeconds = integer(src, 'request-timeout', 30, 1, 300);
  const retryBudgetSeconds = integer(src, 'retry-budget', 110, 0, MAX_RETRY_BUDGET_SECONDS);
  const maxPages = integer(src, 'max-pages', 1000, 1, 1_000_000);
  const maxRecords = integer(src, 'max-records', 250_000, 1, 100_000_000);

  const tenantRaw = text(src, 'tenant');
  if (tenantRaw !== '' && !/^\d{1,19}$/.test(tenantRaw)) {
    throw invalid(
      src,
      'tenant',
      'must be the numeric ServiceTitan tenant id.',
      'Copy the tenant id (digits only) from ServiceTitan: Settings > Integrations > API Application Access, or the developer portal.',
    );
  }
  const tenant = tenantRaw === '' ? null : tenantRaw;
  const clientId = text(src, 'client-id');
  const clientSecret = text(src, 'client-secret');
  const appKey = text(src, 'app-key');
  const apiUrl = url(src, 'api-url');
  const authUrl = url(src, 'auth-url');

  const missingCredentials = (
    [
      ['tenant', tenant ?? ''],
      ['client-id', clientId],
      ['client-secret', clientSecret],
      ['app-key', appKey],
    ] as const
  )
    .filter(([, v]) => v === '')
    .map(([k]) => src.label(k));

  const connection: Connection | null =
    missingCredentials.length === 0 && tenant !== null
      ? {
          tenant,
          clientId,
          clientSecret,
          appKey,
          environment,
          ...(apiUrl ? { apiUrl } : {}),
          ...(authUrl ? { authUrl } : {}),
        }
      : null;

  const policyPath = text(src, 'policy') || DEFAULT_POLICY_PATH;
  const report = src.get('report');
  const githubToken = text(src, 'github-token');

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
    reportPath: report.trim() === '' ? null : text(src, 'report'),
    planPath: optionalPath(src, 'plan'),
    ...reviewInputs(src, mode),
    force: oneOf(src, 'force', ['true', 'false'] as const, 'false') === 'true',
    sarifPath: optionalPath(src, 'sarif'),
    issue,
    issueLabels,
    githubToken: githubToken === '' ? null : githubToken,
    redact,
    evidencePath: optionalPath(src, 'evidence'),
    evidenceSigningKey: signingKey(src),
    baselineEvidencePath: optionalPath(src, 'baseline-evidence'),
    baselinePolicyPath: optionalPath(src, 'baseline-policy'),
    baselineSnapshotPath: optionalPath(src, 'baseline-snapshot'),
    snapshotPath: optionalPath(src, 'snapshot'),
    fleetPath: text(src, 'fleet') || DEFAULT_FLEET_PATH,
    reportsPath: optionalPath(src, 'reports'),
    historyPath: optionalPath(src, 'history'),
    notify: webhooks(src),
    notifyOn: oneOf(src, 'notify-on', NOTIFY_ON, 'new'),
    identity: identityCredentials(src, workspace),
    tuning: {
      pageSize,
      timeoutMs: timeoutSeconds * 1000,
      retryBudgetMs: retryBudgetSeconds * 1000,
      maxPages,
      maxRecords,
    },
    event: runEvent(event),
  };
}

/** The identity sources' credentials (SPEC §8); each source checks for the ones it needs. */
function identityCredentials(src: InputSource, workspace: string): IdentityCredentials {
  const clientId = text(src, 'entra-client-id');
  if (clientId !== '' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(clientId)) {
    throw invalid(
      src,
      'entra-client-id',
      'is not an Application (client) ID.',
      'Copy the Application (client) ID, a GUID, from the app registration’s Overview in the Entra admin center.',
    );
  }
  const subject = text(src, 'google-subject');
  if (subject !== '' && !/^[^\s@]+@[^\s@]+$/.test(subject)) {
    throw invalid(
      src,
      'google-subject',
      'is not an email address.',
      'Give the primary address of the Workspace admin the service account acts as.',
    );
  }
  const secret = text(src, 'entra-client-secret');
  return {
    entraClientId: clientId === '' ? null : clientId,
    entraClientSecret: secret === '' ? null : secret,
    googleCredentials: googleKey(src, workspace),
    googleSubject: subject === '' ? null : subject,
    entraAuthorityUrl: url(src, 'entra-authority-url') ?? 'https://login.microsoftonline.com',
    graphUrl: url(src, 'graph-url') ?? 'https://graph.microsoft.com',
    googleTokenUrl: url(src, 'google-token-url') ?? 'https://oauth2.googleapis.com/token',
    googleApiUrl: url(src, 'google-api-url') ?? 'https://admin.googleapis.com',
  };
}

/**
 * The Google service-account key (input `google-credentials`, GOOGLE_CREDENTIALS): the key JSON
 * itself, from a secret, or the path of the key file. A key spans lines, so it skips the
 * single-line check; no message ever repeats any of it.
 */
function googleKey(src: InputSource, workspace: string): string | null {
  const raw = src.get('google-credentials').trim();
  if (raw === '') return null;
  let json = raw;
  if (!raw.startsWith('{')) {
    const problem = (what: string) =>
      invalid(
        src,
        'google-credentials',
        what,
        'Give the service-account key JSON (from a secret), or the path of the key file.',
      );
    if (CONTROL.test(raw)) throw problem('is neither a service-account key (JSON) nor the path of a file.');
    try {
      json = readFileSync(path.resolve(workspace, raw), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw problem(
        code === 'ENOENT'
          ? 'is not a service-account key (JSON), and no file exists at that path.'
          : `names a key file that cannot be read (${code ?? 'unknown error'}).`,
      );
    }
  }
  const reading = readServiceAccountKey(json);
  if (reading.problem !== undefined) {
    throw invalid(
      src,
      'google-credentials',
      `does not hold a usable service-account key: it ${reading.problem}`,
      reading.hint,
    );
  }
  return json;
}

/** `review` (the action of `mode: review`) and `review-report` (apply's reviewed revocations). */
function reviewInputs(src: InputSource, mode: Mode): Pick<Settings, 'review' | 'reviewReportPath'> {
  const review = text(src, 'review');
  if (mode === 'review' && review === '') {
    throw invalid(
      src,
      'review',
      'is missing: `mode: review` needs to know what to do.',
      'Set it to `start` (open the review issues), `sync` (read the decisions) or `close` (write the evidence).',
    );
  }
  const action = mode === 'review' ? oneOf(src, 'review', REVIEW_ACTIONS, 'sync') : null;
  const reviewReportPath = optionalPath(src, 'review-report');
  if (reviewReportPath !== null && optionalPath(src, 'plan') !== null) {
    throw invalid(
      src,
      'review-report',
      `and ${src.label('plan')} are both given; apply carries out one reviewed plan at a time.`,
      "Give the review's close report to carry out its revocations, or the audit's report to carry out its plan, not both.",
    );
  }
  return { review: action, reviewReportPath };
}

/** The caller's event with `isPullRequest` and the write rule decided here, the same for every entry. */
function runEvent(event: EventContext): RunEvent {
  if (event.name === 'cli') return { ...event, writeRefusal: null };
  return { ...event, isPullRequest: carriesPullRequest(event), writeRefusal: eventWriteRefusal(event) };
}

/** Whether names and emails are masked: `auto` masks when the repository is public (or unknown in Actions). */
export function shouldRedact(settings: Settings): boolean {
  if (settings.redact === 'true') return true;
  if (settings.redact === 'false') return false;
  if (settings.event.name === 'cli') return false;
  // In Actions with no payload we cannot tell: mask, since a public repository's logs are public.
  return settings.event.repositoryPrivate !== true;
}

/** The path resolved against the workspace. */
export function inWorkspace(settings: Settings, file: string): string {
  return path.resolve(settings.workspace, file);
}
