import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  IDENTITY_COLUMNS,
  ROSTER_COLUMNS
} from "./chunk-ZLQYN6EA.js";
import {
  CsvSyntaxError,
  EXEMPTIONS_FILE,
  MANIFEST_FILE,
  REPORT_FILE,
  ROSTER_FILE,
  parseCsvRecords,
  parseManifest
} from "./chunk-A6U6MA56.js";
import {
  require_dist
} from "./chunk-7Y4HBSSD.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";
import {
  inlinePlain
} from "./chunk-Y7PV46DD.js";
import {
  __toESM
} from "./chunk-WD5L72B6.js";

// src/evidence/state.ts
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

// src/evidence/located.ts
var import_yaml = __toESM(require_dist(), 1);
function invalidFile(file, line, problem) {
  return new ConfigurationError(
    "evidence.invalid-file",
    `${file}${line === null ? "" : `:${line}`}: ${problem}.`,
    "The file was changed after the tool wrote it, or the tool did not write it. `st-access-guard evidence verify DIR` shows whether a pack changed; take the file from the original artifact, or give a snapshot written with `--snapshot FILE`."
  );
}
function lineAt(text, offset) {
  return text.slice(0, offset).split("\n").length;
}
function jsonSyntaxLine(text, error) {
  const message = error instanceof Error ? error.message : "";
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAt(text, Number(position[1]));
  return /end of JSON input/.test(message) ? lineAt(text, text.length) : null;
}
function lineOfJsonValue(text, path) {
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter, uniqueKeys: false });
  const node = doc.getIn(path, true);
  const offset = (0, import_yaml.isNode)(node) ? node.range?.[0] : void 0;
  return offset === void 0 ? null : lineCounter.linePos(offset).line;
}
function describeValue(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the text ${JSON.stringify(inlinePlain(value, 40))}`;
  if (typeof value === "number") return `the number ${value}`;
  return String(value);
}

// src/evidence/snapshot-file.ts
var isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var absent = (v) => v === void 0 || v === null;
var isText = (v) => typeof v === "string";
var isWhole = (v) => typeof v === "number" && Number.isSafeInteger(v);
var USER_FIELDS = [
  ["name", isText, "text"],
  ["email", isText, "text or null"],
  ["login", isText, "text or null"],
  ["userId", isWhole, "a whole number or null"],
  ["active", (v) => typeof v === "boolean", "true or false"],
  ["locked", (v) => typeof v === "boolean", "true or false"],
  ["role", isText, "text or null"],
  ["businessUnit", isText, "text or null"],
  ["businessUnitId", isWhole, "a whole number or null"]
];
function userProblem(u, at) {
  if (!isRecord(u)) return { path: at, value: u, expected: "a user record (an object)" };
  if (u.kind !== "employee" && u.kind !== "technician") {
    return { path: [...at, "kind"], value: u.kind, expected: '"employee" or "technician"' };
  }
  if (!isWhole(u.id)) return { path: [...at, "id"], value: u.id, expected: "a whole number" };
  for (const [field, ok, expected] of USER_FIELDS) {
    const value = u[field];
    if (!absent(value) && !ok(value)) return { path: [...at, field], value, expected };
  }
  if (!absent(u.roles)) {
    if (!Array.isArray(u.roles))
      return { path: [...at, "roles"], value: u.roles, expected: "a list of role names" };
    const i = u.roles.findIndex((r) => !isText(r));
    if (i >= 0) return { path: [...at, "roles", i], value: u.roles[i], expected: "a role name (text)" };
  }
  if (!absent(u.permissions)) {
    if (!isRecord(u.permissions)) {
      return {
        path: [...at, "permissions"],
        value: u.permissions,
        expected: "an object of permission id to value"
      };
    }
    for (const [id, value] of Object.entries(u.permissions)) {
      if (!absent(value) && !isText(value)) {
        return {
          path: [...at, "permissions", id],
          value,
          expected: 'the text ServiceTitan sent ("True", "False") or null'
        };
      }
    }
  }
  return null;
}
function snapshotProblem(data) {
  for (const field of ["tenant", "fetchedAt"]) {
    const value = data[field];
    if (!absent(value) && !isText(value)) return { path: [field], value, expected: "text" };
  }
  for (const [i, u] of data.users.entries()) {
    const problem = userProblem(u, ["users", i]);
    if (problem) return problem;
  }
  return null;
}
function pathText(path) {
  return path.map(
    (p, i) => typeof p === "number" ? `[${p}]` : /^[A-Za-z_]\w*$/.test(p) ? `${i === 0 ? "" : "."}${p}` : `[${JSON.stringify(p)}]`
  ).join("");
}
function parseSnapshotFile(text, file) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const line = jsonSyntaxLine(text, error);
    return { notASnapshot: `the file is not JSON${line === null ? "" : ` (line ${line})`}` };
  }
  if (!isRecord(data) || !Array.isArray(data.users)) return { notASnapshot: "the file has no `users` list" };
  const problem = snapshotProblem(data);
  if (problem) {
    throw invalidFile(
      file,
      lineOfJsonValue(text, problem.path),
      `${pathText(problem.path)} is ${describeValue(problem.value)}, where a snapshot has ${problem.expected}`
    );
  }
  return { snapshot: data };
}

// src/evidence/state.ts
var isRecord2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var str = (v) => typeof v === "string" ? v : null;
var num = (v) => typeof v === "number" && Number.isFinite(v) ? v : null;
function heldWithoutPolicy(value) {
  if (value === null || value === void 0) return false;
  return !["", "false", "none", "0", "no"].includes(value.trim().toLowerCase());
}
function snapshotUser(u) {
  const permissions = {};
  for (const [id, value] of Object.entries(u.permissions ?? {}))
    permissions[`#${id}`] = heldWithoutPolicy(value);
  return {
    kind: u.kind,
    id: u.id,
    userId: u.userId ?? null,
    name: u.name ?? "",
    email: u.email ?? null,
    login: u.login ?? null,
    audience: null,
    active: u.active !== false,
    locked: u.locked === true,
    roles: Array.isArray(u.roles) ? [...u.roles] : [],
    builtInRole: u.role ?? null,
    businessUnit: u.businessUnit ?? (u.businessUnitId != null ? `#${u.businessUnitId}` : null),
    permissions
  };
}
function reviewStateFromSnapshot(snapshot, source) {
  return {
    source,
    from: "snapshot",
    tenant: snapshot.tenant ?? null,
    takenAt: snapshot.fetchedAt ?? "",
    users: snapshot.users.filter((u) => (u.kind === "employee" || u.kind === "technician") && num(u.id) !== null).map(snapshotUser),
    permissionKeys: null,
    permissionNames: {},
    findings: null,
    exemptions: null
  };
}
function notAPack(path, why) {
  return new ConfigurationError(
    "evidence.not-a-pack",
    `${path} is neither an evidence pack nor a snapshot: ${why}.`,
    "Give the folder an audit wrote with `--evidence DIR`, or a file written with `--snapshot FILE`."
  );
}
function readPackCsv(dir, file, text) {
  try {
    return parseCsvRecords(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw invalidFile(join(dir, file), error.line, error.problem);
    throw error;
  }
}
function rosterUsers(text, path) {
  const { header, records } = readPackCsv(path, ROSTER_FILE, text);
  if (ROSTER_COLUMNS.some((column, i) => header[i] !== column)) {
    throw notAPack(path, `${ROSTER_FILE} does not have the roster's columns`);
  }
  const withIdentity = IDENTITY_COLUMNS.every((column, i) => header[ROSTER_COLUMNS.length + i] === column);
  const first = ROSTER_COLUMNS.length + (withIdentity ? IDENTITY_COLUMNS.length : 0);
  const permissionKeys = header.slice(first);
  const users = records.flatMap((r) => {
    const [kind, id, userId, name, email, login, audience, active, locked, roles, role, bu, buId] = r;
    if (kind !== "employee" && kind !== "technician" || !/^\d+$/.test(id ?? "")) return [];
    const permissions = {};
    permissionKeys.forEach((key, i) => permissions[key] = r[first + i] === "yes");
    const [source, state] = [r[ROSTER_COLUMNS.length], r[ROSTER_COLUMNS.length + 1]];
    return [
      {
        kind,
        id: Number(id),
        userId: userId ? Number(userId) : null,
        name: name ?? "",
        email: email || null,
        login: login || null,
        audience: audience === "internal" || audience === "external" ? audience : null,
        active: active === "yes",
        locked: locked === "yes",
        roles: roles ? roles.split(";") : [],
        builtInRole: role || null,
        businessUnit: bu || (buId ? `#${buId}` : null),
        permissions,
        ...withIdentity ? { identity: source && state ? { source, state } : null } : {}
      }
    ];
  });
  return { users, permissionKeys };
}
function reportFindings(text, dir) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalidFile(join(dir, REPORT_FILE), jsonSyntaxLine(text, error), "the report is not valid JSON");
  }
  if (!isRecord2(data) || !Array.isArray(data.findings)) return null;
  return data.findings.filter(isRecord2).map((f) => {
    const u = isRecord2(f.user) ? f.user : null;
    const kind = u?.kind === "technician" ? "technician" : "employee";
    return {
      id: str(f.id) ?? "",
      rule: str(f.rule) ?? "",
      severity: ["critical", "high", "medium", "low"].includes(str(f.severity) ?? "") ? f.severity : "high",
      message: str(f.message) ?? "",
      user: u ? { kind, id: num(u.id) ?? 0, name: str(u.name) ?? "" } : null,
      exempt: isRecord2(f.exemption) && f.exemption.status === "active"
    };
  });
}
function packExemptions(text, dir) {
  const { records } = readPackCsv(dir, EXEMPTIONS_FILE, text);
  return records.map(([user, rules, status, approvedBy, ticket, expires, reason]) => ({
    user: user && !user.startsWith("(") ? user : null,
    rules: rules ? rules.split(";") : [],
    status: status === "expired" ? "expired" : "active",
    approvedBy: approvedBy ?? "",
    ticket: ticket || null,
    expires: expires ?? "",
    reason: reason ?? ""
  }));
}
async function readOptional(path) {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}
async function packState(dir) {
  const roster = await readOptional(join(dir, ROSTER_FILE));
  if (roster === null) throw notAPack(dir, `the folder has no ${ROSTER_FILE}`);
  const { users, permissionKeys } = rosterUsers(roster, dir);
  const manifestText = await readOptional(join(dir, MANIFEST_FILE));
  const manifest = manifestText === null ? null : parseManifest(manifestText);
  const reportText = await readOptional(join(dir, REPORT_FILE));
  const exemptionsText = await readOptional(join(dir, EXEMPTIONS_FILE));
  return {
    source: dir,
    from: "pack",
    tenant: manifest?.tenant ?? null,
    takenAt: manifest?.startedAt ?? "",
    users,
    permissionKeys,
    permissionNames: Object.fromEntries((manifest?.permissions ?? []).map((p) => [`#${p.id}`, p.name])),
    findings: reportText === null ? null : reportFindings(reportText, dir),
    exemptions: exemptionsText === null ? null : packExemptions(exemptionsText, dir)
  };
}
async function snapshotState(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw notAPack(path, "the file cannot be read");
  }
  const read = parseSnapshotFile(text, path);
  if ("notASnapshot" in read) throw notAPack(path, read.notASnapshot);
  return reviewStateFromSnapshot(read.snapshot, path);
}
async function loadReviewState(pathToPackOrSnapshot) {
  let isDir;
  try {
    isDir = (await stat(pathToPackOrSnapshot)).isDirectory();
  } catch {
    throw new ConfigurationError(
      "evidence.not-found",
      `${pathToPackOrSnapshot} does not exist.`,
      "Give an evidence pack folder (`--evidence DIR`) or a snapshot file (`--snapshot FILE`)."
    );
  }
  return isDir ? packState(pathToPackOrSnapshot) : snapshotState(pathToPackOrSnapshot);
}

export {
  loadReviewState
};
