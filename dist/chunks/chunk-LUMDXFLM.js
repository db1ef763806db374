import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ConcurrencyGate,
  sharedLimiter,
  sleep
} from "./chunk-ZCJTFQUK.js";
import {
  AccessTokens,
  connectionCause
} from "./chunk-ANGAKLR6.js";
import {
  ServiceTitanRuntimeError,
  connectionSecrets,
  errorForStatus,
  invalidResponseError,
  parseProblem,
  unavailableError
} from "./chunk-UZRWYWPK.js";
import {
  RetryBudget,
  gatewayWaitMs,
  retryAfterMs,
  withRetries
} from "./chunk-5B2J2IDX.js";
import {
  apiRoot,
  resolveTuning,
  tenantPath
} from "./chunk-MJBVRMUS.js";
import {
  external_exports
} from "./chunk-5VFH7U4S.js";
import {
  require_undici
} from "./chunk-N5BF7DY7.js";
import {
  __toESM
} from "./chunk-WD5L72B6.js";

// src/servicetitan/client.ts
var import_undici2 = __toESM(require_undici(), 1);

// src/logger.ts
var silentLogger = {
  debug() {
  },
  info() {
  },
  warning() {
  },
  error() {
  },
  group: (_name, fn) => fn()
};

// src/servicetitan/http.ts
var import_undici = __toESM(require_undici(), 1);
var ServiceTitanHttp = class {
  constructor(options) {
    this.options = options;
  }
  options;
  /** GET a tenant resource (`/employees`) and return its parsed JSON body. */
  get(resource, query, budget) {
    return this.send("GET", resource, query, void 0, budget);
  }
  /** PATCH or POST a JSON body; the parsed answer, or null when it has none. */
  write(method, resource, body, budget) {
    return this.send(method, resource, {}, body, budget);
  }
  async send(method, resource, query, body, budget) {
    const { connection, tuning, logger, tokens, stats } = this.options;
    const path = tenantPath(connection, resource);
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== void 0) search.set(key, String(value));
    const url = `${apiRoot(connection)}${path}${search.size ? `?${search}` : ""}`;
    const isWrite = method !== "GET";
    const details = { method, path };
    const label = `${method} ${path}`;
    let refreshedAfter401 = false;
    const attempt = async (timeoutMs) => {
      const token = await tokens.get(budget);
      return this.options.gate.run(async () => {
        const release = await this.options.limiter.acquire();
        stats.requests++;
        let status;
        let headers;
        let text2;
        try {
          const res = await (0, import_undici.request)(url, {
            method,
            dispatcher: this.options.dispatcher,
            headers: {
              authorization: `Bearer ${token}`,
              "st-app-key": connection.appKey,
              accept: "application/json",
              ...isWrite ? { "content-type": "application/json" } : {}
            },
            body: isWrite ? JSON.stringify(body) : void 0,
            signal: AbortSignal.timeout(timeoutMs),
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs
          });
          status = res.statusCode;
          headers = res.headers;
          text2 = await res.body.text();
        } catch (error2) {
          release();
          const cause = connectionCause(error2, timeoutMs);
          return {
            ok: false,
            retry: !isWrite,
            reason: cause,
            error: (n) => unavailableError(details, cause, n)
          };
        }
        release();
        if (status >= 200 && status < 300) return this.parseSuccess(text2, isWrite, details);
        const problem = parseProblem(text2, connectionSecrets(connection, tokens.issued));
        const failed = { ...details, status, serviceTitanMessage: problem.message, traceId: problem.traceId };
        const error = (n) => errorForStatus({ details: failed, tenant: connection.tenant, write: isWrite, body }, n);
        if (status === 401 && !refreshedAfter401) {
          refreshedAfter401 = true;
          tokens.invalidate(token);
          return { ok: false, retry: true, free: true, reason: "401, fetching a new access token", error };
        }
        if (status === 429) {
          const waitMs2 = retryAfterMs(headers["retry-after"]) ?? gatewayWaitMs(problem.message) ?? void 0;
          return { ok: false, retry: true, waitMs: waitMs2, status, reason: "429 (rate limited)", error };
        }
        const retry = isWrite ? status === 503 : status >= 500;
        const waitMs = retry ? retryAfterMs(headers["retry-after"]) ?? void 0 : void 0;
        return { ok: false, retry, waitMs, status, reason: `${status}`, error };
      });
    };
    return withRetries(attempt, {
      budget,
      maxRetries: tuning.maxRetries,
      timeoutMs: tuning.timeoutMs,
      label,
      logger,
      sleep: this.options.sleep,
      onRetry: () => stats.retries++
    });
  }
  parseSuccess(text2, isWrite, details) {
    if (isWrite && !text2.trim()) return { ok: true, value: null };
    try {
      return { ok: true, value: JSON.parse(text2) };
    } catch {
      if (isWrite) return { ok: true, value: null };
      return {
        ok: false,
        retry: true,
        reason: "the answer is not valid JSON (truncated?)",
        error: () => invalidResponseError(details, "the answer is not valid JSON")
      };
    }
  }
};

