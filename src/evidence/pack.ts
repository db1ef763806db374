/**
 * The access-review evidence pack: roster, findings, exemptions and plan as CSV, the JSON report,
 * a copy of the policy file, and a manifest with the SHA-256 of each. Built in memory, then written
 * into a temporary folder beside the target and renamed into place, so an auditor never receives
 * a half-written pack.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { classifyAudience } from '../engine/audience.js';
import type { Snapshot, TenantUser } from '../engine/snapshot.js';
import { ConfigurationError } from '../errors.js';
import type { Policy } from '../policy/types.js';
import { renderJson } from '../report/json.js';
import type { Report } from '../report/model.js';
import {
  describeFile,
  EXEMPTIONS_FILE,
  FINDINGS_FILE,
  MANIFEST_FILE,
  PLAN_FILE,
  renderManifest,
  REPORT_FILE,
  RESERVED_FILES,
  ROSTER_FILE,
  sha256Hex,
  type Manifest,
} from './manifest.js';
import { peopleMasker } from './redaction.js';
import { exemptionsCsv, findingsCsv, planCsv, rosterCsv } from './tables.js';

export interface PackInput {
  dir: string;
  /** already redacted by the caller when `redact` is on */
  report: Report;
  snapshot: Snapshot | null;
  policy: Policy | null;
  /** the policy file's text as read, copied into the pack */
  policyText: string | null;
  /** the policy file's name; the copy keeps it */
  policyFileName: string;
  redact: boolean;
  toolVersion: string;
  runUrl?: string;
  /** the engine's classification; by default the policy's organization decides */
  audienceOf?: (u: TenantUser) => 'internal' | 'external';
}

export interface PackContents {
  /** file name -> content, every file except manifest.json */
  files: Map<string, string>;
  manifest: Manifest;
}

/** The policy copy's name: the original's, unless it would collide with a file the pack writes. */
export function policyCopyName(policyFileName: string): string {
  const name = basename(policyFileName.replace(/\\/g, '/')).trim();
  if (name === '' || name === '.' || name === '..') return 'policy.yml';
  return RESERVED_FILES.includes(name) ? `policy-${name}` : name;
}

/** Every file of the pack, as text, and its manifest. Pure. */
export function buildEvidencePack(input: PackInput): PackContents {
  const { report, snapshot, policy, redact } = input;
  const maskText = redact ? peopleMasker(snapshot, policy) : (text: string) => text;
  const audienceOf =
    input.audienceOf ?? (policy ? (u: TenantUser) => classifyAudience(u, policy.organization) : undefined);
  const files = new Map<string, string>();
  if (snapshot)
    files.set(ROSTER_FILE, rosterCsv(snapshot, policy, { redact, ...(audienceOf ? { audienceOf } : {}) }));
  files.set(FINDINGS_FILE, findingsCsv(report));
  files.set(
    EXEMPTIONS_FILE,
    exemptionsCsv(policy, report, snapshot, { redact, maskText, now: new Date(report.startedAt) }),
  );
  files.set(PLAN_FILE, planCsv(report));
  files.set(REPORT_FILE, renderJson(report));
  if (input.policyText !== null) {
    // the policy names people too (internal users, exemptions, approvers); the manifest keeps the
    // original file's hash, so the copy can still be matched to the repository's file
    files.set(policyCopyName(input.policyFileName), maskText(input.policyText));
  }
  const policySha =
    report.policy.sha256 ??
    policy?.source.sha256 ??
    (input.policyText === null ? null : sha256Hex(input.policyText));
  const manifest: Manifest = {
    version: 1,
    tool: { name: report.tool.name, version: input.toolVersion },
    tenant: report.tenant,
    environment: report.environment,
    policy: { path: report.policy.path, sha256: policySha },
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    ...(input.runUrl ? { runUrl: input.runUrl } : {}),
    redacted: redact,
    permissions: (policy?.permissions ?? []).map((m) => ({ name: m.name, id: m.id })),
    files: [...files.entries()]
      .map(([path, content]) => describeFile(path, content))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
  return { files, manifest };
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** A target that is absent, empty, or an earlier pack may be replaced; anything else is the user's data. */
async function assertReplaceable(target: string): Promise<boolean> {
  let stat;
  try {
    stat = await lstat(target);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
  if (!stat.isDirectory()) {
    throw new ConfigurationError(
      'evidence.not-a-folder',
      `The evidence path ${target} exists and is not a folder.`,
      'Point `evidence` at a new or empty folder, or at the folder of an earlier pack.',
    );
  }
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
    throw new ConfigurationError(
      'evidence.folder-not-empty',
      `The evidence folder ${target} holds other files and is not an evidence pack; it was left untouched.`,
      'Point `evidence` at a new or empty folder; an earlier pack in that folder is replaced.',
    );
  }
  return true;
}

/** Writes the pack into `input.dir`, replacing an earlier pack there. */
export async function writeEvidencePack(input: PackInput): Promise<{ dir: string; files: string[] }> {
  const { files, manifest } = buildEvidencePack(input);
  const target = resolve(input.dir);
  await mkdir(dirname(target), { recursive: true });
  const exists = await assertReplaceable(target);
  const suffix = randomBytes(6).toString('hex');
  const temp = `${target}.partial-${suffix}`;
  await mkdir(temp);
  try {
    for (const [name, content] of files) await writeFile(join(temp, name), content, { flag: 'wx' });
    await writeFile(join(temp, MANIFEST_FILE), renderManifest(manifest), { flag: 'wx' });
    if (exists) {
      const previous = `${target}.previous-${suffix}`;
      await rename(target, previous);
      try {
        await rename(temp, target);
      } catch (error) {
        await rename(previous, target);
        throw error;
      }
      await rm(previous, { recursive: true, force: true });
    } else {
      await rename(temp, target);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return { dir: input.dir, files: [...manifest.files.map((f) => f.path), MANIFEST_FILE] };
}
