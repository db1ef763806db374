import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  exemptionsCsv,
  findingsCsv,
  peopleMasker,
  planCsv,
  rosterCsv
} from "./chunk-ZLQYN6EA.js";
import {
  EXEMPTIONS_FILE,
  FINDINGS_FILE,
  MANIFEST_FILE,
  PLAN_FILE,
  REPORT_FILE,
  RESERVED_FILES,
  ROSTER_FILE,
  SIGNATURE_FILE,
  TOOL_NAME,
  describeFile,
  parseManifest,
  renderManifest,
  sha256Hex
} from "./chunk-A6U6MA56.js";
import {
  renderJson
} from "./chunk-TWT5VFH6.js";
import {
  MAX_SIGNATURE_FILE_BYTES,
  keyFingerprint,
  parseSignature,
  signManifest
} from "./chunk-4X5BYMY3.js";
import {
  classifyAudience
} from "./chunk-EIDODBDB.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";
import {
  inlinePlain
} from "./chunk-Y7PV46DD.js";

// src/evidence/pack.ts
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join as join2, resolve as resolve2 } from "node:path";

// src/evidence/target.ts
import { lstat, readdir, readFile, realpath, rmdir, unlink } from "node:fs/promises";
import { join, relative, resolve, sep, isAbsolute } from "node:path";
var USE_OWN_FOLDER = "Point `evidence` at a folder of its own, such as `evidence` or `access-review`.";
function errorCode(error) {
  return error?.code;
}
async function realOrResolved(path) {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}
function holds(folder, inner) {
  const rel = relative(folder, inner);
  return rel === "" || !rel.startsWith("..") && !isAbsolute(rel);
}
function protectedFolder(target, why) {
  return new ConfigurationError(
    "evidence.protected-folder",
    `The evidence folder ${target} ${why}; the tool never replaces it, and left it untouched.`,
    USE_OWN_FOLDER
  );
}
function notOurPack(target, why) {
  return new ConfigurationError(
    "evidence.not-a-pack",
    `The evidence folder ${target} holds a manifest.json, but ${why}, so it is not a pack this tool wrote and was left untouched.`,
    `${USE_OWN_FOLDER} Only a folder holding an unchanged pack this tool wrote is replaced.`
  );
}
function listNames(names) {
  const shown = names.slice(0, 5).map((n) => inlinePlain(n, 80));
  return shown.join(", ") + (names.length > shown.length ? ` and ${names.length - shown.length} more` : "");
}
async function inspectPackTarget(target, protectedDirs) {
  if (resolve(target).split(sep).includes(".git")) throw protectedFolder(target, "is inside a Git folder");
  let stat;
  try {
    stat = await lstat(target);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return { kind: "absent" };
    throw error;
  }
  if (!stat.isDirectory()) {
    throw new ConfigurationError(
      "evidence.not-a-folder",
      `The evidence path ${target} exists and is not a folder.`,
      "Point `evidence` at a new or empty folder, or at the folder of an earlier pack."
    );
  }
  const real = await realpath(target);
  for (const dir of [...protectedDirs, process.cwd()]) {
    if (holds(real, await realOrResolved(dir))) {
      throw protectedFolder(target, `is the workspace or the current folder, or holds it (${dir})`);
    }
  }
  const entries = await readdir(target);
  if (entries.includes(".git")) throw protectedFolder(target, "holds a Git repository (.git)");
  if (entries.length === 0) return { kind: "empty" };
  if (!entries.includes(MANIFEST_FILE)) {
    throw new ConfigurationError(
      "evidence.folder-not-empty",
      `The evidence folder ${target} holds other files and is not an evidence pack; it was left untouched.`,
      "Point `evidence` at a new or empty folder; an earlier pack in that folder is replaced."
    );
  }
  const manifestPath = join(target, MANIFEST_FILE);
  if (!(await lstat(manifestPath)).isFile()) throw notOurPack(target, "it is not a plain file");
  const manifestBytes = await readFile(manifestPath);
  const manifest = parseManifest(manifestBytes.toString("utf8"));
  if (manifest === null) throw notOurPack(target, "it is not in the format of this tool");
  if (manifest.tool.name !== TOOL_NAME) {
    throw notOurPack(target, `it names ${JSON.stringify(inlinePlain(manifest.tool.name, 60))} as its tool`);
  }
  const nested = manifest.files.filter((f) => f.path.includes("/")).map((f) => f.path);
  if (nested.length > 0) throw notOurPack(target, `it lists files in subfolders (${listNames(nested)})`);
  for (const entry of manifest.files) {
    const path = join(target, entry.path);
    let fileStat;
    try {
      fileStat = await lstat(path);
    } catch (error) {
      if (errorCode(error) !== "ENOENT") throw error;
      throw notOurPack(target, `the ${inlinePlain(entry.path, 80)} it lists is missing`);
    }
    if (!fileStat.isFile())
      throw notOurPack(target, `the ${inlinePlain(entry.path, 80)} it lists is not a plain file`);
    const bytes = await readFile(path);
    if (bytes.byteLength !== entry.bytes || sha256Hex(bytes) !== entry.sha256) {
      throw notOurPack(target, `${inlinePlain(entry.path, 80)} was changed since the tool wrote it`);
    }
  }
  let signature = null;
  if (manifest.signature && entries.includes(SIGNATURE_FILE)) {
    const path = join(target, SIGNATURE_FILE);
    const sigStat = await lstat(path);
    if (!sigStat.isFile() || sigStat.size > MAX_SIGNATURE_FILE_BYTES)
      throw notOurPack(target, `its ${SIGNATURE_FILE} is not a signature file this tool wrote`);
    signature = await readFile(path);
    if (parseSignature(signature) === null)
      throw notOurPack(target, `its ${SIGNATURE_FILE} is not a signature file this tool wrote`);
  }
  const listed = /* @__PURE__ */ new Set([
    MANIFEST_FILE,
    ...manifest.files.map((f) => f.path),
    ...manifest.signature ? [SIGNATURE_FILE] : []
  ]);
  const others = entries.filter((name) => !listed.has(name)).sort();
  if (others.length > 0) {
    throw new ConfigurationError(
      "evidence.folder-not-empty",
      `The evidence folder ${target} holds an earlier pack and files the tool did not write (${listNames(others)}); it was left untouched.`,
      "Move those files out of the folder, or point `evidence` at another folder. The tool never deletes a file it did not write."
    );
  }
  return {
    kind: "pack",
    manifest: manifestBytes,
    files: manifest.files.map((f) => ({ name: f.path, sha256: f.sha256 })),
    signature
  };
}
async function removeEarlierPack(dir, earlier) {
  if (earlier.kind === "pack") {
    for (const file of earlier.files) {
      const path = join(dir, file.name);
      const bytes = await readFile(path).catch(() => null);
      if (bytes !== null && sha256Hex(bytes) === file.sha256) await unlink(path);
    }
    if (earlier.signature !== null) {
      const signaturePath = join(dir, SIGNATURE_FILE);
      const signature = await readFile(signaturePath).catch(() => null);
      if (signature !== null && signature.equals(earlier.signature)) await unlink(signaturePath);
    }
    const manifestPath = join(dir, MANIFEST_FILE);
    const manifest = await readFile(manifestPath).catch(() => null);
    if (manifest !== null && manifest.equals(earlier.manifest)) await unlink(manifestPath);
  }
  try {
    await rmdir(dir);
  } catch (error) {
    if (errorCode(error) !== "ENOTEMPTY" && errorCode(error) !== "EEXIST") throw error;
  }
}