// src/servicetitan/records.ts
var optionalText = external_exports.string().nullish().catch(null);
var optionalInt = external_exports.number().int().nullish().catch(null);
var Permission = external_exports.looseObject({
  id: external_exports.number().int(),
  value: external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()]).nullish()
});
var CustomField = external_exports.looseObject({ typeId: optionalInt, name: optionalText, value: optionalText });
var UserRecord = external_exports.looseObject({
  id: external_exports.number().int(),
  userId: optionalInt,
  name: optionalText,
  // employees only: the deprecated built-in role enum
  role: optionalText,
  roleIds: external_exports.array(external_exports.number().int()).nullish(),
  businessUnitId: optionalInt,
  email: optionalText,
  loginName: optionalText,
  customFields: external_exports.array(CustomField).nullish().catch(null),
  active: external_exports.boolean().nullish().catch(null),
  aadUserId: optionalText,
  // "Array may contain Nones" (a public ServiceTitan connector's note): a null entry is skipped
  permissions: external_exports.array(Permission.nullable()).nullish(),
  accountLocked: external_exports.boolean().nullish().catch(null),
  // technicians only: managed or not, which decides the licence type `Activate` needs
  isManagedTech: external_exports.boolean().nullish().catch(null)
});
var RoleRecord = external_exports.looseObject({
  id: external_exports.number().int(),
  name: optionalText,
  active: external_exports.boolean().nullish().catch(null),
  employeeType: optionalText
});
var BusinessUnitRecord = external_exports.looseObject({
  id: external_exports.number().int(),
  name: optionalText,
  active: external_exports.boolean().nullish().catch(null)
});
var ListPage = external_exports.looseObject({
  data: external_exports.array(external_exports.unknown()),
  hasMore: external_exports.boolean().nullish().catch(null),
  totalCount: external_exports.number().int().nonnegative().nullish().catch(null)
});
var ExportPage = external_exports.looseObject({
  data: external_exports.array(external_exports.unknown()),
  hasMore: external_exports.boolean().nullish().catch(null),
  continueFrom: external_exports.string().nullish().catch(null)
});
function describeIssue(error) {
  const issue = error.issues[0];
  if (!issue) return "unreadable";
  const where = issue.path.length ? issue.path.join(".") : "the value";
  return `${where}: ${issue.message}`;
}
function text(value) {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
var PermissionSets = class {
  byHash = /* @__PURE__ */ new Map();
  nullEntries = 0;
  listsWithNulls = 0;
  /** The user's permissions object, its null entries counted. */
  of(list) {
    const nulls = nullEntriesIn(list);
    if (nulls > 0) {
      this.nullEntries += nulls;
      this.listsWithNulls++;
    }
    return this.intern(list);
  }
  /** The user's permissions object, shared with every other list equal to this one; nothing counted. */
  intern(list) {
    const entries = list ?? [];
    let hash = entries.length;
    for (const p of entries) {
      if (p === null) {
        hash = Math.imul(hash, 31) + 7 | 0;
        continue;
      }
      hash = Math.imul(hash, 31) + p.id | 0;
      const value = valueText(p.value);
      if (value === null) hash = Math.imul(hash, 31) + 1 | 0;
      else for (let i = 0; i < value.length; i++) hash = Math.imul(hash, 31) + value.charCodeAt(i) | 0;
    }
    const bucket = this.byHash.get(hash) ?? [];
    const known = bucket.find((set) => sameList(set.list, entries));
    if (known) return known.permissions;
    const permissions = {};
    for (const p of entries) if (p !== null) permissions[p.id] = valueText(p.value);
    Object.freeze(permissions);
    bucket.push({ list: entries, permissions });
    this.byHash.set(hash, bucket);
    return permissions;
  }
};
function nullEntriesIn(list) {
  let nulls = 0;
  for (const p of list ?? []) if (p === null) nulls++;
  return nulls;
}
function valueText(value) {
  return value === null || value === void 0 ? null : String(value);
}
function sameList(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null) {
      if (x !== y) return false;
      continue;
    }
    if (x.id !== y.id || valueText(x.value) !== valueText(y.value)) return false;
  }
  return true;
}
function toTenantUser(kind, record, roleNames, businessUnitNames, permissionSets = new PermissionSets()) {
  const user = compactUser(kind, record, permissionSets.of(record.permissions));
  nameUser(user, roleNames, businessUnitNames);
  return user;
}
var SharedLists = class {
  ids = /* @__PURE__ */ new Map();
  names = /* @__PURE__ */ new Map();
  noCustomFields = Object.freeze(
    []
  );
  roleIds(list) {
    const key = list.join(",");
    let shared = this.ids.get(key);
    if (!shared) {
      shared = Object.freeze([...list]);
      this.ids.set(key, shared);
    }
    return shared;
  }
  /** The names of a shared list of role ids (see `nameUser`). */
  roleNames(ids, names) {
    let shared = this.names.get(ids);
    if (!shared) {
      shared = Object.freeze(ids.map((id) => names.get(id) ?? `#${id}`));
      this.names.set(ids, shared);
    }
    return shared;
  }
};
function compactUser(kind, record, permissions, shared) {
  const ids = record.roleIds ?? [];
  const roleIds = shared ? shared.roleIds(ids) : ids;
  const fields = record.customFields ?? [];
  return {
    kind,
    id: record.id,
    userId: record.userId ?? null,
    name: record.name ?? "",
    email: text(record.email),
    login: text(record.loginName),
    // a record without `active` is treated as active, so rules still look at it
    active: record.active ?? true,
    locked: record.accountLocked ?? false,
    role: kind === "employee" ? text(record.role) : null,
    roleIds,
    roles: [],
    businessUnitId: record.businessUnitId ?? null,
    businessUnit: null,
    permissions,
    customFields: shared && fields.length === 0 ? shared.noCustomFields : fields.map((f) => ({
      typeId: f.typeId ?? null,
      name: f.name ?? null,
      value: f.value ?? null
    })),
    aadUserId: text(record.aadUserId),
    licenseType: kind === "technician" ? technicianLicenseType(record.isManagedTech) : null
  };
}
function nameUser(user, roleNames, businessUnitNames, shared) {
  user.roles = shared ? shared.roleNames(user.roleIds, roleNames) : user.roleIds.map((id) => roleNames.get(id) ?? `#${id}`);
  user.businessUnit = user.businessUnitId === null ? null : businessUnitNames.get(user.businessUnitId) ?? null;
}
function technicianLicenseType(isManagedTech) {
  if (isManagedTech === true) return "ManagedTechnician";
  if (isManagedTech === false) return "NonManagedTechnician";
  return null;
}
function toUserRole(record) {
  return {
    id: record.id,
    name: record.name ?? `#${record.id}`,
    active: record.active ?? true,
    employeeType: record.employeeType ?? ""
  };
}
function toBusinessUnit(record) {
  return { id: record.id, name: record.name ?? `#${record.id}`, active: record.active ?? true };
}

