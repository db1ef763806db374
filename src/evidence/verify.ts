/**
 * `evidence verify DIR [--public-key FILE]`: recomputes every file's SHA-256 and compares it with
 * the manifest. That proves integrity: nothing changed, went missing or was added since the
 * manifest was written, which catches accidents. It does not prove who wrote the pack, since anyone
 * who can edit a file can recompute the manifest. With a public key, verify also checks the
 * signature over the manifest's bytes (manifest.json.sig), which only the private key's holder can
 * make: that proves authorship, of the manifest and so of every file it lists.
 */
import type { KeyObject } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../errors.js';
import { MANIFEST_FILE, parseManifest, sha256Hex, SIGNATURE_FILE, type Manifest } from './manifest.js';
import { keyFingerprint, parseSignature, signatureMatches } from './signature.js';

export type PackProblem = 'missing' | 'modified' | 'unexpected';

/**
 * Who wrote the pack, as far as verify can tell. Without a public key it is not checked
 * (`signedBy` is the fingerprint the manifest names, an unproven claim); with one, the signature
 * either matches that key (`valid`), is absent (`unsigned`), or does not match (`invalid`: the
 * manifest changed after signing, or another key signed it).
 */
export type Authorship =
  | { checked: false; signedBy: string | null }
  | { checked: true; key: string; outcome: 'valid' | 'unsigned' | 'invalid'; signedBy: string | null };

export interface VerifyResult {
  /** intact and, when a public key was given, signed with it */
  ok: boolean;
  /** integrity: files missing, modified or unexpected against the manifest */
  problems: { file: string; problem: PackProblem }[];
  manifest: Manifest | null;
  authorship: Authorship;
}

/** Every file under `dir`, as `/`-separated relative paths (symbolic links count as files). */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, path)));
    else out.push(path);
  }
  return out;
}

export async function assertFolder(dir: string, what: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    throw new ConfigurationError(
      'evidence.not-found',
      `The ${what} ${dir} does not exist.`,
      'Give the folder an audit or apply run wrote with `--evidence DIR` (the `evidence` input).',
    );
  }
  if (!isDir) {
    throw new ConfigurationError(
      'evidence.not-a-folder',
      `The ${what} ${dir} is not a folder.`,
      'Give the folder that holds manifest.json, not a file inside it.',
    );
  }
}

async function readIfFile(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Checks the signature over `manifestBytes` with `publicKey`, when one is given. */
function checkAuthorship(
  manifestBytes: Buffer | null,
  signature: Buffer | null,
  publicKey: KeyObject | undefined,
  signedBy: string | null,
): Authorship {
  if (!publicKey) return { checked: false, signedBy };
  const key = keyFingerprint(publicKey);
  if (signature === null) return { checked: true, key, outcome: 'unsigned', signedBy };
  const parsed = parseSignature(signature);
  const valid =
    manifestBytes !== null && parsed !== null && signatureMatches(manifestBytes, parsed, publicKey);
  return { checked: true, key, outcome: valid ? 'valid' : 'invalid', signedBy };
}

export interface VerifyOptions {
  /** an Ed25519 public key: the pack must then carry a signature it accepts */
  publicKey?: KeyObject;
}

export async function verifyEvidencePack(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  await assertFolder(dir, 'evidence folder');
  const present = (await listFiles(dir)).sort();
  const manifestBytes = await readIfFile(join(dir, MANIFEST_FILE));
  const signature = await readIfFile(join(dir, SIGNATURE_FILE));
  const manifest = manifestBytes === null ? null : parseManifest(manifestBytes.toString('utf8'));
  const authorship = checkAuthorship(
    manifestBytes,
    signature,
    options.publicKey,
    manifest?.signature?.publicKeyFingerprint ?? null,
  );
  if (manifestBytes === null) {
    return { ok: false, problems: [{ file: MANIFEST_FILE, problem: 'missing' }], manifest: null, authorship };
  }
  // a manifest that cannot be read cannot vouch for any file
  if (manifest === null) {
    return {
      ok: false,
      problems: [{ file: MANIFEST_FILE, problem: 'modified' }],
      manifest: null,
      authorship,
    };
  }
  const problems: VerifyResult['problems'] = [];
  for (const entry of manifest.files) {
    const content = await readIfFile(join(dir, entry.path));
    if (content === null) problems.push({ file: entry.path, problem: 'missing' });
    else if (content.byteLength !== entry.bytes || sha256Hex(content) !== entry.sha256) {
      problems.push({ file: entry.path, problem: 'modified' });
    }
  }
  // The signature is the one file the manifest cannot list. A manifest that says the pack is signed
  // makes it part of the pack; one that is there is at least in the form the tool writes.
  if (signature === null) {
    if (manifest.signature) problems.push({ file: SIGNATURE_FILE, problem: 'missing' });
  } else if (parseSignature(signature) === null) {
    problems.push({ file: SIGNATURE_FILE, problem: 'modified' });
  }
  const listed = new Set([MANIFEST_FILE, SIGNATURE_FILE, ...manifest.files.map((f) => f.path)]);
  for (const path of present) if (!listed.has(path)) problems.push({ file: path, problem: 'unexpected' });
  const authentic = !authorship.checked || authorship.outcome === 'valid';
  return { ok: problems.length === 0 && authentic, problems, manifest, authorship };
}
