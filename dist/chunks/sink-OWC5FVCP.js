import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  writeEvidencePack
} from "./chunk-DRTKXOUB.js";
import {
  diffReviews,
  renderDiffMarkdown
} from "./chunk-DDDMLEFM.js";
import "./chunk-IUN4THX5.js";
import {
  loadReviewState
} from "./chunk-NIYBDEN7.js";
import "./chunk-ZLQYN6EA.js";
import "./chunk-A6U6MA56.js";
import "./chunk-F7KJDFSJ.js";
import "./chunk-TWT5VFH6.js";
import "./chunk-7Y4HBSSD.js";
import "./chunk-6NYRC7FI.js";
import "./chunk-O3RGELUA.js";
import {
  inWorkspace
} from "./chunk-WJCLWKAL.js";
import "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import "./chunk-EIDODBDB.js";
import {
  TOOL_VERSION
} from "./chunk-47HB3AU5.js";
import "./chunk-7435OWNU.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/evidence/sink.ts
import { readFile } from "node:fs/promises";
import path from "node:path";
async function writeRunEvidence(settings, result, runUrl) {
  if (!settings.evidencePath) return null;
  const policyFile = inWorkspace(settings, settings.policyPath);
  const policyText = result.policy ? await readFile(policyFile, "utf8") : null;
  const { dir, signature, replacedEarlier } = await writeEvidencePack({
    dir: inWorkspace(settings, settings.evidencePath),
    report: result.report,
    snapshot: result.snapshot,
    policy: result.policy,
    identity: result.identity,
    policyText,
    policyFileName: path.basename(settings.policyPath),
    redact: result.redacted,
    toolVersion: TOOL_VERSION,
    ...runUrl ? { runUrl } : {},
    protectedDirs: [settings.workspace],
    signingKey: settings.evidenceSigningKey
  });
  let sinceLastReview = null;
  if (settings.baselineEvidencePath) {
    const before = await loadReviewState(inWorkspace(settings, settings.baselineEvidencePath));
    const after = await loadReviewState(dir);
    sinceLastReview = renderDiffMarkdown(diffReviews(before, after), { root: settings.workspace });
  }
  return { dir, signature, sinceLastReview, replacedEarlier };
}
export {
  writeRunEvidence
};
