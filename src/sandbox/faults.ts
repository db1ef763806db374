/**
 * Fault injection: the ways a real ServiceTitan (or the network in front of it) misbehaves,
 * switched on per test or benchmark.
 */
import { z } from 'zod';

export type FaultKind =
  | 'status-429'
  | 'status-429-no-retry-after'
  | 'status-429-gateway-message'
  | 'status-500'
  | 'status-502'
  | 'status-503'
  | 'status-401'
  | 'status-403'
  | 'status-404'
  | 'reset'
  | 'reset-after-write'
  | 'slow'
  | 'truncated-json'
  | 'invalid-json'
  | 'has-more-forever'
  | 'has-more-forever-new-ids'
  | 'huge-total-count'
  | 'duplicate-records'
  | 'empty-page'
  | 'write-noop';

export interface FaultRule {
  /** which requests it affects; path is a substring of the request path, e.g. '/employees' */
  match?: { method?: string; path?: string };
  /**
   * - status-429: Retry-After header and the gateway body `{statusCode, message}`
   * - status-429-no-retry-after: no header, an RFC 7807 body without seconds (client backs off)
   * - status-429-gateway-message: no header, gateway body "Rate limit is exceeded. Try again in N seconds."
   * - reset: the socket is destroyed without an answer; slow: answer after delayMs
   * - reset-after-write: the request is carried out (a write changes the tenant), then the socket
   *   is destroyed before the answer: the client cannot know whether it took effect
   * - truncated-json: Content-Length of the whole body, half of it sent, then the connection drops
   * - invalid-json: 200 with a body that is not JSON
   * - has-more-forever / duplicate-records / empty-page: list and export answers only
   * - has-more-forever-new-ids: hasMore on every page, each page full of records with ids never
   *   seen before and no totalCount (a list, or an export feed with a fresh token each time)
   * - huge-total-count: lists claim totalCount 1,000,000,000, one record per page, hasMore always
   * - write-noop: PATCH and account-actions answer 200 but change nothing
   */
  kind: FaultKind;
  /** how many matching requests it affects (default: all; 'empty-page' defaults to 1) */
  times?: number;
  /** let this many matching requests through first (default 0) */
  after?: number;
  /** for 'slow' (default 60 s: beyond any sensible client timeout) */
  delayMs?: number;
  /** for the 429 kinds (default 1); on status-503, sends Retry-After (default: none) */
  retryAfterSeconds?: number;
}

export interface Faults {
  /** added to every answer */
  latencyMs?: number;
  /** beyond N requests per rolling second (per tenant): 429 like ServiceTitan */
  rateLimitPerSecond?: number;
  rules?: FaultRule[];
}

const FAULT_KINDS = [
  'status-429',
  'status-429-no-retry-after',
  'status-429-gateway-message',
  'status-500',
  'status-502',
  'status-503',
  'status-401',
  'status-403',
  'status-404',
  'reset',
  'reset-after-write',
  'slow',
  'truncated-json',
  'invalid-json',
  'has-more-forever',
  'has-more-forever-new-ids',
  'huge-total-count',
  'duplicate-records',
  'empty-page',
  'write-noop',
] as const satisfies readonly FaultKind[];

const count = z.number().int().nonnegative();
export const faultsSchema = z.strictObject({
  latencyMs: count.optional(),
  rateLimitPerSecond: z.number().int().positive().optional(),
  rules: z
    .array(
      z.strictObject({
        match: z.strictObject({ method: z.string().optional(), path: z.string().optional() }).optional(),
        kind: z.enum(FAULT_KINDS),
        times: count.optional(),
        after: count.optional(),
        delayMs: count.optional(),
        retryAfterSeconds: count.optional(),
      }),
    )
    .optional(),
});

/** What kind of request it is, so that behaviour faults only count where they make sense. */
export type RequestClass = 'list' | 'export' | 'write' | 'other';

const BEHAVIOUR_CLASSES: Partial<Record<FaultKind, RequestClass[]>> = {
  'has-more-forever': ['list', 'export'],
  'has-more-forever-new-ids': ['list', 'export'],
  'huge-total-count': ['list'],
  'duplicate-records': ['list', 'export'],
  'empty-page': ['list', 'export'],
  'write-noop': ['write'],
  'reset-after-write': ['write'],
};

/** The faults that fire for one request. */
export interface FiredFaults {
  /** the first fault that replaces or breaks the answer (status, reset, slow, truncated, invalid) */
  transport: FaultRule | null;
  hasMoreForever: boolean;
  endlessNewRecords: boolean;
  hugeTotalCount: boolean;
  duplicateRecords: boolean;
  emptyPage: boolean;
  writeNoop: boolean;
}

/** The fault configuration with its per-rule counters. */
export class FaultPlan {
  private readonly seen: number[];
  private readonly fired: number[];

  constructor(readonly faults: Faults) {
    const n = faults.rules?.length ?? 0;
    this.seen = new Array<number>(n).fill(0);
    this.fired = new Array<number>(n).fill(0);
  }

  /** Counts the request against every matching rule and says which rules fire for it. */
  evaluate(method: string, path: string, requestClass: RequestClass): FiredFaults {
    const result: FiredFaults = {
      transport: null,
      hasMoreForever: false,
      endlessNewRecords: false,
      hugeTotalCount: false,
      duplicateRecords: false,
      emptyPage: false,
      writeNoop: false,
    };
    (this.faults.rules ?? []).forEach((rule, i) => {
      if (rule.match?.method && rule.match.method.toUpperCase() !== method.toUpperCase()) return;
      if (rule.match?.path && !path.includes(rule.match.path)) return;
      const classes = BEHAVIOUR_CLASSES[rule.kind];
      if (classes && !classes.includes(requestClass)) return;
      const seen = ++this.seen[i]!;
      if (seen <= (rule.after ?? 0)) return;
      const times = rule.times ?? (rule.kind === 'empty-page' ? 1 : Infinity);
      if (this.fired[i]! >= times) return;
      this.fired[i]!++;
      if (rule.kind === 'has-more-forever') result.hasMoreForever = true;
      else if (rule.kind === 'has-more-forever-new-ids') result.endlessNewRecords = true;
      else if (rule.kind === 'huge-total-count') result.hugeTotalCount = true;
      else if (rule.kind === 'duplicate-records') result.duplicateRecords = true;
      else if (rule.kind === 'empty-page') result.emptyPage = true;
      else if (rule.kind === 'write-noop') result.writeNoop = true;
      else result.transport ??= rule;
    });
    return result;
  }
}

/** ServiceTitan's per-tenant limit over a rolling second. */
export class RollingRateLimiter {
  private readonly admitted = new Map<string, number[]>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** True when the request may go on; false when it is over the limit (and is not counted). */
  admit(key: string, perSecond: number): boolean {
    const now = this.clock();
    const recent = (this.admitted.get(key) ?? []).filter((t) => now - t < 1000);
    const allowed = recent.length < perSecond;
    if (allowed) recent.push(now);
    this.admitted.set(key, recent);
    return allowed;
  }
}
