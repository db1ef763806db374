/** Small readings every source shares: addresses and times as a Person holds them. */

/** Something that looks like an address: one @, text either side, no spaces. */
const ADDRESS = /^[^\s@]+@[^\s@]+$/;

/** Every distinct address among `values`, trimmed and lower-cased, in first-seen order. */
export function collectEmails(values: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const address = value.trim().toLowerCase();
    if (ADDRESS.test(address)) out.add(address);
  }
  return [...out];
}

/** An ISO time as `toISOString` writes it; null when absent or not a time. */
export function isoTime(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The latest of some times (ISO), or null when none is a time. */
export function latest(values: readonly unknown[]): string | null {
  let best: number | null = null;
  for (const value of values) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const ms = Date.parse(value);
    if (!Number.isNaN(ms) && (best === null || ms > best)) best = ms;
  }
  return best === null ? null : new Date(best).toISOString();
}

/** An object's fields, or null for anything that is not a plain object. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
