/**
 * The arithmetic of the benchmark: the fewest requests an audit can make, the shortest time it
 * can take, and medians. Pure, so the figures the bench prints can be checked by tests.
 */

/** ServiceTitan's documented limit per app and tenant. */
export const SERVICETITAN_REQUESTS_PER_SECOND = 60;

export interface TenantShape {
  employees: number;
  technicians: number;
  roles: number;
  businessUnits: number;
}

/** Pages of a list endpoint: an empty list still answers one (empty) page. */
export function pagesFor(records: number, granted: number): number {
  if (!(granted > 0)) throw new RangeError('the granted page size must be positive');
  return Math.max(1, Math.ceil(records / granted));
}

/**
 * The fewest requests a full read can make when the server grants `granted` records per page:
 * every page of the four lists, plus one token request.
 */
export function minimumRequests(shape: TenantShape, granted: number): number {
  return (
    1 +
    pagesFor(shape.employees, granted) +
    pagesFor(shape.technicians, granted) +
    pagesFor(shape.roles, granted) +
    pagesFor(shape.businessUnits, granted)
  );
}

/** Round-trip times (ms) of one list's pages, page 1 first, each measured alone. */
export type PageRoundTrips = number[];

/**
 * The shortest wall time a read can take: the token round trip, then the longest chain of
 * dependent round trips (page 1 of a list tells how many pages follow, and those can all be in
 * flight at once, so a list costs its page 1 plus its slowest other page), and never less than
 * the rate limit allows for that many requests.
 */
export function criticalPathBoundMs(
  tokenMs: number,
  lists: readonly PageRoundTrips[],
  requests: number,
  perSecond = SERVICETITAN_REQUESTS_PER_SECOND,
): number {
  let longestList = 0;
  for (const pages of lists) {
    const [first = 0, ...rest] = pages;
    longestList = Math.max(longestList, first + Math.max(0, ...rest));
  }
  return Math.max(tokenMs + longestList, (requests / perSecond) * 1000);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `value` rounded to `digits` decimals, for the table and results.json. */
export function rounded(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
