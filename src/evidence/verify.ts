/**
 * `evidence verify DIR`: recomputes every file's SHA-256 and compares it with the manifest. The
 * manifest is not signed: this shows that the pack is what the manifest says, and the manifest's
 * own hash (or the artifact's) is what an auditor pins.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../errors.js';
import { MANIFEST_FILE, parseManifest, sha256Hex, type Manifest } from './manifest.js';

export type PackProblem = 'missing' | 'modified' | 'unexpected';

export interface VerifyResult {
  ok: boolean;
  problems: { file: string; problem: PackProblem }[];
  manifest: Manifest | null;
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

export async function verifyEvidencePack(dir: string): Promise<VerifyResult> {
  await assertFolder(dir, 'evidence folder');
  const present = (await listFiles(dir)).sort();
  const manifestBytes = await readIfFile(join(dir, MANIFEST_FILE));
  if (manifestBytes === null) {
    return { ok: false, problems: [{ file: MANIFEST_FILE, problem: 'missing' }], manifest: null };
  }
  const manifest = parseManifest(manifestBytes.toString('utf8'));
  // a manifest that cannot be read cannot vouch for any file
  if (manifest === null) {
    return { ok: false, problems: [{ file: MANIFEST_FILE, problem: 'modified' }], manifest: null };
  }
  const problems: VerifyResult['problems'] = [];
  for (const entry of manifest.files) {
    const content = await readIfFile(join(dir, entry.path));
    if (content === null) problems.push({ file: entry.path, problem: 'missing' });
    else if (content.byteLength !== entry.bytes || sha256Hex(content) !== entry.sha256) {
      problems.push({ file: entry.path, problem: 'modified' });
    }
  }
  const listed = new Set([MANIFEST_FILE, ...manifest.files.map((f) => f.path)]);
  for (const path of present) if (!listed.has(path)) problems.push({ file: path, problem: 'unexpected' });
  return { ok: problems.length === 0, problems, manifest };
}
