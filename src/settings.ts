/**
 * Every input parsed and validated in one place, into one typed Settings. The action reads inputs
 * through @actions/core, the CLI through flags and ST_* variables; both hand this module a plain
 * lookup, so the rules (defaults, checks, error messages) are the same for both.
 */
import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import { ConfigurationError } from './errors.js';
import { readSigningKey } from './evidence/signature.js';
import type { Mode } from './report/model.js';
import { isLoopbackHost, type ServiceTitanConnection } from './servicetitan/settings.js';
import { carriesPullRequest, eventWriteRefusal, type EventRefusal } from './github/event.js';

export type FailOn = 'critical' | 'high' | 'medium' | 'low' | 'never';
export type Redact = 'auto' | 'true' | 'false';

export const MODES: readonly Mode[] = ['validate', 'audit', 'apply', 'discover', 'undo'];
export const FAIL_ON: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'never'];
export const DEFAULT_POLICY_PATH = '.github/servicetitan-access.yml';
export const DEFAULT_REPORT_PATH = 'servicetitan-access-report.json';
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
  environment: 'production' | 'integration';
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
  | 'evidence-signing-key';

export const SECRET_INPUTS: readonly InputName[] = [
  'client-id',
  'client-secret',
  'app-key',
  'github-token',
  'evidence-signing-key',
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
