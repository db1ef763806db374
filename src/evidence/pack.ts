/**
 * The access-review evidence pack: roster, findings, exemptions and plan as CSV, the JSON report,
 * a copy of the policy file, and a manifest with the SHA-256 of each. Built in memory, then written
 * into a temporary folder beside the target and renamed into place, so an auditor never receives
 * a half-written pack (target.ts decides what may be replaced). With a signing key, the manifest
 * names the key and manifest.json.sig beside it holds the signature over its bytes (signature.ts).
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { classifyAudience } from '../engine/audience.js';
import type { Snapshot, TenantUser } from '../engine/snapshot.js';
import type { IdentityRoster } from '../engine/types.js';
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
  SIGNATURE_FILE,
  type Manifest,
} from './manifest.js';
import { keyFingerprint, signManifest } from './signature.js';
import { peopleMasker } from './redaction.js';
import { exemptionsCsv, findingsCsv, planCsv, rosterCsv } from './tables.js';
import { inspectPackTarget, removeEarlierPack } from './target.js';

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
  /** with an `identity` section: each account's person and audience, by `kind:id` (the roster's identity columns) */
  identity?: IdentityRoster | null;
  /** folders the pack must never replace nor hold (the workspace); the current folder always counts */
  protectedDirs?: string[];
  /** an Ed25519 private key: the pack is then signed (manifest.json.sig) */
  signingKey?: KeyObject | null;
  /** more files for the pack, by name (a review's `attestations.csv`), listed in the manifest like the others */
  extraFiles?: ReadonlyMap<string, string>;
}

export interface WrittenPack {
  dir: string;
  /** every file written, manifest.json and its signature included */
  files: string[];
  /** the signature file and the fingerprint of the key that signed, when signed */
  signature: { file: string; publicKeyFingerprint: string } | null;
  /** an earlier pack of this tool was in the folder and has been replaced */
  replacedEarlier: boolean;
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
    files.set(
      ROSTER_FILE,
      rosterCsv(snapshot, policy, {
        redact,
        identity: input.identity ?? null,
        ...(audienceOf ? { audienceOf } : {}),
      }),
    );
  files.set(FINDINGS_FILE, findingsCsv(report));
  files.set(
    EXEMPTIONS_FILE,
    exemptionsCsv(policy, report, snapshot, { redact, maskText, now: new Date(report.startedAt) }),
  );
  files.set(PLAN_FILE, planCsv(report));
  files.set(REPORT_FILE, renderJson(report));
  for (const [name, content] of input.extraFiles ?? []) files.set(name, content);
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
    ...(input.signingKey
      ? {
          signature: {
            file: SIGNATURE_FILE,
            algorithm: 'ed25519' as const,
            publicKeyFingerprint: keyFingerprint(input.signingKey),
          },
        }
      : {}),
  };
  return { files, manifest };
}

/**
 * Writes the pack into `input.dir`: into a temporary folder beside it first, then renamed into
 * place. An earlier pack there is moved aside and only its own files deleted; a folder that is not
 * absent, empty or an intact pack of this tool is refused before anything is written.
 */
export async function writeEvidencePack(input: PackInput): Promise<WrittenPack> {
  const { files, manifest } = buildEvidencePack(input);
  const manifestBytes = Buffer.from(renderManifest(manifest), 'utf8');
  // signed before anything is written: a key that cannot sign leaves no folder behind
  const signature = input.signingKey ? signManifest(manifestBytes, input.signingKey) : null;
  const target = resolve(input.dir);
  const earlier = await inspectPackTarget(target, input.protectedDirs ?? []);
  await mkdir(dirname(target), { recursive: true });
  const suffix = randomBytes(6).toString('hex');
  const temp = `${target}.partial-${suffix}`;
  await mkdir(temp);
  try {
    for (const [name, content] of files) await writeFile(join(temp, name), content, { flag: 'wx' });
    await writeFile(join(temp, MANIFEST_FILE), manifestBytes, { flag: 'wx' });
    if (signature !== null) await writeFile(join(temp, SIGNATURE_FILE), signature, { flag: 'wx' });
    if (earlier.kind === 'absent') {
      // a folder made there meanwhile is replaced only if empty: rename fails on one that is not
      await rename(temp, target);
    } else {
      const previous = `${target}.previous-${suffix}`;
      await rename(target, previous);
      try {
        await rename(temp, target);
      } catch (error) {
        await rename(previous, target);
        throw error;
      }
      await removeEarlierPack(previous, earlier);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return {
    dir: input.dir,
    files: [
      ...manifest.files.map((f) => f.path),
      MANIFEST_FILE,
      ...(manifest.signature ? [SIGNATURE_FILE] : []),
    ],
    signature: manifest.signature
      ? { file: SIGNATURE_FILE, publicKeyFingerprint: manifest.signature.publicKeyFingerprint }
      : null,
    replacedEarlier: earlier.kind === 'pack',
  };
}
