/**
 * Reads a folder of tenant reports as `actions/download-artifact` leaves it: one folder per
 * artifact, named after the tenant, holding the tenant's JSON report or evidence pack (at any
 * depth up to a few folders). A report right in the folder is named by its tenant id.
 *
 * Each tenant's people go into the PeopleIndex as they are read, so the fleet's memory is the
 * index, not every roster at once.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { MANIFEST_FILE, REPORT_FILE, ROSTER_FILE } from '../evidence/manifest.js';
import type { FleetAccount, PeopleIndex } from './people.js';
import { readRosterRows } from './roster.js';

/** A tenant report of 5,000 users is a few MB; far larger is not one. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** How deep inside a tenant's folder a report or pack is looked for. */
const MAX_DEPTH = 4;
/** Files looked at per tenant folder, at most. */
const MAX_FILES = 500;
/** The fleet's own outputs, never a tenant's report. */
const NOT_REPORTS = new Set(['fleet-report.json', MANIFEST_FILE]);
/** A name fit for the history file and the tables; anything else falls back to the tenant id. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export type TenantStatus = 'pass' | 'fail' | 'error';

export interface TenantCounts {
  findings: number;
  exempted: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  users: number;
}

export interface TenantRun {
  name: string;
  /** the ServiceTitan tenant id the report names */
  tenant: string | null;
  environment: string | null;
  status: TenantStatus;
  counts: TenantCounts;
  runUrl: string | null;
  finishedAt: string | null;
  /** what was read: a JSON report, an evidence pack, or nothing (an error) */
  from: 'report' | 'evidence' | null;
  /** where, relative to the reports folder */
  path: string | null;
  /** the tenant run's own errors, or why its report could not be read */
  errors: { code: string; message: string }[];
  /** its report masks names and emails: its people cannot be compared across tenants */
  redacted: boolean;
  /** whether its people were compared: from a pack's roster (everyone) or a report's findings (only those with findings) */
  people: 'roster' | 'findings' | 'none';
}

export const EMPTY_COUNTS: TenantCounts = {
  findings: 0,
  exempted: 0,
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  users: 0,
};

interface Candidate {
  /** the folder name, or null for a report lying directly in the reports folder */
  folder: string | null;
  files: string[];
}

/**
 * Every tenant under `dir`, in name order. `expected` (the fleet file's tenant names) adds a tenant
 * with no report as an errored one, so a tenant whose audit never uploaded is visible.
 */
export async function readTenantRuns(
  dir: string,
  shown: string,
  index: PeopleIndex,
  tenantNames: string[],
  expected: readonly string[] = [],
): Promise<TenantRun[]> {
  let entries;
  try {
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new ConfigurationError(
      'fleet.reports-not-found',
      `The reports folder ${shown} does not exist or is not a folder (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`,
      'Download the tenants’ report artifacts into one folder first (actions/download-artifact with a `path`), and give that folder as `reports` (`--reports DIR`).',
    );
  }
  const candidates: Candidate[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) candidates.push({ folder: entry.name, files: await listFiles(full) });
    else if (entry.isFile() && entry.name.endsWith('.json') && !NOT_REPORTS.has(entry.name))
      candidates.push({ folder: null, files: [full] });
  }
  const runs: TenantRun[] = [];
  const taken = new Set<string>();
  for (const candidate of candidates) {
    const run = await readCandidate(dir, candidate, index, tenantNames, taken);
    if (run) runs.push(run);
  }
  for (const name of expected) {
    if (taken.has(name)) continue;
    taken.add(name);
    tenantNames.push(name);
    runs.push(
      missing(
        name,
        'fleet.report-missing',
        `No report for ${name} in ${shown}: its audit did not upload one (see the tenant's job), or its artifact is not named after it.`,
      ),
    );
  }
  if (runs.length === 0) {
    throw new ConfigurationError(
      'fleet.no-reports',
      `The reports folder ${shown} holds no tenant report or evidence pack.`,
      'Give the folder the tenants’ artifacts were downloaded into: one folder per tenant, named after it, holding its JSON report or evidence pack.',
    );
  }
  return runs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function listFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (current: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || files.length >= MAX_FILES) return;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      else if (entry.isFile() && files.length < MAX_FILES) files.push(full);
    }
  };
  await walk(folder, 0);
  return files;
}