// src/servicetitan/paging.ts
var PagingAllowance = class {
  constructor(maxPages, maxRecords) {
    this.maxPages = maxPages;
    this.maxRecords = maxRecords;
  }
  maxPages;
  maxRecords;
  pages = 0;
  records = 0;
  get pagesLeft() {
    return Math.max(0, this.maxPages - this.pages);
  }
  get recordsLeft() {
    return Math.max(0, this.maxRecords - this.records);
  }
};
async function readList(ctx, resource, reader, what, filters = {}, keep = (record) => record) {
  const first = await readListOnce(ctx, resource, reader, what, filters, keep);
  if (first.complete) return first;
  ctx.logger.debug(
    `${what}: ${first.records.length} of ${first.totalCount} records read; reading the list again`
  );
  const second = await readListOnce(ctx, resource, reader, what, filters, keep);
  if (second.complete) return second;
  const path = tenantPath(ctx.connection, resource);
  throw new ServiceTitanRuntimeError(
    "servicetitan.paging-incomplete",
    `GET ${path} reported ${second.totalCount} records but only ${second.records.length} could be read, twice.`,
    "ServiceTitan changed the list while it was being read, or its totals are wrong; rerun later. No partial data was used.",
    { method: "GET", path }
  );
}
async function readListOnce(ctx, resource, reader, what, filters, keepAs) {
  const details = { method: "GET", path: tenantPath(ctx.connection, resource) };
  const startedAt = ctx.now();
  const pages = /* @__PURE__ */ new Map();
  let fetched = 0;
  let failed = false;
  const readPage = async (page) => {
    if (failed) throw new Error(`${details.method} ${details.path}: page ${page} not read, the list failed`);
    takePage(ctx, details);
    const body = await ctx.http.get(
      resource,
      { ...filters, active: "Any", page, pageSize: ctx.pageSize, includeTotal: true },
      ctx.budget
    );
    ctx.stats.pages++;
    const parsed = parsePage(ListPage, body, details, `page ${page}`);
    return { records: parsed.data, hasMore: parsed.hasMore ?? false, totalCount: parsed.totalCount ?? null };
  };
  const fetchPage = async (page) => {
    let read = await readPage(page);
    if (read.records.length === 0 && read.hasMore) {
      ctx.logger.debug(
        `${details.method} ${details.path}: page ${page} was empty but said hasMore; asking again`
      );
      read = await readPage(page);
      if (read.records.length === 0 && read.hasMore) {
        throw pagingLoop(details, `said hasMore on page ${page} twice without any record`);
      }
    }
    return read;
  };
  const keep = (page, read) => {
    const records = read.records.map(
      (r, i) => keepAs(parseRecord(reader, r, details, `record ${i + 1} on page ${page}`))
    );
    takeRecords(ctx, details, records.length);
    pages.set(page, records);
    fetched += records.length;
    ctx.logger.progress?.(what, fetched, read.totalCount ?? void 0);
    return { ...read, records };
  };
  const start = async () => {
    const firstPage = await fetchPage(1);
    let lastPage2 = 1;
    const granted2 = firstPage.records.length;
    let pageLimit2 = Infinity;
    let rest2 = Promise.resolve([]);
    if (firstPage.hasMore && firstPage.totalCount !== null && granted2 > 0) {
      const expected = Math.ceil(firstPage.totalCount / granted2);
      checkTotal(ctx, details, firstPage.totalCount, granted2, expected);
      pageLimit2 = expected + 2;
      const later = [];
      for (let page = 2; page <= expected; page++) later.push(page);
      rest2 = Promise.all(later.map(async (page) => keep(page, await fetchPage(page))));
      lastPage2 = Math.max(1, expected);
      rest2.catch(() => {
        failed = true;
      });
    }
    try {
      return { first: keep(1, firstPage), lastPage: lastPage2, granted: granted2, pageLimit: pageLimit2, rest: rest2 };
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const started = await start();
  const { first, granted, pageLimit, rest } = started;
  let { lastPage } = started;
  const answers = await rest;
  let last = answers.length ? answers[answers.length - 1] : first;
  const seen = /* @__PURE__ */ new Set();
  for (const records of pages.values()) for (const r of records) seen.add(r.id);
  let stalled = 0;
  while (last.hasMore) {
    if (lastPage + 1 > pageLimit) {
      throw pagingLoop(
        details,
        `still said hasMore after page ${lastPage}, beyond the ${first.totalCount} records it reported (${granted} per page)`
      );
    }
    if (first.totalCount === null) checkOpenPaging(ctx, details, startedAt, lastPage);
    const page = ++lastPage;
    last = keep(page, await fetchPage(page));
    const fresh = last.records.filter((r) => !seen.has(r.id));
    for (const r of fresh) seen.add(r.id);
    stalled = fresh.length === 0 && last.hasMore ? stalled + 1 : 0;
    if (stalled >= 2) {
      throw pagingLoop(details, `said hasMore on pages ${lastPage - 1} and ${lastPage} without a new record`);
    }
  }
  const ordered = [...pages.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, records]) => records);
  const result = dedupe(ordered, what, "first");
  const complete = first.totalCount === null || result.records.length >= first.totalCount;
  return { ...result, complete, totalCount: first.totalCount };
}
async function readExport(ctx, resource, reader, what, keep = (record) => record) {
  const details = { method: "GET", path: tenantPath(ctx.connection, resource) };
  const records = [];
  const tokens = /* @__PURE__ */ new Set();
  const startedAt = ctx.now();
  let from;
  let emptyInARow = 0;
  for (let page = 1; ; page++) {
    if (page > 1) checkOpenPaging(ctx, details, startedAt, page - 1);
    takePage(ctx, details);
    const body = await ctx.http.get(resource, { from, includeRecentChanges: false }, ctx.budget);
    ctx.stats.pages++;
    const parsed = parsePage(ExportPage, body, details, `page ${page}`);
    takeRecords(ctx, details, parsed.data.length);
    parsed.data.forEach(
      (r, i) => records.push(keep(parseRecord(reader, r, details, `record ${i + 1} on page ${page}`)))
    );
    ctx.logger.progress?.(what, records.length);
    if (!parsed.hasMore) break;
    const next = parsed.continueFrom;
    if (!next) throw invalidResponseError(details, `page ${page} says hasMore but has no continueFrom`);
    emptyInARow = parsed.data.length === 0 ? emptyInARow + 1 : 0;
    if (emptyInARow >= 2)
      throw pagingLoop(details, `said hasMore on two empty pages in a row (page ${page})`);
    if (parsed.data.length > 0 && (tokens.has(next) || next === from)) {
      throw pagingLoop(details, `returned the continuation token of an earlier page again (page ${page})`);
    }
    tokens.add(next);
    from = next;
  }
  return dedupe(records, what, "last");
}
function dedupe(records, what, keep) {
  const byId = /* @__PURE__ */ new Map();
  let duplicates = 0;
  for (const record of records) {
    if (byId.has(record.id)) {
      duplicates++;
      if (keep === "first") continue;
      byId.delete(record.id);
    }
    byId.set(record.id, record);
  }
  const warnings = duplicates ? [
    `${what}: ${duplicates} duplicate record${duplicates === 1 ? "" : "s"} (same id on more than one page) ignored`
  ] : [];
  return { records: [...byId.values()], warnings };
}
function parsePage(schema, body, details, where) {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw invalidResponseError(
      details,
      `${where} is not an object with a data array (${describeIssue(result.error)})`
    );
  }
  return result.data;
}
function parseRecord(reader, value, details, where) {
  const quick = reader.read(value);
  if (quick !== void 0) return quick;
  const result = reader.schema.safeParse(value);
  if (!result.success)
    throw invalidResponseError(details, `${where} is unreadable (${describeIssue(result.error)})`);
  return result.data;
}
function takePage(ctx, details) {
  const { allowance } = ctx;
  if (allowance.pages >= allowance.maxPages) {
    throw pagingLimit(
      details,
      `still had pages to read when the run had read ${allowance.maxPages} pages, the most it reads (max-pages)`,
      "max-pages"
    );
  }
  allowance.pages++;
}
function takeRecords(ctx, details, count) {
  const { allowance } = ctx;
  if (count > allowance.recordsLeft) {
    throw pagingLimit(
      details,
      `sent more records than the ${allowance.maxRecords} the run reads at most (max-records)`,
      "max-records"
    );
  }
  allowance.records += count;
}
function checkTotal(ctx, details, totalCount, granted, expected) {
  const { allowance } = ctx;
  if (totalCount > allowance.recordsLeft) {
    throw pagingLimit(
      details,
      `reported ${totalCount} records, more than the ${allowance.maxRecords} the run reads at most (max-records)`,
      "max-records"
    );
  }
  if (expected - 1 > allowance.pagesLeft) {
    throw pagingLimit(
      details,
      `reported ${totalCount} records at ${granted} per page: ${expected} pages, more than the ${allowance.maxPages} the run reads at most (max-pages)`,
      "max-pages"
    );
  }
}
function checkOpenPaging(ctx, details, startedAt, pagesRead) {
  const elapsed = ctx.now() - startedAt;
  if (elapsed > ctx.openPagingMs) {
    throw pagingLimit(
      details,
      `still said hasMore after ${pagesRead} pages and ${Math.round(elapsed / 1e3)} s, with no total to go by`,
      null
    );
  }
}
function pagingLimit(details, what, setting) {
  const raise = setting ? `If the tenant really is that large, raise \`${setting}\` (--${setting}); if not, ` : "";
  return new ServiceTitanRuntimeError(
    "servicetitan.paging-limit",
    `${details.method} ${details.path} ${what}; stopped without reading the rest.`,
    `${raise}ServiceTitan (or a proxy in front of it) is paging wrongly: rerun later, and report it with a debug log if it persists. No partial data was used.`,
    details
  );
}
function pagingLoop(details, what) {
  return new ServiceTitanRuntimeError(
    "servicetitan.paging-loop",
    `${details.method} ${details.path} ${what}; stopped to avoid reading forever.`,
    "ServiceTitan did not finish paging; rerun later. No partial data was used.",
    details
  );
}

