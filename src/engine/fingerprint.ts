import { createHash } from 'node:crypto';

/**
 * A finding id: the first 16 hex characters of SHA-256 over its identifying parts. Built only
 * from names and ids (never positions or list indexes), so it survives reordering and edits
 * elsewhere in the policy.
 */
export function findingId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}
