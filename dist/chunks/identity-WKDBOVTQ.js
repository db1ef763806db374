import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  sleep
} from "./chunk-ZCJTFQUK.js";
import {
  IdentityConfigurationError,
  IdentityRuntimeError,
  SecretKeeper,
  sourceName
} from "./chunk-TGCJJARS.js";
import "./chunk-UZRWYWPK.js";
import {
  RetryBudget
} from "./chunk-5B2J2IDX.js";
import {
  PolicyError
} from "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/identity/csv.ts
import { open, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";

// src/identity/csv-text.ts
var QUOTE_HINT = 'Put a field that holds a quote inside double quotes, and double each quote within it: "Dwayne ""The Rock"" Johnson".';
function readCsv(input) {
  const text = input.charCodeAt(0) === 65279 ? input.slice(1) : input;
  const records = [];
  const problems = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let cells = [];
  let recordLine = 1;
  const isEnd = (c) => c === "," || c === "\n" || c === "\r";
  if (n === 0) return { records, problems };
  for (; ; ) {
    const cell = { value: "", line, column: i - lineStart + 1 };
    if (text[i] === '"') {
      let value = "";
      let closed = false;
      i++;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === "\n" || c === "\r") {
          const crlf = c === "\r" && text[i + 1] === "\n";
          value += crlf ? "\r\n" : c;
          i += crlf ? 2 : 1;
          line++;
          lineStart = i;
          continue;
        }
        value += c;
        i++;
      }
      if (!closed) {
        problems.push({
          line: cell.line,
          column: cell.column,
          message: "The quote that opens this field is never closed, so the rest of the file would be one field.",
          hint: 'Close the quote at the end of the field; a quote inside a quoted field is written twice ("").'
        });
        return { records, problems };
      }
      cell.value = value;
      if (i < n && !isEnd(text[i])) {
        problems.push({
          line,
          column: i - lineStart + 1,
          message: "Text follows the closing quote of a field.",
          hint: QUOTE_HINT
        });
        while (i < n && !isEnd(text[i])) i++;
      }
    } else {
      const from = i;
      let reported = false;
      while (i < n && !isEnd(text[i])) {
        if (text[i] === '"' && !reported) {
          reported = true;
          problems.push({
            line,
            column: i - lineStart + 1,
            message: "A quote inside a field that does not start with one.",
            hint: QUOTE_HINT
          });
        }
        i++;
      }
      cell.value = text.slice(from, i);
    }
    cells.push(cell);
    if (i >= n) {
      records.push({ cells, line: recordLine });
      break;
    }
    if (text[i] === ",") {
      i++;
      continue;
    }
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    records.push({ cells, line: recordLine });
    line++;
    lineStart = i;
    cells = [];
    recordLine = line;
    if (i >= n) break;
  }
  return { records, problems };
}
function isBlank(record) {
  return record.cells.every((c) => c.value.trim() === "");
}