function missing(name: string, code: string, message: string, at: string | null = null): TenantRun {
  return {
    name,
    tenant: null,
    environment: null,
    status: 'error',
    counts: { ...EMPTY_COUNTS },
    runUrl: null,
    finishedAt: null,
    from: null,
    path: at,
    errors: [{ code, message }],
    redacted: false,
    people: 'none',
  };
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);

async function readJson(file: string): Promise<unknown> {
  const info = await stat(file);
  if (info.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  return JSON.parse(await readFile(file, 'utf8'));
}

function isReport(value: unknown): value is Json {
  return (
    isRecord(value) &&
    value.version === 1 &&
    isRecord(value.tool) &&
    value.tool.name === 'servicetitan-access-guard' &&
    isRecord(value.counts) &&
    Array.isArray(value.findings)
  );
}

async function readCandidate(
  root: string,
  candidate: Candidate,
  index: PeopleIndex,
  tenantNames: string[],
  taken: Set<string>,
): Promise<TenantRun | null> {
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const nameFor = (tenantId: string | null): string => {
    let name =
      candidate.folder !== null && SAFE_NAME.test(candidate.folder)
        ? candidate.folder
        : tenantId !== null && SAFE_NAME.test(tenantId)
          ? tenantId
          : `tenant-${tenantNames.length + 1}`;
    if (taken.has(name)) {
      let n = 2;
      while (taken.has(`${name}-${n}`)) n++;
      name = `${name}-${n}`;
    }
    taken.add(name);
    return name;
  };

  // an evidence pack: its manifest, report and roster (everyone, not only those with findings)
  const manifestFile = candidate.files.find((f) => path.basename(f) === MANIFEST_FILE);
  let report: Json | null = null;
  let reportFile: string | null = null;
  let manifest: Json | null = null;
  let rosterFile: string | null = null;
  let problem: string | null = null;
  if (manifestFile) {
    const packDir = path.dirname(manifestFile);
    try {
      const read = await readJson(manifestFile);
      manifest = isRecord(read) ? read : null;
      const packReport = await readJson(path.join(packDir, REPORT_FILE));
      if (isReport(packReport)) {
        report = packReport;
        reportFile = path.join(packDir, REPORT_FILE);
        const roster = path.join(packDir, ROSTER_FILE);
        if (candidate.files.includes(roster)) rosterFile = roster;
      } else problem = `${relative(path.join(packDir, REPORT_FILE))} is not a report of this tool`;
    } catch (error) {
      problem = `${relative(manifestFile)}: ${(error as Error).message}`;
    }
  }
  if (!report) {
    // a JSON report: the audit's (an undo's journal or a stray file is not the tenant's audit)
    let best: { value: Json; file: string } | null = null;
    for (const file of candidate.files) {
      if (!file.endsWith('.json') || NOT_REPORTS.has(path.basename(file))) continue;
      let value: unknown;
      try {
        value = await readJson(file);
      } catch (error) {
        problem ??= `${relative(file)}: ${(error as Error).message}`;
        continue;
      }
      if (!isReport(value) || value.mode === 'undo') continue;
      if (!best || String(value.finishedAt ?? '') > String(best.value.finishedAt ?? ''))
        best = { value, file };
    }
    if (best) {
      report = best.value;
      reportFile = best.file;
      manifest = null;
      rosterFile = null;
    }
  }
  if (!report || !reportFile) {
    if (candidate.folder === null) return null;
    const name = nameFor(null);
    tenantNames.push(name);
    return problem
      ? missing(
          name,
          'fleet.report-unreadable',
          `The report of ${name} cannot be read: ${problem}.`,
          candidate.folder,
        )
      : missing(
          name,
          'fleet.report-missing',
          `${candidate.folder} holds no report or evidence pack of this tool.`,
          candidate.folder,
        );
  }

  const tenantId = typeof report.tenant === 'string' ? report.tenant : null;
  const name = nameFor(tenantId);
  const tenantIndex = tenantNames.length;
  tenantNames.push(name);
  const counts = isRecord(report.counts) ? report.counts : {};
  const redacted = report.redacted === true || manifest?.redacted === true;
  const status: TenantStatus =
    report.status === 'pass' || report.status === 'fail' || report.status === 'error'
      ? report.status
      : 'error';
  const runUrl = [manifest?.runUrl, report.runUrl].find(
    (u): u is string => typeof u === 'string' && /^https?:\/\/[^\s"'<>]+$/.test(u),
  );
  const errors = Array.isArray(report.errors)
    ? report.errors
        .filter(isRecord)
        .map((e) => ({ code: String(e.code ?? 'unknown'), message: String(e.message ?? '') }))
    : [];

  let people: TenantRun['people'] = 'none';
  if (!redacted) {
    const holders = holdings(report);
    if (rosterFile) {
      people = (await addRoster(rosterFile, tenantIndex, index)) ? 'roster' : 'findings';
    }
    if (people !== 'roster') {
      for (const { account } of holders) index.addAccount(tenantIndex, account);
      if (holders.length > 0 || people === 'findings') people = 'findings';
    }
    for (const { account, permissions } of holders)
      for (const permission of permissions) index.addHolding(tenantIndex, account, permission);
  }

  return {
    name,
    tenant: tenantId,
    environment: typeof report.environment === 'string' ? report.environment : null,
    status,
    counts: {
      findings: count(counts.findings),
      exempted: count(counts.exempted),
      critical: count(counts.critical),
      high: count(counts.high),
      medium: count(counts.medium),
      low: count(counts.low),
      users: count(counts.users),
    },
    runUrl: runUrl ?? null,
    finishedAt: typeof report.finishedAt === 'string' ? report.finishedAt : null,
    from: manifest ? 'evidence' : 'report',
    path: relative(manifest && manifestFile ? path.dirname(manifestFile) : reportFile),
    errors,
    redacted,
    people: redacted ? 'none' : people,
  };
}

/** The accounts of the report's findings, each with the forbidden permissions it holds. */
function holdings(report: Json): { account: FleetAccount; permissions: string[] }[] {
  const byUser = new Map<string, { account: FleetAccount; permissions: Set<string> }>();
  for (const finding of report.findings as unknown[]) {
    if (!isRecord(finding) || !isRecord(finding.user)) continue;
    const u = finding.user;
    const key = `${String(u.kind)}:${String(u.id)}`;
    let entry = byUser.get(key);
    if (!entry) {
      entry = {
        account: {
          email:
            typeof u.email === 'string'
              ? u.email
              : typeof u.login === 'string' && u.login.includes('@')
                ? u.login
                : null,
          aadUserId: typeof u.aadUserId === 'string' ? u.aadUserId : null,
          name: typeof u.name === 'string' ? u.name : null,
          active: u.active !== false,
          locked: u.locked === true,
        },
        permissions: new Set(),
      };
      byUser.set(key, entry);
    }
    const evidence = isRecord(finding.evidence) ? finding.evidence : {};
    if (Array.isArray(evidence.permissions))
      for (const p of evidence.permissions) if (typeof p === 'string') entry.permissions.add(p);
  }
  return [...byUser.values()].map((e) => ({ account: e.account, permissions: [...e.permissions] }));
}

/** Every account of a pack's roster; false when the roster cannot be read (the findings stand in). */
async function addRoster(file: string, tenant: number, index: PeopleIndex): Promise<boolean> {
  let bytes: Buffer;
  try {
    if ((await stat(file)).size > MAX_FILE_BYTES) return false;
    bytes = await readFile(file);
  } catch {
    return false;
  }
  return readRosterRows(bytes, (row) => {
    const person = index.addBytes(
      tenant,
      row.bytes,
      row.emailStart,
      row.emailEnd,
      row.aadUserId,
      row.active,
      row.locked,
    );
    if (person === null || !index.wantsName(person)) return;
    const name = row.name();
    if (name) index.setName(person, name);
  });
}
