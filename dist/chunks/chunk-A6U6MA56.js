import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

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
var ATTESTATIONS_FILE = "attestations.csv";
var RESERVED_FILES = [
  MANIFEST_FILE,
  SIGNATURE_FILE,
  ROSTER_FILE,
  FINDINGS_FILE,
  EXEMPTIONS_FILE,
  PLAN_FILE,
  REPORT_FILE,
  ATTESTATIONS_FILE
];
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
function describeFile(path, content) {
  const bytes = typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.byteLength;
  return { path, sha256: sha256Hex(content), bytes };
}
function renderManifest(manifest) {
  return JSON.stringify(manifest, null, 2) + "\n";
}
function isSafePackPath(path) {
  if (path === "" || path.startsWith("/") || path.includes("\\") || path.includes("\0")) return false;
  return path.split("/").every((part) => part !== "" && part !== "." && part !== "..");
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
    const { path, sha256, bytes } = entry;
    if (typeof path !== "string" || !isSafePackPath(path) || path === MANIFEST_FILE || path === SIGNATURE_FILE)
      return null;
    if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256)) return null;
    if (typeof bytes !== "number" || !Number.isInteger(bytes) || bytes < 0) return null;
    files.push({ path, sha256, bytes });
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

export {
  csvTable,
  restoreCell,
  CsvSyntaxError,
  parseCsvRecords,
  TOOL_NAME,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  ROSTER_FILE,
  FINDINGS_FILE,
  EXEMPTIONS_FILE,
  PLAN_FILE,
  REPORT_FILE,
  ATTESTATIONS_FILE,
  RESERVED_FILES,
  sha256Hex,
  describeFile,
  renderManifest,
  parseManifest
};
