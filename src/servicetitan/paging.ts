/**
 * Reading every record of a list or export endpoint. A snapshot is never partial: any page that
 * cannot be read, or paging that does not end, throws.
 */
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { invalidResponseError, ServiceTitanRuntimeError, type ServiceTitanErrorDetails } from './errors.js';
import type { ClientStats, ServiceTitanHttp } from './http.js';
import { describeIssue, ExportPage, ListPage } from './records.js';
import type { RetryBudget } from './retry.js';
import { tenantPath, type ServiceTitanConnection } from './settings.js';

export interface PagingContext {
  http: ServiceTitanHttp;
  connection: ServiceTitanConnection;
  budget: RetryBudget;
  logger: Logger;
  stats: ClientStats;
  pageSize: number;
}

export interface PagedRecords<T> {
  records: T[];
  warnings: string[];
}

interface ReadPage<T> {
  records: T[];
  hasMore: boolean;
  totalCount: number | null;
}

/**
 * All records of a list endpoint, active and inactive (`active` defaults to active-only). After
 * page 1 the page count is known from `totalCount` and the size actually granted (the number of
 * items on page 1: ServiceTitan may grant fewer than asked while echoing the asked size), so the
 * remaining pages are fetched in parallel; `hasMore` is still followed if the server says more.
 */
export async function readList<T extends { id: number }>(
  ctx: PagingContext,
  resource: string,
  schema: z.ZodType<T>,
  what: string,
): Promise<PagedRecords<T>> {
  const first = await readListOnce(ctx, resource, schema, what);
  if (first.complete) return first;
  // Fewer distinct records than the reported total: pages shifted while they were read in
  // parallel (a record added or removed, or an inserted empty page), so some were missed.
  // A second pass sees the list as it is now; if that is short too, the audit cannot trust it.
  ctx.logger.debug(
    `${what}: ${first.records.length} of ${first.totalCount} records read; reading the list again`,
  );
  const second = await readListOnce(ctx, resource, schema, what);
  if (second.complete) return second;
  const path = tenantPath(ctx.connection, resource);
  throw new ServiceTitanRuntimeError(
    'servicetitan.paging-incomplete',
    `GET ${path} reported ${second.totalCount} records but only ${second.records.length} could be read, twice.`,
    'ServiceTitan changed the list while it was being read, or its totals are wrong; rerun later. No partial data was used.',
    { method: 'GET', path },
  );
}

async function readListOnce<T extends { id: number }>(
  ctx: PagingContext,
  resource: string,
  schema: z.ZodType<T>,
  what: string,
): Promise<PagedRecords<T> & { complete: boolean; totalCount: number | null }> {
  const details: ServiceTitanErrorDetails = { method: 'GET', path: tenantPath(ctx.connection, resource) };
  const pages = new Map<number, T[]>();
  let fetched = 0;
  const readPage = async (page: number): Promise<ReadPage<T>> => {
    const body = await ctx.http.get(
      resource,
      { active: 'Any', page, pageSize: ctx.pageSize, includeTotal: true },
      ctx.budget,
    );
    ctx.stats.pages++;
    const parsed = parsePage(ListPage, body, details, `page ${page}`);
    const records = parsed.data.map((r, i) =>
      parseRecord(schema, r, details, `record ${i + 1} on page ${page}`),
    );
    return { records, hasMore: parsed.hasMore ?? false, totalCount: parsed.totalCount ?? null };
  };
  const fetchPage = async (page: number): Promise<ReadPage<T>> => {
    let read = await readPage(page);
    if (read.records.length === 0 && read.hasMore) {
      // an empty page that says more follows would silently lose its records: ask once more
      ctx.logger.debug(
        `${details.method} ${details.path}: page ${page} was empty but said hasMore; asking again`,
      );
      read = await readPage(page);
      if (read.records.length === 0 && read.hasMore) {
        throw pagingLoop(details, `said hasMore on page ${page} twice without any record`);
      }
    }
    pages.set(page, read.records);
    fetched += read.records.length;
    ctx.logger.progress?.(what, fetched, read.totalCount ?? undefined);
    return read;
  };

  const first = await fetchPage(1);
  let last = first;
  let lastPage = 1;
  const granted = first.records.length;
  let pageLimit = Infinity;
  if (first.hasMore && first.totalCount !== null && granted > 0) {
    const expected = Math.ceil(first.totalCount / granted);
    pageLimit = expected + 2;
    const rest: number[] = [];
    for (let page = 2; page <= expected; page++) rest.push(page);
    // the client's concurrency gate and rate limiter bound how many of these run at once
    const answers = await Promise.all(rest.map(fetchPage));
    if (answers.length) {
      last = answers[answers.length - 1]!;
      lastPage = expected;
    }
  }

  const seen = new Set<number>();
  for (const records of pages.values()) for (const r of records) seen.add(r.id);
  let stalled = 0;
  while (last.hasMore) {
    if (lastPage + 1 > pageLimit) {
      throw pagingLoop(
        details,
        `still said hasMore after page ${lastPage}, beyond the ${first.totalCount} records it reported (${granted} per page)`,
      );
    }
    last = await fetchPage(++lastPage);
    // hasMore with nothing new (an empty page or only records already seen): no progress
    const fresh = last.records.filter((r) => !seen.has(r.id));
    for (const r of fresh) seen.add(r.id);
    stalled = fresh.length === 0 && last.hasMore ? stalled + 1 : 0;
    if (stalled >= 2) {
      throw pagingLoop(details, `said hasMore on pages ${lastPage - 1} and ${lastPage} without a new record`);
    }
  }

  const ordered = [...pages.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, records]) => records);
  const result = dedupe(ordered, what, 'first');
  const complete = first.totalCount === null || result.records.length >= first.totalCount;
  return { ...result, complete, totalCount: first.totalCount };
}

