/**
 * Reading every record of a list or export endpoint. A snapshot is never partial: any page that
 * cannot be read, or paging that does not end, throws. Each record is checked and turned into what
 * the caller keeps (`keep`) as its page arrives, so a page's parsed JSON is garbage once it is
 * read: the memory held is the kept records', not every page's answer.
 */
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { invalidResponseError, ServiceTitanRuntimeError, type ServiceTitanErrorDetails } from './errors.js';
import type { ClientStats, Query, ServiceTitanHttp } from './http.js';
import type { RecordReader } from './record-reader.js';
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
  /** shared by every list of one operation */
  allowance: PagingAllowance;
  /** see ClientTuning.openPagingMs */
  openPagingMs: number;
  /** ms, for openPagingMs */
  now: () => number;
}

/**
 * What one operation may read, whatever the server claims: pages bound the requests (and so the
 * time), records the memory. A server's totalCount is checked against it before any later page
 * is asked for, so a claimed total never sizes an allocation or a batch of requests.
 */
export class PagingAllowance {
  pages = 0;
  records = 0;

  constructor(
    readonly maxPages: number,
    readonly maxRecords: number,
  ) {}

  get pagesLeft(): number {
    return Math.max(0, this.maxPages - this.pages);
  }

  get recordsLeft(): number {
    return Math.max(0, this.maxRecords - this.records);
  }
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
 * All records of a list endpoint, active and inactive (`active` defaults to active-only), with
 * the endpoint's own `filters` (such as `employeeType`) added to the query. After
 * page 1 the page count is known from `totalCount` and the size actually granted (the number of
 * items on page 1: ServiceTitan may grant fewer than asked while echoing the asked size), so the
 * remaining pages are fetched in parallel; `hasMore` is still followed if the server says more.
 * Each record read is kept as `keep` makes it (by default as read); records are told apart by id.
 */
export async function readList<T extends { id: number }, K extends { id: number } = T>(
  ctx: PagingContext,
  resource: string,
  reader: RecordReader<T>,
  what: string,
  filters: Query = {},
  keep: (record: T) => K = (record) => record as unknown as K,
): Promise<PagedRecords<K>> {
  const first = await readListOnce(ctx, resource, reader, what, filters, keep);
  if (first.complete) return first;
  // Fewer distinct records than the reported total: pages shifted while they were read in
  // parallel (a record added or removed, or an inserted empty page), so some were missed.
  // A second pass sees the list as it is now; if that is short too, the audit cannot trust it.
  ctx.logger.debug(
    `${what}: ${first.records.length} of ${first.totalCount} records read; reading the list again`,
  );
  const second = await readListOnce(ctx, resource, reader, what, filters, keep);
  if (second.complete) return second;
  const path = tenantPath(ctx.connection, resource);
  throw new ServiceTitanRuntimeError(
    'servicetitan.paging-incomplete',
    `GET ${path} reported ${second.totalCount} records but only ${second.records.length} could be read, twice.`,
    'ServiceTitan changed the list while it was being read, or its totals are wrong; rerun later. No partial data was used.',
    { method: 'GET', path },
  );
}

async function readListOnce<T extends { id: number }, K extends { id: number }>(
  ctx: PagingContext,
  resource: string,
  reader: RecordReader<T>,
  what: string,
  filters: Query,
  keepAs: (record: T) => K,
): Promise<PagedRecords<K> & { complete: boolean; totalCount: number | null }> {
  const details: ServiceTitanErrorDetails = { method: 'GET', path: tenantPath(ctx.connection, resource) };
  const startedAt = ctx.now();
  const pages = new Map<number, K[]>();
  let fetched = 0;
  // set when this read failed: the later pages still queued are not sent
  let failed = false;
  // The page's envelope only: its records are read by `keep`, so that page 1's records are
  // checked while the later pages are already on their way rather than before they are asked.
  const readPage = async (page: number): Promise<ReadPage<unknown>> => {
    if (failed) throw new Error(`${details.method} ${details.path}: page ${page} not read, the list failed`);
    takePage(ctx, details);
    const body = await ctx.http.get(
      resource,
      { ...filters, active: 'Any', page, pageSize: ctx.pageSize, includeTotal: true },
      ctx.budget,
    );
    ctx.stats.pages++;
    const parsed = parsePage(ListPage, body, details, `page ${page}`);
    return { records: parsed.data, hasMore: parsed.hasMore ?? false, totalCount: parsed.totalCount ?? null };
  };
  const fetchPage = async (page: number): Promise<ReadPage<unknown>> => {
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
    return read;
  };
  const keep = (page: number, read: ReadPage<unknown>): ReadPage<K> => {
    const records = read.records.map((r, i) =>
      keepAs(parseRecord(reader, r, details, `record ${i + 1} on page ${page}`)),
    );
    takeRecords(ctx, details, records.length);
    pages.set(page, records);
    fetched += records.length;
    ctx.logger.progress?.(what, fetched, read.totalCount ?? undefined);
    return { ...read, records };
  };

  /** Page 1 read and kept, and the later pages on their way; page 1's JSON is not held past it. */
  const start = async () => {
    const firstPage = await fetchPage(1);
    let lastPage = 1;
    const granted = firstPage.records.length;
    let pageLimit = Infinity;
    let rest: Promise<ReadPage<K>[]> = Promise.resolve([]);
    if (firstPage.hasMore && firstPage.totalCount !== null && granted > 0) {
      const expected = Math.ceil(firstPage.totalCount / granted);
      // a total beyond the allowance is refused before any later page is asked for
      checkTotal(ctx, details, firstPage.totalCount, granted, expected);
      pageLimit = expected + 2;
      const later: number[] = [];
      for (let page = 2; page <= expected; page++) later.push(page);
      // the client's concurrency gate and rate limiter bound how many of these run at once
      rest = Promise.all(later.map(async (page) => keep(page, await fetchPage(page))));
      lastPage = Math.max(1, expected);
      // page 1 may turn out unreadable below; the later pages' outcome is then of no interest
      rest.catch(() => {
        failed = true;
      });
    }
    try {
      return { first: keep(1, firstPage), lastPage, granted, pageLimit, rest };
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const started = await start();
  const { first, granted, pageLimit, rest } = started;
  let { lastPage } = started;
  const answers = await rest;
  let last = answers.length ? answers[answers.length - 1]! : first;

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
    if (first.totalCount === null) checkOpenPaging(ctx, details, startedAt, lastPage);
    const page = ++lastPage;
    last = keep(page, await fetchPage(page));
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
export async function readExport<T extends { id: number }, K extends { id: number } = T>(
  ctx: PagingContext,
  resource: string,
  reader: RecordReader<T>,
  what: string,
  keep: (record: T) => K = (record) => record as unknown as K,
): Promise<PagedRecords<K>> {
  const details: ServiceTitanErrorDetails = { method: 'GET', path: tenantPath(ctx.connection, resource) };
  const records: K[] = [];
  const tokens = new Set<string>();
  const startedAt = ctx.now();
  let from: string | undefined;
  let emptyInARow = 0;
  for (let page = 1; ; page++) {
    // an export feed has no total: it is read one page at a time, for a bounded time
    if (page > 1) checkOpenPaging(ctx, details, startedAt, page - 1);
    takePage(ctx, details);
    const body = await ctx.http.get(resource, { from, includeRecentChanges: false }, ctx.budget);
    ctx.stats.pages++;
    const parsed = parsePage(ExportPage, body, details, `page ${page}`);
    takeRecords(ctx, details, parsed.data.length);
    parsed.data.forEach((r, i) =>
      records.push(keep(parseRecord(reader, r, details, `record ${i + 1} on page ${page}`))),
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
  reader: RecordReader<T>,
  value: unknown,
  details: ServiceTitanErrorDetails,
  where: string,
): T {
  const quick = reader.read(value);
  if (quick !== undefined) return quick;
  const result = reader.schema.safeParse(value);
  if (!result.success)
    throw invalidResponseError(details, `${where} is unreadable (${describeIssue(result.error)})`);
  return result.data;
}

/** Counts one more page against the allowance, before it is asked for. */
function takePage(ctx: PagingContext, details: ServiceTitanErrorDetails): void {
  const { allowance } = ctx;
  if (allowance.pages >= allowance.maxPages) {
    throw pagingLimit(
      details,
      `still had pages to read when the run had read ${allowance.maxPages} pages, the most it reads (max-pages)`,
      'max-pages',
    );
  }
  allowance.pages++;
}

/** Counts a page's records against the allowance, before they are kept. */
function takeRecords(ctx: PagingContext, details: ServiceTitanErrorDetails, count: number): void {
  const { allowance } = ctx;
  if (count > allowance.recordsLeft) {
    throw pagingLimit(
      details,
      `sent more records than the ${allowance.maxRecords} the run reads at most (max-records)`,
      'max-records',
    );
  }
  allowance.records += count;
}

/** A total (checked after page 1) that the allowance cannot hold is refused at once. */
function checkTotal(
  ctx: PagingContext,
  details: ServiceTitanErrorDetails,
  totalCount: number,
  granted: number,
  expected: number,
): void {
  const { allowance } = ctx;
  if (totalCount > allowance.recordsLeft) {
    throw pagingLimit(
      details,
      `reported ${totalCount} records, more than the ${allowance.maxRecords} the run reads at most (max-records)`,
      'max-records',
    );
  }
  // page 1 is already counted
  if (expected - 1 > allowance.pagesLeft) {
    throw pagingLimit(
      details,
      `reported ${totalCount} records at ${granted} per page: ${expected} pages, more than the ${allowance.maxPages} the run reads at most (max-pages)`,
      'max-pages',
    );
  }
}

/** Following `hasMore` with no total to go by: given up on after `openPagingMs`, like a failing server. */
function checkOpenPaging(
  ctx: PagingContext,
  details: ServiceTitanErrorDetails,
  startedAt: number,
  pagesRead: number,
): void {
  const elapsed = ctx.now() - startedAt;
  if (elapsed > ctx.openPagingMs) {
    throw pagingLimit(
      details,
      `still said hasMore after ${pagesRead} pages and ${Math.round(elapsed / 1000)} s, with no total to go by`,
      null,
    );
  }
}

function pagingLimit(
  details: ServiceTitanErrorDetails,
  what: string,
  setting: 'max-pages' | 'max-records' | null,
): ServiceTitanRuntimeError {
  const raise = setting
    ? `If the tenant really is that large, raise \`${setting}\` (--${setting}); if not, `
    : '';
  return new ServiceTitanRuntimeError(
    'servicetitan.paging-limit',
    `${details.method} ${details.path} ${what}; stopped without reading the rest.`,
    `${raise}ServiceTitan (or a proxy in front of it) is paging wrongly: rerun later, and report it with a debug log if it persists. No partial data was used.`,
    details,
  );
}

function pagingLoop(details: ServiceTitanErrorDetails, what: string): ServiceTitanRuntimeError {
  return new ServiceTitanRuntimeError(
    'servicetitan.paging-loop',
    `${details.method} ${details.path} ${what}; stopped to avoid reading forever.`,
    'ServiceTitan did not finish paging; rerun later. No partial data was used.',
    details,
  );
}
