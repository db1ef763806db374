import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ansi
} from "./chunk-IUN4THX5.js";
import {
  exemptionCovers,
  exemptionIsActive,
  require_dist
} from "./chunk-HEUCNJIE.js";
import {
  PeopleMasker,
  maskEmail,
  maskName,
  replaceEmails,
  withoutPersonalData
} from "./chunk-ZDCQ5PVZ.js";
import {
  isHeld
} from "./chunk-WWFQ72M6.js";
import {
  matchesUserRef
} from "./chunk-QLH5EDU2.js";
import {
  ConfigurationError
} from "./chunk-RPWTNJ4G.js";
import {
  inlineMarkdown,
  inlinePlain
} from "./chunk-7KNWVG6D.js";
import {
  __toESM
} from "./chunk-WD5L72B6.js";

// src/evidence/manifest.ts
import { createHash } from "node:crypto";
var TOOL_NAME = "servicetitan-access-guard";
var MANIFEST_FILE = "manifest.json";
var SIGNATURE_FILE = "manifest.json.sig";
var ROSTER_FILE = "roster.csv";
var FINDINGS_FILE = "findings.csv";
var EXEMPTIONS_FILE = "exemptions.csv";
var PLAN_FILE = "plan.csv";
var REPORT_FILE = "report.json";
var RESERVED_FILES = [
  MANIFEST_FILE,
  SIGNATURE_FILE,
  ROSTER_FILE,
  FINDINGS_FILE,
  EXEMPTIONS_FILE,
  PLAN_FILE,
  REPORT_FILE
];
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
function describeFile(path2, content) {
  const bytes = typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.byteLength;
  return { path: path2, sha256: sha256Hex(content), bytes };
}
function renderManifest(manifest) {
  return JSON.stringify(manifest, null, 2) + "\n";
}
function isSafePackPath(path2) {
  if (path2 === "" || path2.startsWith("/") || path2.includes("\\") || path2.includes("\0")) return false;
  return path2.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}
var isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function parseManifest(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(data) || data.version !== 1 || !Array.isArray(data.files)) return null;
  const files = [];
  for (const entry of data.files) {
    if (!isRecord(entry)) return null;
    const { path: path2, sha256, bytes } = entry;
    if (typeof path2 !== "string" || !isSafePackPath(path2) || path2 === MANIFEST_FILE || path2 === SIGNATURE_FILE)
      return null;
    if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256)) return null;
    if (typeof bytes !== "number" || !Number.isInteger(bytes) || bytes < 0) return null;
    files.push({ path: path2, sha256, bytes });
  }
  if (new Set(files.map((f) => f.path)).size !== files.length) return null;
  const tool = isRecord(data.tool) ? data.tool : {};
  const policy = isRecord(data.policy) ? data.policy : {};
  const text_ = (v, fallback = "") => typeof v === "string" ? v : fallback;
  return {
    version: 1,
    tool: { name: text_(tool.name), version: text_(tool.version) },
    tenant: typeof data.tenant === "string" ? data.tenant : null,
    environment: data.environment === "integration" ? "integration" : "production",
    policy: { path: text_(policy.path), sha256: typeof policy.sha256 === "string" ? policy.sha256 : null },
    startedAt: text_(data.startedAt),
    finishedAt: text_(data.finishedAt),
    ...typeof data.runUrl === "string" ? { runUrl: data.runUrl } : {},
    redacted: data.redacted === true,
    permissions: Array.isArray(data.permissions) ? data.permissions.flatMap(
      (p) => isRecord(p) && typeof p.name === "string" && typeof p.id === "number" ? [{ name: p.name, id: p.id }] : []
    ) : [],
    files,
    ...parseSignatureEntry(data.signature) ?? {}
  };
}
function parseSignatureEntry(value) {
  if (!isRecord(value)) return null;
  const { file, algorithm, publicKeyFingerprint } = value;
  if (file !== SIGNATURE_FILE || algorithm !== "ed25519") return null;
  if (typeof publicKeyFingerprint !== "string" || !/^sha256:[0-9a-f]{64}$/.test(publicKeyFingerprint))
    return null;
  return { signature: { file, algorithm, publicKeyFingerprint } };
}

// src/evidence/state.ts
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

