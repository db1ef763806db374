/** Writing the run's files: whole, then renamed into place, so a reader never sees half a report. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(target: string, content: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, target);
}

/**
 * Why a file could not be written, for the user: a file-system refusal (no such folder, a file in
 * the way, no space, no permission) says its code and is not a bug; anything else is one. When
 * redacting, an unexpected error's own text is left out: it may quote tenant data.
 */
export function describeWriteFailure(error: unknown, redacted: boolean): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return `the file system refused it (${code}): check that the path names a file in a folder this run can write to`;
  }
  const detail = error instanceof Error ? (redacted ? error.name : error.message) : String(error);
  return `unexpected error (${detail}). This is a bug; rerun with debug logging and report it`;
}