// src/identity/csv.ts
var DEFAULT_CSV_COLUMNS = {
  email: "email",
  name: "name",
  status: "status",
  endDate: "end_date",
  type: "type"
};
var MAX_ROSTER_BYTES = 64 * 1024 * 1024;
var MAX_ISSUES = 50;
var POLICY_KEYS = {
  email: "email",
  name: "name",
  status: "status",
  endDate: "end-date",
  type: "type"
};
var STATUSES = ["active", "leave", "terminated"];
var TYPES = ["employee", "contractor", "guest"];
var ADDRESS = /^[^\s@",;<>]+@[^\s@",;<>]+\.[^\s@",;<>]+$/;
var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function parseRoster(text, file, columns, now) {
  return parseChecked(text, file, columns, now, `The roster ${file}`);
}
async function readRosterFile(source, options) {
  const name = sourceName(source.id, "csv");
  const subject = `The roster ${source.path} of identity source \`${source.id}\``;
  const text = await readRosterText(source, options.workspace, options.inActions, name);
  if (typeof text !== "string")
    throw new PolicyError([{ file: source.path, line: 1, column: 1, ...text }], subject);
  const people = parseChecked(text, source.path, source.columns, options.now, subject);
  return {
    sourceId: source.id,
    kind: "csv",
    people,
    signInReported: false,
    signInUnavailable: "an HR roster records no sign-ins"
  };
}
function parseChecked(text, file, columns, now, subject) {
  const issues = [];
  const add = (at, problem) => {
    if (issues.length < MAX_ISSUES) issues.push({ file, line: at.line, column: at.column, ...problem });
  };
  const { records, problems } = readCsv(text);
  for (const p of problems) add(p, { code: "identity.csv-syntax", message: p.message, hint: p.hint });
  const rows = records.filter((r) => !isBlank(r));
  const header = rows[0];
  if (!header) {
    if (problems.length === 0) {
      add(
        { line: 1, column: 1 },
        {
          code: "identity.csv-empty",
          message: "The roster has no header line, so it lists no one.",
          hint: `The first line names the columns (at least \`${columns.email}\`), each further line is one person.`
        }
      );
    }
    throw new PolicyError(sorted(issues), subject);
  }
  const index = headerIndex(header.cells, header.line, columns, add);
  const today = now.toISOString().slice(0, 10);
  const people = [];
  const seen = /* @__PURE__ */ new Map();
  for (const row of rows.slice(1)) {
    const extra = row.cells.slice(header.cells.length).find((c) => c.value.trim() !== "");
    if (extra) {
      add(extra, {
        code: "identity.csv-extra-field",
        message: `This line has ${row.cells.length} fields; the header names ${header.cells.length}.`,
        hint: 'Quote a field that holds a comma ("Smith, Jo"), or add the column to the header.'
      });
    }
    const at = (column) => (column === null ? void 0 : row.cells[column]) ?? { line: row.line, column: 1 };
    const value = (column) => column === null ? "" : row.cells[column]?.value.trim() ?? "";
    if (index.email === null) continue;
    const email = value(index.email).toLowerCase();
    if (email === "") {
      add(at(index.email), {
        code: "identity.csv-invalid-email",
        message: `This person has no \`${columns.email}\`.`,
        hint: "Give every person their work address; the join matches it with ServiceTitan emails and logins."
      });
      continue;
    }
    if (!ADDRESS.test(email)) {
      add(at(index.email), {
        code: "identity.csv-invalid-email",
        message: `The \`${columns.email}\` field is not an email address.`,
        hint: "Write one address per person, like jo.smith@acme-hvac.com."
      });
      continue;
    }
    const earlier = seen.get(email);
    if (earlier !== void 0) {
      add(at(index.email), {
        code: "identity.csv-duplicate-email",
        message: `The same \`${columns.email}\` as line ${earlier}: one person per address.`,
        hint: "Keep one line per person; merge the two lines."
      });
      continue;
    }
    seen.set(email, row.line);
    let state = "active";
    if (index.status !== null) {
      const status = value(index.status).toLowerCase();
      if (!STATUSES.includes(status)) {
        add(at(index.status), {
          code: "identity.csv-invalid-status",
          message: status === "" ? `The \`${columns.status}\` field is empty.` : `\`${clip(value(index.status))}\` is not a status.`,
          hint: `Write one of ${STATUSES.join(", ")} (any case).`
        });
      } else if (status === "terminated") {
        state = "terminated";
      } else if (status === "leave") {
        state = "leave";
      }
    }
    if (index.endDate !== null) {
      const endDate = value(index.endDate);
      if (endDate !== "") {
        if (!isDate(endDate)) {
          add(at(index.endDate), {
            code: "identity.csv-invalid-end-date",
            message: `\`${clip(endDate)}\` is not a date as YYYY-MM-DD.`,
            hint: "Write the last working day as YYYY-MM-DD (2025-03-31), or leave the field empty."
          });
        } else if (endDate < today) {
          state = "terminated";
        }
      }
    }
    let type = null;
    if (index.type !== null) {
      const raw = value(index.type).toLowerCase();
      if (raw !== "") {
        if (TYPES.includes(raw)) type = raw;
        else
          add(at(index.type), {
            code: "identity.csv-invalid-type",
            message: `\`${clip(value(index.type))}\` is not a type.`,
            hint: `Write one of ${TYPES.join(", ")} (any case), or leave the field empty; contractor and guest are external.`
          });
      }
    }
    const name = value(index.name);
    people.push({
      personId: email,
      emails: [email],
      aadObjectId: null,
      name: name === "" ? null : name,
      state,
      type,
      lastSignIn: null,
      createdAt: null
    });
  }
  if (issues.length > 0) throw new PolicyError(sorted(issues), subject);
  return people;
}
function headerIndex(cells, line, columns, add) {
  const index = { email: null, name: null, status: null, endDate: null, type: null };
  for (const key of Object.keys(index)) {
    const wanted = columns[key];
    const found = cells.flatMap((c, i) => c.value === wanted ? [i] : []);
    if (found.length > 1) {
      add(cells[found[1]], {
        code: "identity.csv-duplicate-column",
        message: `The header names \`${clip(wanted)}\` twice.`,
        hint: "Give each column one header name."
      });
    }
    if (found.length > 0) {
      index[key] = found[0];
      continue;
    }
    if (key !== "email" && wanted === DEFAULT_CSV_COLUMNS[key]) continue;
    const near = cells.find((c) => c.value.trim().toLowerCase() === wanted.trim().toLowerCase());
    const semicolons = cells.length === 1 && cells[0].value.includes(";");
    add(
      { line, column: 1 },
      {
        code: "identity.csv-missing-column",
        message: `The header has no column \`${clip(wanted)}\` (for \`${POLICY_KEYS[key]}\`).`,
        hint: near ? `Header names are matched exactly, and the header has \`${clip(near.value)}\`: rename it, or set \`columns: ${POLICY_KEYS[key]}: ${clip(near.value)}\` in the source.` : semicolons ? "The fields seem to be separated by `;`: save the file as comma-separated CSV." : `Add the column to the header line, or name the header this roster uses in the source's \`columns: ${POLICY_KEYS[key]}:\`.`
      }
    );
  }
  return index;
}
function isDate(text) {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
function clip(text) {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 40 ? `${flat.slice(0, 40)}\u2026` : flat;
}
function sorted(issues) {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}
async function readRosterText(source, workspace, inActions, name) {
  const file = resolve(workspace, source.path);
  const shown = source.path;
  if (inActions) await assertInsideWorkspace(file, workspace, shown, source.id, name);
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw fileError(error, shown, source.id, name);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notReadable(`${shown} is not a file`, source.id, name);
    if (stat.size > MAX_ROSTER_BYTES) throw tooLarge(shown, stat.size, source.id, name);
    const chunks = [];
    let length = 0;
    for (; ; ) {
      const buffer = Buffer.alloc(Math.min(1 << 20, MAX_ROSTER_BYTES + 1 - length));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, length);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      length += bytesRead;
      if (length > MAX_ROSTER_BYTES) throw tooLarge(shown, length, source.id, name);
    }
    const bytes = Buffer.concat(chunks);
    const notText = {
      code: "identity.csv-not-text",
      message: "The file is not UTF-8 text.",
      hint: 'Save the roster as "CSV UTF-8 (comma delimited)"; check that the path points at the roster.'
    };
    if (bytes[0] === 255 && bytes[1] === 254) return notText;
    if (bytes[0] === 254 && bytes[1] === 255) return notText;
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return notText;
    }
  } catch (error) {
    if (error instanceof IdentityConfigurationError) throw error;
    throw fileError(error, shown, source.id, name);
  } finally {
    await handle.close();
  }
}
async function assertInsideWorkspace(file, workspace, shown, id, name) {
  let target;
  let root;
  try {
    [target, root] = await Promise.all([realpath(file), realpath(workspace)]);
  } catch (error) {
    throw fileError(error, shown, id, name);
  }
  const path = relative(root, target);
  if (path === "" || path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path)) {
    throw new IdentityConfigurationError(
      "identity.csv-outside-workspace",
      `${name}: the roster path ${shown} leads outside the repository.`,
      "Keep the roster inside the repository, so the people the audit trusts are the ones that were reviewed.",
      id
    );
  }
}
function fileError(error, shown, id, name) {
  const code = error?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new IdentityConfigurationError(
      "identity.csv-not-found",
      `${name}: the roster ${shown} does not exist.`,
      "The path is relative to the repository root (the workspace), like the policy path; check its spelling and that the file is committed.",
      id
    );
  }
  return notReadable(
    `${shown} ${code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${code ?? "unknown error"})`}`,
    id,
    name
  );
}
function notReadable(what, id, name) {
  return new IdentityConfigurationError(
    "identity.csv-not-readable",
    `${name}: the roster ${what}.`,
    "Point the source\u2019s `csv` at the roster file, relative to the repository root.",
    id
  );
}
function tooLarge(shown, bytes, id, name) {
  return notReadable(
    `${shown} is ${bytes} bytes, more than the ${MAX_ROSTER_BYTES / 1024 / 1024} MB a roster may be`,
    id,
    name
  );
}

// src/identity/index.ts
async function proxyAgent() {
  const undici = await import("./undici-TLHAZEPM.js");
  const Agent = undici.EnvHttpProxyAgent ?? undici.default?.EnvHttpProxyAgent;
  return new Agent();
}
async function readDirectories(identity, options) {
  const needsNetwork = identity.sources.some((s) => s.kind !== "csv");
  const ownsDispatcher = needsNetwork && !options.dispatcher;
  const dispatcher = options.dispatcher ?? (needsNetwork ? await proxyAgent() : null);
  const secrets = new SecretKeeper(options.onSecret);
  const budgets = identity.sources.map(() => new RetryBudget(options.retryBudgetMs));
  let firstFailure = null;
  const reads = identity.sources.map(async (source, i) => {
    const context = {
      credentials: options.credentials,
      workspace: options.workspace,
      inActions: options.inActions,
      logger: options.logger,
      now: options.now,
      http: {
        // only network sources reach for it
        dispatcher,
        logger: options.logger,
        timeoutMs: options.timeoutMs,
        maxRetries: options.maxRetries ?? 6,
        sleep: options.sleep ?? sleep
      },
      budget: budgets[i],
      secrets,
      env: options.env ?? process.env,
      clock: options.clock ?? Date.now
    };
    try {
      const started = performance.now();
      const directory = await readSource(source, context);
      options.logger.info(
        `${sourceName(source.id, source.kind)}: ${directory.people.length} people in ${Math.round(performance.now() - started)} ms`
      );
      return directory;
    } catch (error) {
      if (!firstFailure) {
        firstFailure = { error };
        for (const budget of budgets) budget.cancel();
      }
      throw error;
    }
  });
  try {
    const settled = await Promise.allSettled(reads);
    if (firstFailure) throw firstFailure.error;
    return settled.map((s) => s.value);
  } finally {
    if (ownsDispatcher) await dispatcher.close();
  }
}
async function readSource(source, context) {
  switch (source.kind) {
    case "csv":
      return readRosterFile(source, context);
    case "entra": {
      const { readEntra } = await import("./entra-KD7RROQS.js");
      return readEntra(source, context);
    }
    case "google": {
      const { readGoogle } = await import("./google-DQQ5AZZ2.js");
      return readGoogle(source, context);
    }
  }
}
export {
  DEFAULT_CSV_COLUMNS,
  IdentityConfigurationError,
  IdentityRuntimeError,
  parseRoster,
  readDirectories,
  readRosterFile
};
