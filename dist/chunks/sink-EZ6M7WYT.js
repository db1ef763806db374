import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  EXEMPTIONS_FILE,
  FINDINGS_FILE,
  MANIFEST_FILE,
  PLAN_FILE,
  REPORT_FILE,
  RESERVED_FILES,
  ROSTER_FILE,
  describeFile,
  diffReviews,
  exemptionsCsv,
  findingsCsv,
  loadReviewState,
  peopleMasker,
  planCsv,
  renderDiffMarkdown,
  renderManifest,
  rosterCsv,
  sha256Hex
} from "./chunk-5KYVHAIM.js";
import "./chunk-T52YJYTF.js";
import {
  renderJson
} from "./chunk-BIGH7BX5.js";
import "./chunk-LXH2JKLY.js";
import {
  classifyAudience
} from "./chunk-PDVVMBJ2.js";
import {
  inWorkspace
} from "./chunk-T3P4LWFM.js";
import "./chunk-ZHCADPYF.js";
import {
  TOOL_VERSION
} from "./chunk-47HB3AU5.js";
import {
  ConfigurationError
} from "./chunk-XHRDWC7O.js";
import "./chunk-WD5L72B6.js";

// src/evidence/sink.ts
import { readFile } from "node:fs/promises";
import path from "node:path";

// src/evidence/pack.ts
import { randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
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
    files.set(ROSTER_FILE, rosterCsv(snapshot, policy, { redact, ...audienceOf ? { audienceOf } : {} }));
  files.set(FINDINGS_FILE, findingsCsv(report));
  files.set(
    EXEMPTIONS_FILE,
    exemptionsCsv(policy, report, snapshot, { redact, maskText, now: new Date(report.startedAt) })
  );
  files.set(PLAN_FILE, planCsv(report));
  files.set(REPORT_FILE, renderJson(report));
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
    files: [...files.entries()].map(([path2, content]) => describeFile(path2, content)).sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  };
  return { files, manifest };
}
function errorCode(error) {
  return error?.code;
}
async function assertReplaceable(target) {
  let stat;
  try {
    stat = await lstat(target);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw error;
  }
  if (!stat.isDirectory()) {
    throw new ConfigurationError(
      "evidence.not-a-folder",
      `The evidence path ${target} exists and is not a folder.`,
      "Point `evidence` at a new or empty folder, or at the folder of an earlier pack."
    );
  }
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
    throw new ConfigurationError(
      "evidence.folder-not-empty",
      `The evidence folder ${target} holds other files and is not an evidence pack; it was left untouched.`,
      "Point `evidence` at a new or empty folder; an earlier pack in that folder is replaced."
    );
  }
  return true;
}
async function writeEvidencePack(input) {
  const { files, manifest } = buildEvidencePack(input);
  const target = resolve(input.dir);
  await mkdir(dirname(target), { recursive: true });
  const exists = await assertReplaceable(target);
  const suffix = randomBytes(6).toString("hex");
  const temp = `${target}.partial-${suffix}`;
  await mkdir(temp);
  try {
    for (const [name, content] of files) await writeFile(join(temp, name), content, { flag: "wx" });
    await writeFile(join(temp, MANIFEST_FILE), renderManifest(manifest), { flag: "wx" });
    if (exists) {
      const previous = `${target}.previous-${suffix}`;
      await rename(target, previous);
      try {
        await rename(temp, target);
      } catch (error) {
        await rename(previous, target);
        throw error;
      }
      await rm(previous, { recursive: true, force: true });
    } else {
      await rename(temp, target);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return { dir: input.dir, files: [...manifest.files.map((f) => f.path), MANIFEST_FILE] };
}

// src/evidence/sink.ts
async function writeRunEvidence(settings, result, runUrl) {
  if (!settings.evidencePath) return null;
  const policyFile = inWorkspace(settings, settings.policyPath);
  const policyText = result.policy ? await readFile(policyFile, "utf8") : null;
  const { dir } = await writeEvidencePack({
    dir: inWorkspace(settings, settings.evidencePath),
    report: result.report,
    snapshot: result.snapshot,
    policy: result.policy,
    policyText,
    policyFileName: path.basename(settings.policyPath),
    redact: result.redacted,
    toolVersion: TOOL_VERSION,
    ...runUrl ? { runUrl } : {}
  });
  let sinceLastReview = null;
  if (settings.baselineEvidencePath) {
    const before = await loadReviewState(inWorkspace(settings, settings.baselineEvidencePath));
    const after = await loadReviewState(dir);
    sinceLastReview = renderDiffMarkdown(diffReviews(before, after));
  }
  return { dir, sinceLastReview };
}
export {
  writeRunEvidence
};