// src/servicetitan/record-reader.ts
function schemaReader(schema) {
  return {
    schema,
    read: (value) => {
      const result = schema.safeParse(value);
      return result.success ? result.data : void 0;
    }
  };
}
var isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
var isInt = (value) => Number.isSafeInteger(value);
var nullish = (value) => value === null || value === void 0;
var optionalText2 = (value) => typeof value === "string" || nullish(value) ? value : null;
var optionalInt2 = (value) => isInt(value) || nullish(value) ? value : null;
var optionalBoolean = (value) => typeof value === "boolean" || nullish(value) ? value : null;
function permissionsOk(value) {
  if (nullish(value)) return true;
  if (!Array.isArray(value)) return false;
  for (const p of value) {
    if (p === null) continue;
    if (!isObject(p) || !isInt(p.id)) return false;
    const v = p.value;
    if (!(nullish(v) || typeof v === "string" || typeof v === "number" || typeof v === "boolean")) {
      return false;
    }
    if (typeof v === "number" && !Number.isFinite(v)) return false;
  }
  return true;
}
function customFields(value) {
  if (nullish(value)) return value;
  if (!Array.isArray(value) || !value.every(isObject)) return null;
  return value.map((f) => ({
    typeId: optionalInt2(f.typeId),
    name: optionalText2(f.name),
    value: optionalText2(f.value)
  }));
}
var userRecordReader = {
  schema: UserRecord,
  read(value) {
    if (!isObject(value) || !isInt(value.id)) return void 0;
    const roleIds = value.roleIds;
    if (!nullish(roleIds) && !(Array.isArray(roleIds) && roleIds.every(isInt))) return void 0;
    if (!permissionsOk(value.permissions)) return void 0;
    return {
      id: value.id,
      userId: optionalInt2(value.userId),
      name: optionalText2(value.name),
      role: optionalText2(value.role),
      roleIds,
      businessUnitId: optionalInt2(value.businessUnitId),
      email: optionalText2(value.email),
      loginName: optionalText2(value.loginName),
      customFields: customFields(value.customFields),
      active: optionalBoolean(value.active),
      aadUserId: optionalText2(value.aadUserId),
      permissions: value.permissions,
      accountLocked: optionalBoolean(value.accountLocked),
      isManagedTech: optionalBoolean(value.isManagedTech)
    };
  }
};

