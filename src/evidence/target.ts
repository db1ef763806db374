/**
 * Where a pack may be written, and what replacing an earlier one may delete. The `evidence` path is
 * a user's input: `evidence: .` names the checkout itself, and a folder that merely holds a
 * `manifest.json` (a web app's, a package's) is not a pack. So a folder is replaced only when it is
 * absent, empty, or an intact pack this tool wrote; everything else is refused and left untouched;
 * and replacing a pack deletes only the files its manifest lists, each still as the tool wrote it,
 * and the signature beside the manifest (manifest.json.sig) when the manifest says it is signed.
 */
import { lstat, readdir, readFile, realpath, rmdir, unlink } from 'node:fs/promises';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { ConfigurationError } from '../errors.js';
import { inlinePlain } from '../report/text.js';
import { MANIFEST_FILE, parseManifest, sha256Hex, SIGNATURE_FILE, TOOL_NAME } from './manifest.js';
import { MAX_SIGNATURE_FILE_BYTES, parseSignature } from './signature.js';

/** What is at the target now: nothing, an empty folder, or an earlier pack and its files. */
export type PackTarget =
  | { kind: 'absent' }
  | { kind: 'empty' }
  | {
      kind: 'pack';
      manifest: Buffer;
      files: { name: string; sha256: string }[];
      /** manifest.json.sig as found, when the manifest says the pack is signed and it is there */
      signature: Buffer | null;
    };