// src/evidence/csv.ts
var FORMULA_START = /^[=+\-@\t\r']/;
var INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;
var NEEDS_QUOTES = /[",\r\n]/;
var CRLF = "\r\n";
function cellText(value) {
  if (value === null || value === void 0) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map(cellText).join(";");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
function showInvisible(text) {
  return text.replace(
    INVISIBLE,
    (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}}`
  );
}
function csvCell(value) {
  let text = showInvisible(cellText(value));
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
function csvTable(header, rows) {
  return [header, ...rows].map((row) => row.map(csvCell).join(",") + CRLF).join("");
}
function restoreCell(cell) {
  return cell.length >= 2 && cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
var CsvSyntaxError = class extends Error {
  constructor(line, problem) {
    super(`line ${line}: ${problem}`);
    this.line = line;
    this.problem = problem;
    this.name = "CsvSyntaxError";
  }
  line;
  problem;
};
var lineAt = (text, offset) => text.slice(0, offset).split("\n").length;
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && cell === "") {
      let j = i + 1;
      for (; ; ) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new CsvSyntaxError(lineAt(text, i), "a quoted cell starts here and is never closed");
        if (text[q + 1] === '"') {
          cell += text.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        cell += text.slice(j, q);
        i = q + 1;
        break;
      }
      continue;
    }
    if (ch === ",") endCell();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endRow();
      i += 1;
    } else if (ch === "\n") endRow();
    else cell += ch;
    i += 1;
  }
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}
function parseCsvRecords(text) {
  const [header = [], ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
  return {
    header: header.map(restoreCell),
    records: rows.map((r) => header.map((_h, i) => restoreCell(r[i] ?? "")))
  };
}

// src/evidence/located.ts
var import_yaml = __toESM(require_dist(), 1);
function invalidFile(file, line, problem) {
  return new ConfigurationError(
    "evidence.invalid-file",
    `${file}${line === null ? "" : `:${line}`}: ${problem}.`,
    "The file was changed after the tool wrote it, or the tool did not write it. `st-access-guard evidence verify DIR` shows whether a pack changed; take the file from the original artifact, or give a snapshot written with `--snapshot FILE`."
  );
}
function lineAt2(text, offset) {
  return text.slice(0, offset).split("\n").length;
}
function jsonSyntaxLine(text, error) {
  const message = error instanceof Error ? error.message : "";
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAt2(text, Number(position[1]));
  return /end of JSON input/.test(message) ? lineAt2(text, text.length) : null;
}
function lineOfJsonValue(text, path2) {
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter, uniqueKeys: false });
  const node = doc.getIn(path2, true);
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
var isRecord2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
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
  if (!isRecord2(u)) return { path: at, value: u, expected: "a user record (an object)" };
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
    if (!isRecord2(u.permissions)) {
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
function pathText(path2) {
  return path2.map(
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
  if (!isRecord2(data) || !Array.isArray(data.users)) return { notASnapshot: "the file has no `users` list" };
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

// src/evidence/redaction.ts
function maskLogin(login) {
  return login.includes("@") ? maskEmail(login) : maskName(login);
}
function maskUserRef(ref) {
  if (ref.type === "email") return maskEmail(ref.raw);
  if (ref.type === "login") return `login:${maskLogin(ref.raw.slice("login:".length))}`;
  return ref.raw;
}
function peopleMasker(snapshot, policy) {
  const masker = withoutPersonalData("evidence pack", () => knownPeople(snapshot, policy));
  const mask = (text) => replaceEmails(masker.mask(text), (m) => m.includes("***@") ? m : maskEmail(m));
  return (text) => withoutPersonalData("evidence pack", () => mask(text));
}
function knownPeople(snapshot, policy) {
  const masker = new PeopleMasker(maskName);
  for (const u of snapshot?.users ?? []) {
    masker.add(u.name, maskName);
    masker.add(u.email, maskEmail);
    masker.add(u.login, maskLogin);
  }
  if (policy) {
    const refs = [
      ...policy.organization.internalUsers,
      ...policy.organization.externalUsers,
      ...policy.safety.protectedUsers,
      ...policy.exemptions.flatMap((e) => e.user ? [e.user] : [])
    ];
    for (const ref of refs) {
      if (ref.type === "email") masker.add(ref.raw, maskEmail);
      if (ref.type === "login") masker.add(ref.raw.slice("login:".length), maskLogin);
    }
    for (const e of policy.exemptions) masker.add(e.approvedBy, maskEmail);
  }
  return masker;
}

// src/evidence/tables.ts
var ROSTER_COLUMNS = [
  "kind",
  "id",
  "userId",
  "name",
  "email",
  "login",
  "audience",
  "active",
  "locked",
  "roles",
  "built-in role",
  "business unit",
  "business unit id"
];
function byRecord(a, b) {
  return a.kind === b.kind ? a.id - b.id : a.kind < b.kind ? -1 : 1;
}
function rosterCsv(snapshot, policy, opts) {
  const mappings = policy?.permissions ?? [];
  const rows = [...snapshot.users].sort(byRecord).map((u) => [
    u.kind,
    u.id,
    u.userId,
    opts.redact ? maskName(u.name) : u.name,
    u.email !== null && opts.redact ? maskEmail(u.email) : u.email,
    u.login !== null && opts.redact ? maskLogin(u.login) : u.login,
    opts.audienceOf ? opts.audienceOf(u) : "",
    u.active,
    u.locked,
    u.roles,
    u.role,
    u.businessUnit,
    u.businessUnitId,
    ...mappings.map((m) => isHeld(u, m))
  ]);
  return csvTable([...ROSTER_COLUMNS, ...mappings.map((m) => m.name)], rows);
}
function fixText(fix) {
  const action = fix.action === "set-role" ? `set-role: ${fix.role}` : fix.action;
  return [action, ...fix.steps ?? []].join("\n");
}
function findingStatus(f) {
  if (!f.exemption) return "open";
  return f.exemption.status === "active" ? "exempt" : "open (exemption expired)";
}
function findingsCsv(report) {
  const header = [
    "id",
    "rule",
    "severity",
    "status",
    "kind",
    "user id",
    "userId",
    "name",
    "email",
    "login",
    "audience",
    "active",
    "locked",
    "message",
    "permissions",
    "roles",
    "holders",
    "fix",
    "exemption reason",
    "exemption approved by",
    "exemption expires",
    "exemption ticket",
    "exemption status",
    "policy line"
  ];
  const rows = report.findings.map((f) => {
    const u = f.user;
    const e = f.exemption;
    return [
      f.id,
      f.rule,
      f.severity,
      findingStatus(f),
      u?.kind,
      u?.id,
      u?.userId,
      u?.name,
      u?.email,
      u?.login,
      u?.audience,
      u?.active,
      u?.locked,
      f.message,
      f.evidence.permissions ?? f.evidence.permission,
      f.evidence.roles,
      f.evidence.holders?.map((h) => `${h.name} (${h.kind}:${h.id})`),
      fixText(f.fix),
      e?.reason,
      e?.approvedBy,
      e?.expires,
      e?.ticket,
      e?.status,
      f.location.line
    ];
  });
  return csvTable(header, rows);
}
var BUILT_IN_ABOUT_EXEMPTIONS = /* @__PURE__ */ new Set(["exemption-expired", "exemption-unused"]);
function attachedTo(e, f, snapshot) {
  if (f.exemption === null || f.exemption.expires !== e.expires || f.exemption.ticket !== (e.ticket ?? null)) {
    return false;
  }
  if (!snapshot || !e.user || !e.rules.includes(f.rule)) return exemptionCovers(e, f);
  const ref = e.user;
  const u = f.user;
  return u !== null && snapshot.users.some((s) => s.kind === u.kind && s.id === u.id && matchesUserRef(s, ref));
}
function exemptionsCsv(policy, report, snapshot, opts) {
  const header = [
    "user",
    "rules",
    "status",
    "approved by",
    "ticket",
    "expires",
    "reason",
    "findings",
    "built-in findings",
    "policy line"
  ];
  const rows = (policy?.exemptions ?? []).map((e) => {
    const covered = report.findings.filter((f) => attachedTo(e, f, snapshot));
    const status = covered[0]?.exemption?.status ?? (exemptionIsActive(e, opts.now) ? "active" : "expired");
    const about = report.findings.filter(
      (f) => BUILT_IN_ABOUT_EXEMPTIONS.has(f.rule) && f.evidence.exemption === e.index
    );
    return [
      e.user ? opts.redact ? maskUserRef(e.user) : e.user.raw : "(tenant-level findings)",
      e.rules,
      status,
      opts.redact ? maskEmail(e.approvedBy) : e.approvedBy,
      e.ticket,
      e.expires,
      opts.redact ? opts.maskText(e.reason) : e.reason,
      covered.map((f) => f.id),
      about.map((f) => f.id),
      e.position.line
    ];
  });
  return csvTable(header, rows);
}
function planRow(s) {
  return [
    s.action,
    s.role,
    s.roleId,
    s.user.kind,
    s.user.id,
    s.user.userId,
    s.user.name,
    s.user.email,
    s.rules,
    s.findings,
    s.status,
    s.error,
    s.reason,
    s.before?.active,
    s.before?.locked,
    s.before?.roleIds
  ];
}
function planCsv(report) {
  const header = [
    "action",
    "role",
    "role id",
    "kind",
    "id",
    "userId",
    "name",
    "email",
    "rules",
    "findings",
    "status",
    "error",
    "reason",
    "before active",
    "before locked",
    "before role ids"
  ];
  return csvTable(header, report.plan.map(planRow));
}

// src/evidence/state.ts
var isRecord3 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
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
function notAPack(path2, why) {
  return new ConfigurationError(
    "evidence.not-a-pack",
    `${path2} is neither an evidence pack nor a snapshot: ${why}.`,
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
function rosterUsers(text, path2) {
  const { header, records } = readPackCsv(path2, ROSTER_FILE, text);
  if (ROSTER_COLUMNS.some((column, i) => header[i] !== column)) {
    throw notAPack(path2, `${ROSTER_FILE} does not have the roster's columns`);
  }
  const permissionKeys = header.slice(ROSTER_COLUMNS.length);
  const users = records.flatMap((r) => {
    const [kind, id, userId, name, email, login, audience, active, locked, roles, role, bu, buId] = r;
    if (kind !== "employee" && kind !== "technician" || !/^\d+$/.test(id ?? "")) return [];
    const permissions = {};
    permissionKeys.forEach((key, i) => permissions[key] = r[ROSTER_COLUMNS.length + i] === "yes");
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
        permissions
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
  if (!isRecord3(data) || !Array.isArray(data.findings)) return null;
  return data.findings.filter(isRecord3).map((f) => {
    const u = isRecord3(f.user) ? f.user : null;
    const kind = u?.kind === "technician" ? "technician" : "employee";
    return {
      id: str(f.id) ?? "",
      rule: str(f.rule) ?? "",
      severity: ["critical", "high", "medium", "low"].includes(str(f.severity) ?? "") ? f.severity : "high",
      message: str(f.message) ?? "",
      user: u ? { kind, id: num(u.id) ?? 0, name: str(u.name) ?? "" } : null,
      exempt: isRecord3(f.exemption) && f.exemption.status === "active"
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
async function readOptional(path2) {
  try {
    return await readFile(path2, "utf8");
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
async function snapshotState(path2) {
  let text;
  try {
    text = await readFile(path2, "utf8");
  } catch {
    throw notAPack(path2, "the file cannot be read");
  }
  const read = parseSnapshotFile(text, path2);
  if ("notASnapshot" in read) throw notAPack(path2, read.notASnapshot);
  return reviewStateFromSnapshot(read.snapshot, path2);
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

// src/evidence/diff.ts
var keyOf = (u) => `${u.kind}:${u.id}`;
var canSignIn = (u) => u.active && !u.locked;
function diffUser(u) {
  return { kind: u.kind, id: u.id, name: u.name, contact: u.email ?? u.login };
}
function roleSet(u) {
  const roles = [...u.roles];
  if (u.builtInRole) roles.push(`${u.builtInRole} (built-in role)`);
  return roles;
}
function permissionKey(state, key, names) {
  return state.from === "snapshot" ? names[key] ?? key : key;
}
function comparablePermissions(a, b) {
  if (a.permissionKeys === null && b.permissionKeys === null) return () => true;
  const known = [a.permissionKeys, b.permissionKeys].filter((k) => k !== null);
  const shared = known.reduce((acc, keys) => acc.filter((k) => keys.includes(k)));
  return shared.length === 0 ? null : (key) => shared.includes(key);
}
function heldKeys(state, u, names) {
  return new Set(
    Object.entries(u.permissions).filter(([, held]) => held).map(([key]) => permissionKey(state, key, names))
  );
}
function exemptionKey(e) {
  return `${(e.user ?? "").toLowerCase()}\0${[...e.rules].sort().join(",")}`;
}
function toDiffExemption(e) {
  return {
    user: e.user,
    rules: e.rules,
    expires: e.expires,
    approvedBy: e.approvedBy,
    ticket: e.ticket,
    reason: e.reason
  };
}
function diffFindings(a, b) {
  const before = new Set(a.map((f) => f.id));
  const after = new Set(b.map((f) => f.id));
  return {
    findingsOpened: b.filter((f) => !before.has(f.id)),
    findingsClosed: a.filter((f) => !after.has(f.id))
  };
}
function diffExemptions(a, b) {
  const before = new Map(a.map((e) => [exemptionKey(e), e]));
  const after = new Map(b.map((e) => [exemptionKey(e), e]));
  return {
    exemptionsAdded: b.filter((e) => !before.has(exemptionKey(e))).map(toDiffExemption),
    exemptionsExpired: b.filter((e) => e.status === "expired" && before.get(exemptionKey(e))?.status === "active").map(toDiffExemption),
    exemptionsRemoved: a.filter((e) => !after.has(exemptionKey(e))).map(toDiffExemption)
  };
}
function diffReviews(oldState, newState) {
  const names = { ...oldState.permissionNames, ...newState.permissionNames };
  const notes = [];
  const d = {
    from: { source: oldState.source, takenAt: oldState.takenAt },
    to: { source: newState.source, takenAt: newState.takenAt },
    joined: [],
    left: [],
    audienceChanged: [],
    rolesChanged: [],
    businessUnitChanged: [],
    permissionsGained: [],
    permissionsLost: [],
    findingsOpened: [],
    findingsClosed: [],
    exemptionsAdded: [],
    exemptionsExpired: [],
    exemptionsRemoved: [],
    notes
  };
  const comparable = comparablePermissions(
    {
      ...oldState,
      permissionKeys: oldState.permissionKeys?.map((k) => permissionKey(oldState, k, names)) ?? null
    },
    {
      ...newState,
      permissionKeys: newState.permissionKeys?.map((k) => permissionKey(newState, k, names)) ?? null
    }
  );
  if (comparable === null)
    notes.push("Permissions are not compared: the two reviews map no permission in common.");
  const olds = new Map(oldState.users.map((u) => [keyOf(u), u]));
  const news = new Map(newState.users.map((u) => [keyOf(u), u]));
  const order = (a, b) => a.kind === b.kind ? a.id - b.id : a.kind < b.kind ? -1 : 1;
  for (const before of [...olds.values()].sort(order)) {
    if (!news.has(keyOf(before)) && canSignIn(before)) d.left.push({ user: diffUser(before), how: "gone" });
  }
  for (const after of [...news.values()].sort(order)) {
    const before = olds.get(keyOf(after));
    const user = diffUser(after);
    if (!before) {
      if (canSignIn(after))
        d.joined.push({ user, how: "new", audience: after.audience, roles: roleSet(after) });
      continue;
    }
    if (canSignIn(before) && !canSignIn(after))
      d.left.push({ user, how: after.active ? "locked" : "deactivated" });
    if (!canSignIn(before) && canSignIn(after)) {
      d.joined.push({
        user,
        how: before.active ? "unlocked" : "reactivated",
        audience: after.audience,
        roles: roleSet(after)
      });
    }
    if (before.audience && after.audience && before.audience !== after.audience) {
      d.audienceChanged.push({ user, before: before.audience, after: after.audience });
    }
    const rolesBefore = roleSet(before);
    const rolesAfter = roleSet(after);
    const added = rolesAfter.filter((r) => !rolesBefore.includes(r));
    const removed = rolesBefore.filter((r) => !rolesAfter.includes(r));
    if (added.length > 0 || removed.length > 0) d.rolesChanged.push({ user, added, removed });
    if (before.businessUnit !== after.businessUnit) {
      d.businessUnitChanged.push({ user, before: before.businessUnit, after: after.businessUnit });
    }
    if (comparable) {
      const heldBefore = heldKeys(oldState, before, names);
      const heldAfter = heldKeys(newState, after, names);
      for (const p of [...heldAfter].filter((k) => comparable(k) && !heldBefore.has(k)).sort()) {
        d.permissionsGained.push({ user, permission: p });
      }
      for (const p of [...heldBefore].filter((k) => comparable(k) && !heldAfter.has(k)).sort()) {
        d.permissionsLost.push({ user, permission: p });
      }
    }
  }
  const byUser = (a, b) => a.user.kind === b.user.kind ? a.user.id - b.user.id : a.user.kind < b.user.kind ? -1 : 1;
  d.left.sort(byUser);
  if (oldState.findings && newState.findings)
    Object.assign(d, diffFindings(oldState.findings, newState.findings));
  else notes.push("Findings are not compared: a snapshot has none (compare two evidence packs for that).");
  if (oldState.exemptions && newState.exemptions) {
    Object.assign(d, diffExemptions(oldState.exemptions, newState.exemptions));
  } else notes.push("Exemptions are not compared: a snapshot has none.");
  if (oldState.tenant && newState.tenant && oldState.tenant !== newState.tenant) {
    notes.push(`The two reviews are of different tenants (${oldState.tenant} and ${newState.tenant}).`);
  }
  return d;
}
function changeCount(d) {
  return d.joined.length + d.left.length + d.audienceChanged.length + d.rolesChanged.length + d.businessUnitChanged.length + d.permissionsGained.length + d.permissionsLost.length + d.findingsOpened.length + d.findingsClosed.length + d.exemptionsAdded.length + d.exemptionsExpired.length + d.exemptionsRemoved.length;
}

// src/evidence/render-diff.ts
import path from "node:path";
var ROWS_PER_SECTION = 30;
var CELL = 100;
function section(title, tone, marker, items, header, cells) {
  return {
    title,
    tone,
    marker,
    count: items.length,
    header,
    rows: items.slice(0, ROWS_PER_SECTION).map(cells)
  };
}
var who = (u) => `${u.name || "(no name)"}${u.contact ? ` <${u.contact}>` : ""} (${u.kind} ${u.id})`;
var findingWho = (f) => f.user ? `${f.user.name} (${f.user.kind} ${f.user.id})` : "tenant";
var findingCells = (f) => [
  f.severity,
  f.rule,
  findingWho(f),
  f.message + (f.exempt ? " [exempt]" : "")
];
var exemptionCells = (e) => [
  e.user ?? "tenant-level findings",
  e.rules.join(", "),
  e.expires,
  e.approvedBy,
  e.ticket ?? ""
];
var FINDING_HEADER = ["Severity", "Rule", "Who", "Finding"];
var EXEMPTION_HEADER = ["For", "Rules", "Expires", "Approved by", "Ticket"];
function sections(d) {
  const joinerCells = (j) => [
    who(j.user),
    j.how,
    j.audience ?? "",
    j.roles.join(", ")
  ];
  const all = [
    section(
      "Joined",
      "32",
      "+",
      d.joined.filter((j) => j.how !== "unlocked"),
      ["Who", "How", "Audience", "Roles"],
      joinerCells
    ),
    section(
      "Unlocked",
      "33",
      "+",
      d.joined.filter((j) => j.how === "unlocked"),
      ["Who", "How", "Audience", "Roles"],
      joinerCells
    ),
    section(
      "Left",
      "31",
      "-",
      d.left.filter((l) => l.how !== "locked"),
      ["Who", "How"],
      (l) => [who(l.user), l.how]
    ),
    section(
      "Locked",
      "33",
      "-",
      d.left.filter((l) => l.how === "locked"),
      ["Who", "How"],
      (l) => [who(l.user), l.how]
    ),
    section("Audience changed", "33", "~", d.audienceChanged, ["Who", "Before", "After"], (a) => [
      who(a.user),
      a.before,
      a.after
    ]),
    section("Roles changed", "33", "~", d.rolesChanged, ["Who", "Added", "Removed"], (r) => [
      who(r.user),
      r.added.join(", "),
      r.removed.join(", ")
    ]),
    section("Business unit changed", "33", "~", d.businessUnitChanged, ["Who", "Before", "After"], (b) => [
      who(b.user),
      b.before ?? "(none)",
      b.after ?? "(none)"
    ]),
    section("Permissions gained", "32", "+", d.permissionsGained, ["Who", "Permission"], (p) => [
      who(p.user),
      p.permission
    ]),
    section("Permissions lost", "31", "-", d.permissionsLost, ["Who", "Permission"], (p) => [
      who(p.user),
      p.permission
    ]),
    section("Findings opened", "31", "+", d.findingsOpened, FINDING_HEADER, findingCells),
    section("Findings closed", "32", "-", d.findingsClosed, FINDING_HEADER, findingCells),
    section("Exemptions added", "33", "+", d.exemptionsAdded, EXEMPTION_HEADER, exemptionCells),
    section("Exemptions expired", "31", "!", d.exemptionsExpired, EXEMPTION_HEADER, exemptionCells),
    section("Exemptions removed", "33", "-", d.exemptionsRemoved, EXEMPTION_HEADER, exemptionCells)
  ];
  return all.filter((s) => s.count > 0);
}
var plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
function shownPath(source, root) {
  if (!root || !path.isAbsolute(source)) return source;
  const relative = path.relative(root, source);
  if (relative === "") return ".";
  if (relative.startsWith("..") || path.isAbsolute(relative)) return source;
  return relative.split(path.sep).join("/");
}
var stamp = (side, root) => {
  const where = shownPath(side.source, root);
  return side.takenAt ? `${where} (${side.takenAt})` : where;
};
function renderDiffText(d, opts) {
  const paint = ansi(opts.color);
  const total = changeCount(d);
  const lines = [
    paint(
      `What changed from ${inlinePlain(stamp(d.from, opts.root), 160)} to ${inlinePlain(stamp(d.to, opts.root), 160)}`,
      "1"
    ),
    total === 0 ? "No changes." : `${plural(total, "change")}.`
  ];
  for (const s of sections(d)) {
    lines.push("", paint(`${s.title} (${s.count})`, "1"));
    for (const row of s.rows) {
      const [first, ...rest] = row.map((c) => inlinePlain(c, CELL));
      const detail = rest.filter((c) => c !== "").join(" \xB7 ");
      lines.push(`  ${paint(s.marker, s.tone)} ${first}${detail ? `  ${paint(detail, "2")}` : ""}`);
    }
    if (s.count > s.rows.length) lines.push(`    \u2026 and ${s.count - s.rows.length} more`);
  }
  for (const note of d.notes) lines.push("", paint(inlinePlain(note, 300), "2"));
  return lines.join("\n") + "\n";
}
function renderDiffMarkdown(d, opts = {}) {
  const total = changeCount(d);
  const out = [
    "### Access changes since the last review\n",
    `From ${inlineMarkdown(stamp(d.from, opts.root), 160)} to ${inlineMarkdown(stamp(d.to, opts.root), 160)}: ${total === 0 ? "no changes" : plural(total, "change")}.
`
  ];
  for (const s of sections(d)) {
    out.push(`
#### ${s.title} (${s.count})

`);
    out.push(`| ${s.header.join(" | ")} |
|${s.header.map(() => " --- |").join("")}
`);
    for (const row of s.rows) out.push(`| ${row.map((c) => inlineMarkdown(c, CELL)).join(" | ")} |
`);
    if (s.count > s.rows.length) out.push(`
and ${s.count - s.rows.length} more
`);
  }
  if (d.notes.length > 0) out.push("\n" + d.notes.map((n) => `> ${inlineMarkdown(n, 300)}
`).join(">\n"));
  return out.join("");
}

export {
  TOOL_NAME,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  ROSTER_FILE,
  FINDINGS_FILE,
  EXEMPTIONS_FILE,
  PLAN_FILE,
  REPORT_FILE,
  RESERVED_FILES,
  sha256Hex,
  describeFile,
  renderManifest,
  parseManifest,
  peopleMasker,
  rosterCsv,
  findingsCsv,
  exemptionsCsv,
  planCsv,
  loadReviewState,
  diffReviews,
  renderDiffText,
  renderDiffMarkdown
};
