import { readFile } from 'node:fs/promises';
import { ConfigurationError } from './errors.js';
import type { Snapshot } from './engine/snapshot.js';

/** Reads a snapshot written earlier with --snapshot. */
export async function readSnapshotFile(file: string): Promise<Snapshot> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(
      'input.invalid-snapshot',
      `Cannot read the snapshot ${file}: ${(error as Error).message}`,
      'Give a file written by `st-access-guard discover --snapshot FILE` or `audit --snapshot FILE`.',
    );
  }
  const s = parsed as Partial<Snapshot>;
  if (!s || typeof s !== 'object' || !Array.isArray(s.users) || !Array.isArray(s.roles)) {
    throw new ConfigurationError(
      'input.invalid-snapshot',
      `${file} is not a snapshot (no users and roles).`,
      'Give a file written by `st-access-guard discover --snapshot FILE`.',
    );
  }
  return s as Snapshot;
}