const USE_OWN_FOLDER = 'Point `evidence` at a folder of its own, such as `evidence` or `access-review`.';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/** Whether `folder` is `inner` or one of its ancestors. */
function holds(folder: string, inner: string): boolean {
  const rel = relative(folder, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function protectedFolder(target: string, why: string): ConfigurationError {
  return new ConfigurationError(
    'evidence.protected-folder',
    `The evidence folder ${target} ${why}; the tool never replaces it, and left it untouched.`,
    USE_OWN_FOLDER,
  );
}

function notOurPack(target: string, why: string): ConfigurationError {
  return new ConfigurationError(
    'evidence.not-a-pack',
    `The evidence folder ${target} holds a manifest.json, but ${why}, so it is not a pack this tool ` +
      'wrote and was left untouched.',
    `${USE_OWN_FOLDER} Only a folder holding an unchanged pack this tool wrote is replaced.`,
  );
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 5).map((n) => inlinePlain(n, 80));
  return shown.join(', ') + (names.length > shown.length ? ` and ${names.length - shown.length} more` : '');
}

/**
 * Decides whether `target` may take a new pack. `protectedDirs` (the workspace; the current folder
 * is always added) can never be the target or inside it.
 */
export async function inspectPackTarget(target: string, protectedDirs: string[]): Promise<PackTarget> {
  if (resolve(target).split(sep).includes('.git')) throw protectedFolder(target, 'is inside a Git folder');
  let stat;
  try {
    stat = await lstat(target);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'absent' };
    throw error;
  }
  if (!stat.isDirectory()) {
    throw new ConfigurationError(
      'evidence.not-a-folder',
      `The evidence path ${target} exists and is not a folder.`,
      'Point `evidence` at a new or empty folder, or at the folder of an earlier pack.',
    );
  }
  const real = await realpath(target);
  for (const dir of [...protectedDirs, process.cwd()]) {
    if (holds(real, await realOrResolved(dir))) {
      throw protectedFolder(target, `is the workspace or the current folder, or holds it (${dir})`);
    }
  }
  const entries = await readdir(target);
  if (entries.includes('.git')) throw protectedFolder(target, 'holds a Git repository (.git)');
  if (entries.length === 0) return { kind: 'empty' };
  if (!entries.includes(MANIFEST_FILE)) {
    throw new ConfigurationError(
      'evidence.folder-not-empty',
      `The evidence folder ${target} holds other files and is not an evidence pack; it was left untouched.`,
      'Point `evidence` at a new or empty folder; an earlier pack in that folder is replaced.',
    );
  }
  const manifestPath = join(target, MANIFEST_FILE);
  if (!(await lstat(manifestPath)).isFile()) throw notOurPack(target, 'it is not a plain file');
  const manifestBytes = await readFile(manifestPath);
  const manifest = parseManifest(manifestBytes.toString('utf8'));
  if (manifest === null) throw notOurPack(target, 'it is not in the format of this tool');
  if (manifest.tool.name !== TOOL_NAME) {
    throw notOurPack(target, `it names ${JSON.stringify(inlinePlain(manifest.tool.name, 60))} as its tool`);
  }
  // the tool writes a flat folder; a listed path through a subfolder could lead anywhere (a link)
  const nested = manifest.files.filter((f) => f.path.includes('/')).map((f) => f.path);
  if (nested.length > 0) throw notOurPack(target, `it lists files in subfolders (${listNames(nested)})`);
  for (const entry of manifest.files) {
    const path = join(target, entry.path);
    let fileStat;
    try {
      fileStat = await lstat(path);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
      throw notOurPack(target, `the ${inlinePlain(entry.path, 80)} it lists is missing`);
    }
    if (!fileStat.isFile())
      throw notOurPack(target, `the ${inlinePlain(entry.path, 80)} it lists is not a plain file`);
    const bytes = await readFile(path);
    if (bytes.byteLength !== entry.bytes || sha256Hex(bytes) !== entry.sha256) {
      throw notOurPack(target, `${inlinePlain(entry.path, 80)} was changed since the tool wrote it`);
    }
  }
  // The manifest cannot list its own signature; it says whether the pack is signed. Only then is a
  // manifest.json.sig the tool's, and only in the form the tool writes.
  let signature: Buffer | null = null;
  if (manifest.signature && entries.includes(SIGNATURE_FILE)) {
    const path = join(target, SIGNATURE_FILE);
    const sigStat = await lstat(path);
    if (!sigStat.isFile() || sigStat.size > MAX_SIGNATURE_FILE_BYTES)
      throw notOurPack(target, `its ${SIGNATURE_FILE} is not a signature file this tool wrote`);
    signature = await readFile(path);
    if (parseSignature(signature) === null)
      throw notOurPack(target, `its ${SIGNATURE_FILE} is not a signature file this tool wrote`);
  }
  const listed = new Set([
    MANIFEST_FILE,
    ...manifest.files.map((f) => f.path),
    ...(manifest.signature ? [SIGNATURE_FILE] : []),
  ]);
  const others = entries.filter((name) => !listed.has(name)).sort();
  if (others.length > 0) {
    throw new ConfigurationError(
      'evidence.folder-not-empty',
      `The evidence folder ${target} holds an earlier pack and files the tool did not write ` +
        `(${listNames(others)}); it was left untouched.`,
      'Move those files out of the folder, or point `evidence` at another folder. The tool never deletes a file it did not write.',
    );
  }
  return {
    kind: 'pack',
    manifest: manifestBytes,
    files: manifest.files.map((f) => ({ name: f.path, sha256: f.sha256 })),
    signature,
  };
}

/**
 * Deletes what an earlier pack, moved aside to `dir`, holds of the tool's files: each listed file
 * whose content is still what the manifest says, the signature and then the manifest if unchanged
 * since the check, then the folder if empty. A file that changed or appeared since stays.
 */
export async function removeEarlierPack(dir: string, earlier: PackTarget): Promise<void> {
  if (earlier.kind === 'pack') {
    for (const file of earlier.files) {
      const path = join(dir, file.name);
      const bytes = await readFile(path).catch(() => null);
      if (bytes !== null && sha256Hex(bytes) === file.sha256) await unlink(path);
    }
    if (earlier.signature !== null) {
      const signaturePath = join(dir, SIGNATURE_FILE);
      const signature = await readFile(signaturePath).catch(() => null);
      if (signature !== null && signature.equals(earlier.signature)) await unlink(signaturePath);
    }
    const manifestPath = join(dir, MANIFEST_FILE);
    const manifest = await readFile(manifestPath).catch(() => null);
    if (manifest !== null && manifest.equals(earlier.manifest)) await unlink(manifestPath);
  }
  try {
    await rmdir(dir);
  } catch (error) {
    if (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'EEXIST') throw error;
  }
}