/**
 * All records of an export feed (`from` = the previous `continueFrom`). Export feeds include
 * inactive users, but are sequential by nature: each page needs the previous page's token.
 */
export async function readExport<T extends { id: number }>(
  ctx: PagingContext,
  resource: string,
  schema: z.ZodType<T>,
  what: string,
): Promise<PagedRecords<T>> {
  const details: ServiceTitanErrorDetails = { method: 'GET', path: tenantPath(ctx.connection, resource) };
  const records: T[] = [];
  const tokens = new Set<string>();
  let from: string | undefined;
  let emptyInARow = 0;
  for (let page = 1; ; page++) {
    const body = await ctx.http.get(resource, { from, includeRecentChanges: false }, ctx.budget);
    ctx.stats.pages++;
    const parsed = parsePage(ExportPage, body, details, `page ${page}`);
    parsed.data.forEach((r, i) =>
      records.push(parseRecord(schema, r, details, `record ${i + 1} on page ${page}`)),
    );
    ctx.logger.progress?.(what, records.length);
    if (!parsed.hasMore) break;
    const next = parsed.continueFrom;
    if (!next) throw invalidResponseError(details, `page ${page} says hasMore but has no continueFrom`);
    // an empty page may hand back the same token ("nothing yet, ask again"), once
    emptyInARow = parsed.data.length === 0 ? emptyInARow + 1 : 0;
    if (emptyInARow >= 2)
      throw pagingLoop(details, `said hasMore on two empty pages in a row (page ${page})`);
    if (parsed.data.length > 0 && (tokens.has(next) || next === from)) {
      throw pagingLoop(details, `returned the continuation token of an earlier page again (page ${page})`);
    }
    tokens.add(next);
    from = next;
  }
  // a record exported twice changed in between; the later copy is the newer state
  return dedupe(records, what, 'last');
}

function dedupe<T extends { id: number }>(
  records: T[],
  what: string,
  keep: 'first' | 'last',
): PagedRecords<T> {
  const byId = new Map<number, T>();
  let duplicates = 0;
  for (const record of records) {
    if (byId.has(record.id)) {
      duplicates++;
      if (keep === 'first') continue;
      byId.delete(record.id);
    }
    byId.set(record.id, record);
  }
  const warnings = duplicates
    ? [
        `${what}: ${duplicates} duplicate record${duplicates === 1 ? '' : 's'} (same id on more than one page) ignored`,
      ]
    : [];
  return { records: [...byId.values()], warnings };
}

function parsePage<S extends z.ZodType>(
  schema: S,
  body: unknown,
  details: ServiceTitanErrorDetails,
  where: string,
): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw invalidResponseError(
      details,
      `${where} is not an object with a data array (${describeIssue(result.error)})`,
    );
  }
  return result.data;
}

export function parseRecord<T>(
  schema: z.ZodType<T>,
  value: unknown,
  details: ServiceTitanErrorDetails,
  where: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw invalidResponseError(details, `${where} is unreadable (${describeIssue(result.error)})`);
  return result.data;
}

function pagingLoop(details: ServiceTitanErrorDetails, what: string): ServiceTitanRuntimeError {
  return new ServiceTitanRuntimeError(
    'servicetitan.paging-loop',
    `${details.method} ${details.path} ${what}; stopped to avoid reading forever.`,
    'ServiceTitan did not finish paging; rerun later. No partial data was used.',
    details,
  );
}
