import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  diffReviews,
  renderDiffMarkdown,
  renderDiffText
} from "./chunk-DDDMLEFM.js";
import "./chunk-IUN4THX5.js";
import {
  loadReviewState
} from "./chunk-NIYBDEN7.js";
import "./chunk-ZLQYN6EA.js";
import {
  MANIFEST_FILE,
  SIGNATURE_FILE,
  parseManifest,
  sha256Hex
} from "./chunk-A6U6MA56.js";
import "./chunk-F7KJDFSJ.js";
import "./chunk-7Y4HBSSD.js";
import "./chunk-6NYRC7FI.js";
import "./chunk-O3RGELUA.js";
import {
  keyFingerprint,
  parseSignature,
  readPublicKey,
  signatureMatches
} from "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import "./chunk-EIDODBDB.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";
import {
  inlinePlain
} from "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/evidence/cli.ts
import { readFile as readFile2 } from "node:fs/promises";

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
function checkAuthorship(manifestBytes, signature, publicKey, signedBy) {
  if (!publicKey) return { checked: false, signedBy };
  const key = keyFingerprint(publicKey);
  if (signature === null) return { checked: true, key, outcome: "unsigned", signedBy };
  const parsed = parseSignature(signature);
  const valid = manifestBytes !== null && parsed !== null && signatureMatches(manifestBytes, parsed, publicKey);
  return { checked: true, key, outcome: valid ? "valid" : "invalid", signedBy };
}
async function verifyEvidencePack(dir, options = {}) {
  await assertFolder(dir, "evidence folder");
  const present = (await listFiles(dir)).sort();
  const manifestBytes = await readIfFile(join(dir, MANIFEST_FILE));
  const signature = await readIfFile(join(dir, SIGNATURE_FILE));
  const manifest = manifestBytes === null ? null : parseManifest(manifestBytes.toString("utf8"));
  const authorship = checkAuthorship(
    manifestBytes,
    signature,
    options.publicKey,
    manifest?.signature?.publicKeyFingerprint ?? null
  );
  if (manifestBytes === null) {
    return { ok: false, problems: [{ file: MANIFEST_FILE, problem: "missing" }], manifest: null, authorship };
  }
  if (manifest === null) {
    return {
      ok: false,
      problems: [{ file: MANIFEST_FILE, problem: "modified" }],
      manifest: null,
      authorship
    };
  }
  const problems = [];
  for (const entry of manifest.files) {
    const content = await readIfFile(join(dir, entry.path));
    if (content === null) problems.push({ file: entry.path, problem: "missing" });
    else if (content.byteLength !== entry.bytes || sha256Hex(content) !== entry.sha256) {
      problems.push({ file: entry.path, problem: "modified" });
    }
  }
  if (signature === null) {
    if (manifest.signature) problems.push({ file: SIGNATURE_FILE, problem: "missing" });
  } else if (parseSignature(signature) === null) {
    problems.push({ file: SIGNATURE_FILE, problem: "modified" });
  }
  const listed = /* @__PURE__ */ new Set([MANIFEST_FILE, SIGNATURE_FILE, ...manifest.files.map((f) => f.path)]);
  for (const path of present) if (!listed.has(path)) problems.push({ file: path, problem: "unexpected" });
  const authentic = !authorship.checked || authorship.outcome === "valid";
  return { ok: problems.length === 0 && authentic, problems, manifest, authorship };
}

// src/evidence/cli.ts
var processOutput = () => ({
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY)
});
var EVIDENCE_USAGE = "Usage: st-access-guard evidence verify DIR [--public-key FILE]\n";
var DIFF_USAGE = "Usage: st-access-guard diff OLD NEW [--json | --markdown]   (packs or snapshot files)\n";
async function publicKeyFrom(file) {
  const shown = inlinePlain(file, 200);
  let pem;
  try {
    pem = await readFile2(file, "utf8");
  } catch {
    throw new ConfigurationError(
      "evidence.invalid-public-key",
      `The public key ${shown} (--public-key) cannot be read.`,
      "Give the PEM file of the Ed25519 public key the pack was signed with (evidence-signing.pub)."
    );
  }
  const reading = readPublicKey(pem);
  if (reading.problem !== void 0) {
    throw new ConfigurationError(
      "evidence.invalid-public-key",
      `The public key ${shown} (--public-key) ${reading.problem}`,
      reading.hint
    );
  }
  return reading.key;
}
var PROVES_INTEGRITY = "no file of the pack is missing, changed or added since manifest.json was written (integrity, against accidents).";
function authorshipLines(result, intact) {
  const a = result.authorship;
  if (!a.checked) {
    const why = a.signedBy ? `no key given; the manifest names the signing key ${a.signedBy}, which --public-key FILE checks` : "unsigned";
    return [
      `integrity checked; authorship not checked (${why})`,
      ...intact ? [
        `What this proves: ${PROVES_INTEGRITY} It does not prove who wrote the pack: anyone who can edit a file can also recompute the manifest.`
      ] : []
    ];
  }
  if (a.outcome === "unsigned") {
    return [
      `not signed: the pack has no ${SIGNATURE_FILE}, so the key ${a.key} (--public-key) vouches for nothing in it`
    ];
  }
  if (a.outcome === "invalid") {
    const named = a.signedBy && a.signedBy !== a.key ? ` (the manifest names the key ${a.signedBy})` : "";
    return [
      `not authentic: ${SIGNATURE_FILE} is not a signature over manifest.json by the key ${a.key} (--public-key): the manifest was changed after it was signed, or another key signed it${named}`
    ];
  }
  return [
    `signed: ${SIGNATURE_FILE} is a valid signature over manifest.json by the key ${a.key} (--public-key)`,
    ...intact ? [
      `What this proves: ${PROVES_INTEGRITY} And manifest.json, with the hash of every file it lists, was signed by the holder of that key's private key. It does not prove that what the pack records was right.`
    ] : []
  ];
}
async function runEvidenceCommand(args, values, out = processOutput()) {
  const [action, dir, ...extra] = args;
  if (action !== "verify" || dir === void 0 || dir === "" || extra.length > 0) {
    out.stderr(`st-access-guard: evidence needs \`verify\` and one folder.
${EVIDENCE_USAGE}`);
    return 2;
  }
  const keyFile = values["public-key"];
  const publicKey = typeof keyFile === "string" ? await publicKeyFrom(keyFile) : void 0;
  const result = await verifyEvidencePack(dir, publicKey ? { publicKey } : {});
  const intact = result.problems.length === 0;
  const lines = [];
  if (intact) {
    lines.push(`intact: ${result.manifest?.files.length ?? 0} files verified`);
  } else {
    const why = result.manifest === null ? "the manifest is missing or unreadable, so no file can be vouched for" : `${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}`;
    lines.push(
      `not intact: ${why}`,
      ...result.problems.map((p) => `  ${p.problem}: ${inlinePlain(p.file, 300)}`)
    );
  }
  lines.push(...authorshipLines(result, intact));
  out.stdout(lines.join("\n") + "\n");
  return result.ok ? 0 : 1;
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