// src/evidence/pack.ts
function policyCopyName(policyFileName) {
  const name = basename(policyFileName.replace(/\\/g, "/")).trim();
  if (name === "" || name === "." || name === "..") return "policy.yml";
  return RESERVED_FILES.includes(name) ? `policy-${name}` : name;
}
function buildEvidencePack(input) {
  const { report, snapshot, policy, redact } = input;
  const maskText = redact ? peopleMasker(snapshot, policy) : (text) => text;
  const audienceOf = input.audienceOf ?? (policy ? (u) => classifyAudience(u, policy.organization) : void 0);
  const files = /* @__PURE__ */ new Map();
  if (snapshot)
    files.set(
      ROSTER_FILE,
      rosterCsv(snapshot, policy, {
        redact,
        identity: input.identity ?? null,
        ...audienceOf ? { audienceOf } : {}
      })
    );
  files.set(FINDINGS_FILE, findingsCsv(report));
  files.set(
    EXEMPTIONS_FILE,
    exemptionsCsv(policy, report, snapshot, { redact, maskText, now: new Date(report.startedAt) })
  );
  files.set(PLAN_FILE, planCsv(report));
  files.set(REPORT_FILE, renderJson(report));
  for (const [name, content] of input.extraFiles ?? []) files.set(name, content);
  if (input.policyText !== null) {
    files.set(policyCopyName(input.policyFileName), maskText(input.policyText));
  }
  const policySha = report.policy.sha256 ?? policy?.source.sha256 ?? (input.policyText === null ? null : sha256Hex(input.policyText));
  const manifest = {
    version: 1,
    tool: { name: report.tool.name, version: input.toolVersion },
    tenant: report.tenant,
    environment: report.environment,
    policy: { path: report.policy.path, sha256: policySha },
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    ...input.runUrl ? { runUrl: input.runUrl } : {},
    redacted: redact,
    permissions: (policy?.permissions ?? []).map((m) => ({ name: m.name, id: m.id })),
    files: [...files.entries()].map(([path, content]) => describeFile(path, content)).sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    ...input.signingKey ? {
      signature: {
        file: SIGNATURE_FILE,
        algorithm: "ed25519",
        publicKeyFingerprint: keyFingerprint(input.signingKey)
      }
    } : {}
  };
  return { files, manifest };
}
async function writeEvidencePack(input) {
  const { files, manifest } = buildEvidencePack(input);
  const manifestBytes = Buffer.from(renderManifest(manifest), "utf8");
  const signature = input.signingKey ? signManifest(manifestBytes, input.signingKey) : null;
  const target = resolve2(input.dir);
  const earlier = await inspectPackTarget(target, input.protectedDirs ?? []);
  await mkdir(dirname(target), { recursive: true });
  const suffix = randomBytes(6).toString("hex");
  const temp = `${target}.partial-${suffix}`;
  await mkdir(temp);
  try {
    for (const [name, content] of files) await writeFile(join2(temp, name), content, { flag: "wx" });
    await writeFile(join2(temp, MANIFEST_FILE), manifestBytes, { flag: "wx" });
    if (signature !== null) await writeFile(join2(temp, SIGNATURE_FILE), signature, { flag: "wx" });
    if (earlier.kind === "absent") {
      await rename(temp, target);
    } else {
      const previous = `${target}.previous-${suffix}`;
      await rename(target, previous);
      try {
        await rename(temp, target);
      } catch (error) {
        await rename(previous, target);
        throw error;
      }
      await removeEarlierPack(previous, earlier);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return {
    dir: input.dir,
    files: [
      ...manifest.files.map((f) => f.path),
      MANIFEST_FILE,
      ...manifest.signature ? [SIGNATURE_FILE] : []
    ],
    signature: manifest.signature ? { file: SIGNATURE_FILE, publicKeyFingerprint: manifest.signature.publicKeyFingerprint } : null,
    replacedEarlier: earlier.kind === "pack"
  };
}

export {
  writeEvidencePack
};
