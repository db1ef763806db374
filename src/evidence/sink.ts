/**
 * Writes the run's evidence pack (the `evidence` input / --evidence DIR) and, when a previous pack
 * is given, what changed since it. Shared by the action and the CLI.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineResult } from '../pipeline.js';
import { inWorkspace, type Settings } from '../settings.js';
import { TOOL_VERSION } from '../version.js';
import { writeEvidencePack } from './pack.js';
import { diffReviews, loadReviewState } from './diff.js';
import { renderDiffMarkdown } from './render-diff.js';

export interface EvidenceOutcome {
  dir: string;
  /** the signature file and the fingerprint of the key that signed it, when `evidence-signing-key` is set */
  signature: { file: string; publicKeyFingerprint: string } | null;
  /** Markdown "since the last review" section, when a baseline pack was given */
  sinceLastReview: string | null;
  /** an earlier pack of this tool was in the folder and has been replaced */
  replacedEarlier: boolean;
}

export async function writeRunEvidence(
  settings: Settings,
  result: PipelineResult,
  runUrl?: string,
): Promise<EvidenceOutcome | null> {
  if (!settings.evidencePath) return null;
  const policyFile = inWorkspace(settings, settings.policyPath);
  const policyText = result.policy ? await readFile(policyFile, 'utf8') : null;
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
    ...(runUrl ? { runUrl } : {}),
    protectedDirs: [settings.workspace],
    signingKey: settings.evidenceSigningKey,
  });
  let sinceLastReview: string | null = null;
  if (settings.baselineEvidencePath) {
    const before = await loadReviewState(inWorkspace(settings, settings.baselineEvidencePath));
    const after = await loadReviewState(dir);
    sinceLastReview = renderDiffMarkdown(diffReviews(before, after), { root: settings.workspace });
  }
  return { dir, signature, sinceLastReview, replacedEarlier };
}
