/**
 * The pack's `manifest.json`: what run produced the pack and the SHA-256 of every other file in
 * it, so `evidence verify` can tell an auditor whether anything was changed since.
 */
import { createHash } from 'node:crypto';
import type { Environment } from '../domain/tenant.js';
import type { Report } from '../report/model.js';

/** The name a pack's manifest gives its tool; only a pack with this name is ever replaced. */
export const TOOL_NAME: Report['tool']['name'] = 'servicetitan-access-guard';

export const MANIFEST_FILE = 'manifest.json';
/** The optional signature over manifest.json's bytes (signature.ts); the manifest cannot list it. */
export const SIGNATURE_FILE = 'manifest.json.sig';
export const ROSTER_FILE = 'roster.csv';
export const FINDINGS_FILE = 'findings.csv';
export const EXEMPTIONS_FILE = 'exemptions.csv';
export const PLAN_FILE = 'plan.csv';
export const REPORT_FILE = 'report.json';
/** An access review's decisions, in the pack its close writes (SPEC §9). */
export const ATTESTATIONS_FILE = 'attestations.csv';
/** Names the pack writes itself; a policy copy never takes one of them. */
export const RESERVED_FILES: readonly string[] = [
  MANIFEST_FILE,
  SIGNATURE_FILE,
  ROSTER_FILE,
  FINDINGS_FILE,
  EXEMPTIONS_FILE,
  PLAN_FILE,
  REPORT_FILE,
  ATTESTATIONS_FILE,
];

export interface ManifestFile {
  /** relative to the pack folder, `/`-separated */
  path: string;
  sha256: string;
  bytes: number;
}

/** A signed pack's manifest names the signature file and the key that signs it. */
export interface ManifestSignature {
  file: typeof SIGNATURE_FILE;
  algorithm: 'ed25519';
  /** `sha256:` and the SHA-256 of the public key (DER SubjectPublicKeyInfo) */
  publicKeyFingerprint: string;
}

export interface Manifest {
  version: 1;
  tool: { name: string; version: string };
  tenant: string | null;
  environment: Environment;
  /** the policy as the run read it: its path and the SHA-256 of its original bytes */
  policy: { path: string; sha256: string | null };
  startedAt: string;
  finishedAt: string;
  runUrl?: string;
  /** whether names, emails and logins in the pack are masked */
  redacted: boolean;
  /** the policy's permission mappings (the roster's permission columns), so a diff can line up snapshots */
  permissions: { name: string; id: number }[];
  /** every file of the pack except manifest.json and its signature, sorted by path */
  files: ManifestFile[];
  /** present when the pack is signed: manifest.json.sig beside the manifest, over its bytes */
  signature?: ManifestSignature;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function describeFile(path: string, content: string | Uint8Array): ManifestFile {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  return { path, sha256: sha256Hex(content), bytes };
}

export function renderManifest(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** A path the manifest may name: relative, inside the pack, no `..`, no backslashes. */
export function isSafePackPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads manifest text; null when it is not a version-1 manifest this tool can trust to name files. */
export function parseManifest(text: string): Manifest | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(data) || data.version !== 1 || !Array.isArray(data.files)) return null;
  const files: ManifestFile[] = [];
  for (const entry of data.files) {
    if (!isRecord(entry)) return null;
    const { path, sha256, bytes } = entry;
    if (
      typeof path !== 'string' ||
      !isSafePackPath(path) ||
      path === MANIFEST_FILE ||
      path === SIGNATURE_FILE
    )
      return null;
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return null;
    if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0) return null;
    files.push({ path, sha256, bytes });
  }
  if (new Set(files.map((f) => f.path)).size !== files.length) return null;
  const tool = isRecord(data.tool) ? data.tool : {};
  const policy = isRecord(data.policy) ? data.policy : {};
  const text_ = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
  return {
    version: 1,
    tool: { name: text_(tool.name), version: text_(tool.version) },
    tenant: typeof data.tenant === 'string' ? data.tenant : null,
    environment: data.environment === 'integration' ? 'integration' : 'production',
    policy: { path: text_(policy.path), sha256: typeof policy.sha256 === 'string' ? policy.sha256 : null },
    startedAt: text_(data.startedAt),
    finishedAt: text_(data.finishedAt),
    ...(typeof data.runUrl === 'string' ? { runUrl: data.runUrl } : {}),
    redacted: data.redacted === true,
    permissions: Array.isArray(data.permissions)
      ? data.permissions.flatMap((p) =>
          isRecord(p) && typeof p.name === 'string' && typeof p.id === 'number'
            ? [{ name: p.name, id: p.id }]
            : [],
        )
      : [],
    files,
    ...(parseSignatureEntry(data.signature) ?? {}),
  };
}

/** The manifest's signature entry; one of another form (a later version's) is left out. */
function parseSignatureEntry(value: unknown): { signature: ManifestSignature } | null {
  if (!isRecord(value)) return null;
  const { file, algorithm, publicKeyFingerprint } = value;
  if (file !== SIGNATURE_FILE || algorithm !== 'ed25519') return null;
  if (typeof publicKeyFingerprint !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(publicKeyFingerprint))
    return null;
  return { signature: { file, algorithm, publicKeyFingerprint } };
}
