/**
 * What a review saw, read back from an evidence pack (roster.csv, report.json, exemptions.csv,
 * manifest.json) or from a snapshot file, in one shape that `diffReviews` compares.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Snapshot, TenantUser, UserKind } from '../engine/snapshot.js';
import { ConfigurationError } from '../errors.js';
import type { Audience, Severity } from '../policy/types.js';
import { CsvSyntaxError, parseCsvRecords } from './csv.js';
import { invalidFile, jsonSyntaxLine } from './located.js';
import { EXEMPTIONS_FILE, MANIFEST_FILE, parseManifest, REPORT_FILE, ROSTER_FILE } from './manifest.js';
import { parseSnapshotFile } from './snapshot-file.js';
import { IDENTITY_COLUMNS, ROSTER_COLUMNS } from './tables.js';

export interface ReviewUser {
  kind: UserKind;
  id: number;
  userId: number | null;
  name: string;
  email: string | null;
  login: string | null;
  /** null when the state has no policy to classify by (a snapshot) */
  audience: Audience | null;
  active: boolean;
  locked: boolean;
  roles: string[];
  builtInRole: string | null;
  /** the business unit's name, else `#id`, else null */
  businessUnit: string | null;
  /** permission key -> held; a pack keys by the policy's names, a snapshot by `#id` */
  permissions: Record<string, boolean>;
  /**
   * A pack of a policy with `identity`: the person the account was joined to, or null when no
   * source knew it; absent when the pack has no identity columns.
   */
  identity?: { source: string; state: string } | null;
}

export interface ReviewFinding {
  id: string;
  rule: string;
  severity: Severity;
  message: string;
  user: { kind: UserKind; id: number; name: string } | null;
  exempt: boolean;
}

export interface ReviewExemption {
  /** the exemption's user reference as the pack shows it; null for tenant-level */
  user: string | null;
  rules: string[];
  status: 'active' | 'expired';
  approvedBy: string;
  ticket: string | null;
  expires: string;
  reason: string;
}

