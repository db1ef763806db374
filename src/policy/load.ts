/**
 * Loading a policy file: bounded reading, safe YAML, the schema, the cross-field checks, then the
 * normalized `Policy`. Every problem of the file comes back at once in one `PolicyError`.
 */
import { createHash } from 'node:crypto';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { ConfigurationError, PolicyError, type PolicyIssue } from '../errors.js';
import { normalizePolicy } from './normalize.js';
import { policySchema } from './schema.js';
import { schemaIssues } from './schema-issues.js';
import { mergeLayers, readBaseFile, readChain } from './extends.js';
import type { Policy } from './types.js';
import { crossFieldIssues } from './validate.js';

export const MAX_POLICY_BYTES = 1_048_576;
export const DEFAULT_POLICY_PATH = '.github/servicetitan-access.yml';

export interface LoadOptions {
  /** today, for the exemption expiry window */
  now: Date;
  /** when set, a policy path (or symlink target) outside this folder is refused */
  workspace?: string;
  /** how the file is named in issues and the report (e.g. the path relative to the workspace); default `file` */
  displayPath?: string;
}

/**
 * Parses and validates policy text. Throws a PolicyError listing every problem, sorted by position.
 * A base it `extends` is read from disk, relative to `file`.
 */
export function parsePolicy(text: string, file: string, options: LoadOptions): Policy {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_POLICY_BYTES) throw tooLarge(file, bytes);
  return parseChecked(text, file, options, sha256(Buffer.from(text, 'utf8')), file);
}

/** Reads, parses and validates a policy file; `policy.source.sha256` is the hash of its bytes. */
export async function loadPolicyFile(file: string, options: LoadOptions): Promise<Policy> {
  const shown = options.displayPath ?? file;
  if (options.workspace !== undefined) await assertInsideWorkspace(file, options.workspace, shown);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileError(shown, error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new ConfigurationError(
        'policy.not-readable',
        `The policy path ${shown} is not a file.`,
        readHint(),
      );
    }
    if (stat.size > MAX_POLICY_BYTES) throw tooLarge(shown, stat.size);
    // The size on disk can lie (a file still being written, a special file): never read past the limit.
    const buffer = Buffer.alloc(MAX_POLICY_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_POLICY_BYTES) throw tooLarge(shown, length);
    }
    const bytes = buffer.subarray(0, length);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new PolicyError([
        {
          file: shown,
          line: 1,
          column: 1,
          code: 'policy.not-text',
          message: 'The file is not UTF-8 text, so it is not a YAML policy.',
          hint: 'Save the policy as UTF-8, and check that the path points at the policy file.',
        },
      ]);
    }
    return parseChecked(text, shown, options, sha256(bytes), file);
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw fileError(shown, error);
  } finally {
    await handle.close();
  }
}

function parseChecked(
  text: string,
  file: string,
  options: LoadOptions,
  hash: string,
  diskPath: string,
): Policy {
  // the policy and every base it extends (policy/extends.ts), merged into one located document
  const chain = readChain(
    { text, display: file, diskPath, sha256: hash },
    {
      readBase: readBaseFile(MAX_POLICY_BYTES),
      ...(options.workspace !== undefined ? { workspace: options.workspace } : {}),
    },
  );
  if (!chain.ok) throw new PolicyError(sortIssues(chain.issues, file));
  const merged = mergeLayers(chain.layers);
  const { source } = merged;
  const parsed = policySchema.safeParse(source.value);
  const issues: PolicyIssue[] = [
    ...merged.issues,
    ...(parsed.success ? [] : schemaIssues(parsed.error.issues, source, file)),
    ...crossFieldIssues(source, file, options.now),
  ];
  if (issues.length > 0 || !parsed.success) throw new PolicyError(sortIssues(issues, file));
  const bases = chain.layers.slice(1).map((l) => ({ path: l.display, sha256: l.sha256 }));
  return normalizePolicy(
    parsed.data,
    { path: file, sha256: hash, ...(bases.length > 0 ? { extends: bases } : {}) },
    source.locate,
  );
}

/**
 * By line, then column, then code: the order a reader goes through the file. With `extends`, the
 * policy's own issues come first, then each base file's.
 */
export function sortIssues(issues: PolicyIssue[], first?: string): PolicyIssue[] {
  const rank = (i: PolicyIssue) => (first === undefined || i.file === first ? '' : i.file);
  return [...issues].sort(
    (a, b) =>
      rank(a).localeCompare(rank(b)) ||
      a.line - b.line ||
      a.column - b.column ||
      a.code.localeCompare(b.code),
  );
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function tooLarge(file: string, bytes: number): PolicyError {
  return new PolicyError([
    {
      file,
      line: 1,
      column: 1,
      code: 'policy.too-large',
      message: `The policy file is ${bytes} bytes; the limit is ${MAX_POLICY_BYTES} bytes (1 MB).`,
      hint: 'A policy is a short text file: check that the path points at the right file.',
    },
  ]);
}

function readHint(): string {
  return `Create \`${DEFAULT_POLICY_PATH}\` (the default path), or set the \`policy\` input (\`--policy FILE\` on the command line) to your policy file; examples/policies/starter.yml is a good start.`;
}

function fileError(file: string, error: unknown): ConfigurationError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ConfigurationError('policy.not-found', `The policy file ${file} does not exist.`, readHint());
  }
  const reason =
    code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'unknown error'})`;
  return new ConfigurationError('policy.not-readable', `The policy path ${file} ${reason}.`, readHint());
}

async function assertInsideWorkspace(file: string, workspace: string, shown = file): Promise<void> {
  let target: string;
  let root: string;
  try {
    [target, root] = await Promise.all([realpath(file), realpath(workspace)]);
  } catch (error) {
    throw fileError(shown, error);
  }
  const path = relative(root, target);
  if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) {
    throw new ConfigurationError(
      'policy.outside-workspace',
      `The policy path ${shown} leads outside the repository.`,
      'Keep the policy file inside the repository, so what is audited is what was reviewed.',
    );
  }
}