// src/servicetitan/client.ts
var roleReader = schemaReader(RoleRecord);
var ALL_ROLES = { employeeType: "All" };
var businessUnitReader = schemaReader(BusinessUnitRecord);
function userCollection(kind) {
  return kind === "employee" ? "/employees" : "/technicians";
}
var ServiceTitanClient = class {
  stats = { requests: 0, tokenRequests: 0, retries: 0, pages: 0 };
  connection;
  tuning;
  logger;
  dispatcher;
  ownsDispatcher;
  http;
  now;
  readOnly;
  roleNames = null;
  businessUnitNames = /* @__PURE__ */ new Map();
  constructor(options) {
    this.connection = options.connection;
    this.tuning = resolveTuning(options.tuning);
    this.logger = options.logger ?? silentLogger;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? new import_undici2.EnvHttpProxyAgent();
    this.now = options.now ?? (() => /* @__PURE__ */ new Date());
    this.readOnly = options.readOnly ?? null;
    const sleep2 = options.sleep ?? sleep;
    const tokens = new AccessTokens({
      connection: this.connection,
      tuning: this.tuning,
      dispatcher: this.dispatcher,
      logger: this.logger,
      sleep: sleep2,
      onToken: options.onToken,
      onRequest: () => this.stats.tokenRequests++,
      onRetry: () => this.stats.retries++
    });
    this.http = new ServiceTitanHttp({
      connection: this.connection,
      tuning: this.tuning,
      dispatcher: this.dispatcher,
      logger: this.logger,
      tokens,
      limiter: sharedLimiter(apiRoot(this.connection), this.connection.tenant, this.tuning.requestsPerSecond),
      gate: new ConcurrencyGate(this.tuning.concurrency),
      stats: this.stats,
      sleep: sleep2
    });
  }
  /** The whole tenant, never partial: any failure throws. */
  async fetchSnapshot(options = {}) {
    const fetchedAt = this.now().toISOString();
    const source = options.source ?? "list";
    const withUnits = options.businessUnits ?? true;
    const ctx = this.pagingContext();
    const sets = new PermissionSets();
    const lists = new SharedLists();
    const nulls = /* @__PURE__ */ new Map();
    const keep = (kind) => (record) => {
      const user = compactUser(kind, record, sets.intern(record.permissions), lists);
      const count = nullEntriesIn(record.permissions);
      if (count > 0) nulls.set(user, count);
      return user;
    };
    const readUsers = (kind, what) => source === "export" ? readExport(ctx, `/export${userCollection(kind)}`, userRecordReader, what, keep(kind)) : readList(ctx, userCollection(kind), userRecordReader, what, {}, keep(kind));
    const none = { records: [], warnings: [] };
    const reads = Promise.all([
      readUsers("employee", "employees"),
      readUsers("technician", "technicians"),
      readList(ctx, "/user-roles", roleReader, "user roles", ALL_ROLES),
      withUnits ? readList(ctx, "/business-units", businessUnitReader, "business units") : none
    ]);
    const [employees, technicians, roles, units] = await reads.catch((error) => {
      ctx.budget.cancel();
      throw error;
    });
    const userRoles = roles.records.map(toUserRole);
    const businessUnits = units.records.map(toBusinessUnit);
    this.rememberNames(userRoles, businessUnits);
    const users = employees.records.concat(technicians.records);
    let nullEntries = 0;
    let listsWithNulls = 0;
    for (const user of users) {
      nameUser(user, this.roleNames, this.businessUnitNames, lists);
      const count = nulls.get(user);
      if (count !== void 0) {
        nullEntries += count;
        listsWithNulls++;
      }
    }
    this.logger.debug(
      `Read ${users.length} users, ${userRoles.length} roles, ${businessUnits.length} business units in ${this.stats.requests} requests`
    );
    const skipped = nullEntries ? [
      `permissions: skipped ${nullEntries} null entr${nullEntries === 1 ? "y" : "ies"} in ${listsWithNulls} user${listsWithNulls === 1 ? "'s" : "s'"} permission lists; such an entry names no permission, so the rest of each user was audited as usual`
    ] : [];
    return {
      tenant: this.connection.tenant,
      environment: this.connection.environment,
      fetchedAt,
      users,
      roles: userRoles,
      businessUnits,
      warnings: [
        ...employees.warnings,
        ...technicians.warnings,
        ...roles.warnings,
        ...units.warnings,
        ...skipped
      ]
    };
  }
  /** Every user role, active or not. */
  async listRoles() {
    const roles = await readList(this.pagingContext(), "/user-roles", roleReader, "user roles", ALL_ROLES);
    const userRoles = roles.records.map(toUserRole);
    this.rememberNames(userRoles, null);
    return userRoles;
  }
  /** One user read back by id (used to verify writes); role names from the roles seen last. */
  async getUser(kind, id) {
    const resource = `${userCollection(kind)}/${id}`;
    const body = await this.http.get(resource, {}, new RetryBudget(this.tuning.retryBudgetMs));
    const details = { method: "GET", path: tenantPath(this.connection, resource) };
    const record = parseRecord(userRecordReader, body, details, `the ${kind}`);
    if (record.id !== id) throw invalidResponseError(details, `asked for ${kind} ${id}, got ${record.id}`);
    if (!this.roleNames) await this.listRoles();
    return toTenantUser(kind, record, this.roleNames, this.businessUnitNames);
  }
  /** A write to a tenant resource; used by the live writer. */
  async write(method, resource, body) {
    if (this.readOnly !== null) throw new Error(`Nothing was sent: ${this.readOnly}`);
    await this.http.write(method, resource, body, new RetryBudget(this.tuning.retryBudgetMs));
  }
  async close() {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
  pagingContext() {
    return {
      http: this.http,
      connection: this.connection,
      budget: new RetryBudget(this.tuning.retryBudgetMs),
      logger: this.logger,
      stats: this.stats,
      pageSize: this.tuning.pageSize,
      allowance: new PagingAllowance(this.tuning.maxPages, this.tuning.maxRecords),
      openPagingMs: this.tuning.openPagingMs,
      now: () => performance.now()
    };
  }
  rememberNames(roles, units) {
    this.roleNames = new Map(roles.map((r) => [r.id, r.name]));
    if (units) this.businessUnitNames = new Map(units.map((u) => [u.id, u.name]));
  }
};

// src/servicetitan/writer.ts
function liveWriter(client) {
  const patch = (kind, id, body) => client.write("PATCH", `${userCollection(kind)}/${id}`, body);
  const accountAction = (kind, id, body) => client.write("POST", `${userCollection(kind)}/${id}/account-actions`, body);
  return {
    live: true,
    lock: (kind, id) => patch(kind, id, { accountLocked: true }),
    unlock: (kind, id) => patch(kind, id, { accountLocked: false }),
    deactivate: (kind, id) => accountAction(kind, id, { action: "Deactivate" }),
    activate: (kind, id, licenseType) => accountAction(
      kind,
      id,
      kind === "technician" && licenseType ? { action: "Activate", licenseType } : { action: "Activate" }
    ),
    setRole: (kind, id, roleId) => patch(kind, id, { roleId })
  };
}
function recordingWriter() {
  const calls = [];
  const record = (op, kind, id, arg) => {
    calls.push(arg === void 0 ? { op, kind, id } : { op, kind, id, arg });
    return Promise.resolve();
  };
  return {
    live: false,
    calls,
    lock: (kind, id) => record("lock", kind, id),
    unlock: (kind, id) => record("unlock", kind, id),
    deactivate: (kind, id) => record("deactivate", kind, id),
    activate: (kind, id, licenseType) => record("activate", kind, id, licenseType),
    setRole: (kind, id, roleId) => record("setRole", kind, id, roleId)
  };
}

export {
  userCollection,
  ServiceTitanClient,
  liveWriter,
  recordingWriter
};