export interface ReviewState {
  /** the path it was read from */
  source: string;
  from: 'pack' | 'snapshot';
  tenant: string | null;
  /** when the review's data was taken (the run's start, or the snapshot's fetch) */
  takenAt: string;
  users: ReviewUser[];
  /** the permissions this state can speak for; null: any key (a snapshot, where absent means not held) */
  permissionKeys: string[] | null;
  /** `#id` -> the policy's name, from a pack's manifest */
  permissionNames: Record<string, string>;
  /** null when the state has none to compare (a snapshot) */
  findings: ReviewFinding[] | null;
  exemptions: ReviewExemption[] | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Without a policy, a permission counts as held unless its value says otherwise. */
function heldWithoutPolicy(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  return !['', 'false', 'none', '0', 'no'].includes(value.trim().toLowerCase());
}

function snapshotUser(u: TenantUser): ReviewUser {
  const permissions: Record<string, boolean> = {};
  for (const [id, value] of Object.entries(u.permissions ?? {}))
    permissions[`#${id}`] = heldWithoutPolicy(value);
  return {
    kind: u.kind,
    id: u.id,
    userId: u.userId ?? null,
    name: u.name ?? '',
    email: u.email ?? null,
    login: u.login ?? null,
    audience: null,
    active: u.active !== false,
    locked: u.locked === true,
    roles: Array.isArray(u.roles) ? [...u.roles] : [],
    builtInRole: u.role ?? null,
    businessUnit: u.businessUnit ?? (u.businessUnitId != null ? `#${u.businessUnitId}` : null),
    permissions,
  };
}

export function reviewStateFromSnapshot(snapshot: Snapshot, source: string): ReviewState {
  return {
    source,
    from: 'snapshot',
    tenant: snapshot.tenant ?? null,
    takenAt: snapshot.fetchedAt ?? '',
    users: snapshot.users
      .filter((u) => (u.kind === 'employee' || u.kind === 'technician') && num(u.id) !== null)
      .map(snapshotUser),
    permissionKeys: null,
    permissionNames: {},
    findings: null,
    exemptions: null,
  };
}

function notAPack(path: string, why: string): ConfigurationError {
  return new ConfigurationError(
    'evidence.not-a-pack',
    `${path} is neither an evidence pack nor a snapshot: ${why}.`,
    'Give the folder an audit wrote with `--evidence DIR`, or a file written with `--snapshot FILE`.',
  );
}

/** The pack's CSV file, read; a malformed one is reported at its file and line. */
function readPackCsv(dir: string, file: string, text: string): ReturnType<typeof parseCsvRecords> {
  try {
    return parseCsvRecords(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw invalidFile(join(dir, file), error.line, error.problem);
    throw error;
  }
}

function rosterUsers(text: string, path: string): { users: ReviewUser[]; permissionKeys: string[] } {
  const { header, records } = readPackCsv(path, ROSTER_FILE, text);
  if (ROSTER_COLUMNS.some((column, i) => header[i] !== column)) {
    throw notAPack(path, `${ROSTER_FILE} does not have the roster's columns`);
  }
  // a pack of a policy with `identity` has its columns before the permissions' (no name has a space)
  const withIdentity = IDENTITY_COLUMNS.every((column, i) => header[ROSTER_COLUMNS.length + i] === column);
  const first = ROSTER_COLUMNS.length + (withIdentity ? IDENTITY_COLUMNS.length : 0);
  const permissionKeys = header.slice(first);
  const users = records.flatMap((r): ReviewUser[] => {
    const [kind, id, userId, name, email, login, audience, active, locked, roles, role, bu, buId] = r;
    if ((kind !== 'employee' && kind !== 'technician') || !/^\d+$/.test(id ?? '')) return [];
    const permissions: Record<string, boolean> = {};
    permissionKeys.forEach((key, i) => (permissions[key] = r[first + i] === 'yes'));
    const [source, state] = [r[ROSTER_COLUMNS.length], r[ROSTER_COLUMNS.length + 1]];
    return [
      {
        kind,
        id: Number(id),
        userId: userId ? Number(userId) : null,
        name: name ?? '',
        email: email || null,
        login: login || null,
        audience: audience === 'internal' || audience === 'external' ? audience : null,
        active: active === 'yes',
        locked: locked === 'yes',
        roles: roles ? roles.split(';') : [],
        builtInRole: role || null,
        businessUnit: bu || (buId ? `#${buId}` : null),
        permissions,
        ...(withIdentity ? { identity: source && state ? { source, state } : null } : {}),
      },
    ];
  });
  return { users, permissionKeys };
}

function reportFindings(text: string, dir: string): ReviewFinding[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalidFile(join(dir, REPORT_FILE), jsonSyntaxLine(text, error), 'the report is not valid JSON');
  }
  if (!isRecord(data) || !Array.isArray(data.findings)) return null;
  return data.findings.filter(isRecord).map((f) => {
    const u = isRecord(f.user) ? f.user : null;
    const kind = u?.kind === 'technician' ? 'technician' : 'employee';
    return {
      id: str(f.id) ?? '',
      rule: str(f.rule) ?? '',
      severity: (['critical', 'high', 'medium', 'low'].includes(str(f.severity) ?? '')
        ? f.severity
        : 'high') as Severity,
      message: str(f.message) ?? '',
      user: u ? { kind, id: num(u.id) ?? 0, name: str(u.name) ?? '' } : null,
      exempt: isRecord(f.exemption) && f.exemption.status === 'active',
    };
  });
}

function packExemptions(text: string, dir: string): ReviewExemption[] {
  const { records } = readPackCsv(dir, EXEMPTIONS_FILE, text);
  return records.map(([user, rules, status, approvedBy, ticket, expires, reason]) => ({
    user: user && !user.startsWith('(') ? user : null,
    rules: rules ? rules.split(';') : [],
    status: status === 'expired' ? 'expired' : 'active',
    approvedBy: approvedBy ?? '',
    ticket: ticket || null,
    expires: expires ?? '',
    reason: reason ?? '',
  }));
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

async function packState(dir: string): Promise<ReviewState> {
  const roster = await readOptional(join(dir, ROSTER_FILE));
  if (roster === null) throw notAPack(dir, `the folder has no ${ROSTER_FILE}`);
  const { users, permissionKeys } = rosterUsers(roster, dir);
  const manifestText = await readOptional(join(dir, MANIFEST_FILE));
  const manifest = manifestText === null ? null : parseManifest(manifestText);
  const reportText = await readOptional(join(dir, REPORT_FILE));
  const exemptionsText = await readOptional(join(dir, EXEMPTIONS_FILE));
  return {
    source: dir,
    from: 'pack',
    tenant: manifest?.tenant ?? null,
    takenAt: manifest?.startedAt ?? '',
    users,
    permissionKeys,
    permissionNames: Object.fromEntries((manifest?.permissions ?? []).map((p) => [`#${p.id}`, p.name])),
    findings: reportText === null ? null : reportFindings(reportText, dir),
    exemptions: exemptionsText === null ? null : packExemptions(exemptionsText, dir),
  };
}

async function snapshotState(path: string): Promise<ReviewState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw notAPack(path, 'the file cannot be read');
  }
  const read = parseSnapshotFile(text, path);
  if ('notASnapshot' in read) throw notAPack(path, read.notASnapshot);
  return reviewStateFromSnapshot(read.snapshot, path);
}

/** A pack folder (roster.csv + report.json + exemptions.csv) or a snapshot JSON file. */
export async function loadReviewState(pathToPackOrSnapshot: string): Promise<ReviewState> {
  let isDir: boolean;
  try {
    isDir = (await stat(pathToPackOrSnapshot)).isDirectory();
  } catch {
    throw new ConfigurationError(
      'evidence.not-found',
      `${pathToPackOrSnapshot} does not exist.`,
      'Give an evidence pack folder (`--evidence DIR`) or a snapshot file (`--snapshot FILE`).',
    );
  }
  return isDir ? packState(pathToPackOrSnapshot) : snapshotState(pathToPackOrSnapshot);
}
