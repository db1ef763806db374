import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  MANIFEST_FILE,
  diffReviews,
  loadReviewState,
  parseManifest,
  renderDiffMarkdown,
  renderDiffText,
  sha256Hex
} from "./chunk-TK7EH7E7.js";
import "./chunk-IUN4THX5.js";
import {
  inlinePlain
} from "./chunk-5QOBHBMT.js";
import "./chunk-ILWAVEIH.js";
import "./chunk-IFN4XF6Q.js";
import "./chunk-BE5DOGDT.js";
import "./chunk-MR24Z3FG.js";
import {
  ConfigurationError
} from "./chunk-XHRDWC7O.js";
import "./chunk-WD5L72B6.js";

// src/evidence/verify.ts
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
async function listFiles(dir, prefix = "") {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const out = [];
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...await listFiles(dir, path));
    else out.push(path);
  }
  return out;
}
async function assertFolder(dir, what) {
  let isDir;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    throw new ConfigurationError(
      "evidence.not-found",
      `The ${what} ${dir} does not exist.`,
      "Give the folder an audit or apply run wrote with `--evidence DIR` (the `evidence` input)."
    );
  }
  if (!isDir) {
    throw new ConfigurationError(
      "evidence.not-a-folder",
      `The ${what} ${dir} is not a folder.`,
      "Give the folder that holds manifest.json, not a file inside it."
    );
  }
}
async function readIfFile(path) {
  try {
    return await readFile(path);
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return null;
    throw error;
  }
}
async function verifyEvidencePack(dir) {
  await assertFolder(dir, "evidence folder");
  const present = (await listFiles(dir)).sort();
  const manifestBytes = await readIfFile(join(dir, MANIFEST_FILE));
  if (manifestBytes === null) {
    return { ok: false, problems: [{ file: MANIFEST_FILE, problem: "missing" }], manifest: null };
  }
  const manifest = parseManifest(manifestBytes.toString("utf8"));
  if (manifest === null) {
    return { ok: false, problems: [{ file: MANIFEST_FILE, problem: "modified" }], manifest: null };
  }
  const problems = [];
  for (const entry of manifest.files) {
    const content = await readIfFile(join(dir, entry.path));
    if (content === null) problems.push({ file: entry.path, problem: "missing" });
    else if (content.byteLength !== entry.bytes || sha256Hex(content) !== entry.sha256) {
      problems.push({ file: entry.path, problem: "modified" });
    }
  }
  const listed = /* @__PURE__ */ new Set([MANIFEST_FILE, ...manifest.files.map((f) => f.path)]);
  for (const path of present) if (!listed.has(path)) problems.push({ file: path, problem: "unexpected" });
  return { ok: problems.length === 0, problems, manifest };
}

// src/evidence/cli.ts
var processOutput = () => ({
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY)
});
var EVIDENCE_USAGE = "Usage: st-access-guard evidence verify DIR\n";
var DIFF_USAGE = "Usage: st-access-guard diff OLD NEW [--json | --markdown]   (packs or snapshot files)\n";
async function runEvidenceCommand(args, _values, out = processOutput()) {
  const [action, dir, ...extra] = args;
  if (action !== "verify" || dir === void 0 || dir === "" || extra.length > 0) {
    out.stderr(`st-access-guard: evidence needs \`verify\` and one folder.
${EVIDENCE_USAGE}`);
    return 2;
  }
  const result = await verifyEvidencePack(dir);
  if (result.ok) {
    out.stdout(`intact: ${result.manifest?.files.length ?? 0} files verified
`);
    return 0;
  }
  const lines = result.problems.map((p) => `  ${p.problem}: ${inlinePlain(p.file, 300)}`);
  const why = result.manifest === null ? "the manifest is missing or unreadable, so no file can be vouched for" : `${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}`;
  out.stdout(`not intact: ${why}
${lines.join("\n")}
`);
  return 1;
}
async function runDiffCommand(args, values, out = processOutput()) {
  if (args.length !== 2 || args.some((a) => a === "")) {
    out.stderr(`st-access-guard: diff needs two packs or snapshots, OLD and NEW.
${DIFF_USAGE}`);
    return 2;
  }
  if (values.json && values.markdown) {
    out.stderr(`st-access-guard: choose one of --json and --markdown.
${DIFF_USAGE}`);
    return 2;
  }
  const [oldPath, newPath] = args;
  const diff = diffReviews(await loadReviewState(oldPath), await loadReviewState(newPath));
  if (values.json) out.stdout(JSON.stringify(diff, null, 2) + "\n");
  else if (values.markdown) out.stdout(renderDiffMarkdown(diff));
  else out.stdout(renderDiffText(diff, { color: out.isTTY && !values["no-color"] && !process.env.NO_COLOR }));
  return 0;
}
export {
  DIFF_USAGE,
  EVIDENCE_USAGE,
  runDiffCommand,
  runEvidenceCommand
};
