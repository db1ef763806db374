/**
 * `review: close` (or a sync that finds everything decided): the evidence pack with
 * `attestations.csv`, the revocations as the report's plan, the issues closed with a summary. The
 * evidence is written before any issue is closed, so a close that fails leaves the review open,
 * and running it again converges.
 */
import { ConfigurationError } from '../errors.js';
import { ATTESTATIONS_FILE } from '../evidence/manifest.js';
import { writeEvidencePack } from '../evidence/pack.js';
import { TOOL_VERSION } from '../version.js';
import { attestationsCsv } from './attestations.js';
import { parseCommentMarker } from './blocks.js';
import { closingBody, issueBody, progress } from './body.js';
import { campaignsOf, checkIntact, type Campaign } from './campaign.js';
import { isToolComment } from './decisions.js';
import { revocationPlan, revocationRefusals, type Revocation } from './revocations.js';
import type { Attestation } from './types.js';
import { finalReport } from './report.js';
import { derive, setSection, tenantLabel, tenantView, warnUnreadable, type State } from './state.js';

export async function close(
  state: State,
  known: Campaign | null,
  knownDecisions: Map<number, Map<string, Attestation>> | null,
): Promise<void> {
  const { options, notes } = state;
  let campaign = known;
  if (!campaign) {
    const { issues, unreadable } = await state.issues.campaignIssues(options.tenant, options.policyPath);
    warnUnreadable(state, unreadable);
    const all = campaignsOf(issues);
    campaign = all.find((c) => c.open) ?? all[all.length - 1] ?? null;
    if (!campaign) {
      throw new ConfigurationError(
        'review.no-campaign',
        `No access review of tenant ${options.tenant} with the policy ${options.policyPath} was found in ${options.github.owner}/${options.github.repo}, so there is nothing to close.`,
        'Run `review: start` first; its issues carry the label `servicetitan-access-review`.',
      );
    }
    if (!campaign.open) {
      notes.push(
        `The review started ${campaign.id.slice(0, 10)} is already closed; its evidence is written again from its issues.`,
      );
    }
    checkIntact(campaign);
  }
  const decisions = knownDecisions ?? (await derive(state, campaign)).decisions;
  setSection(state, campaign, decisions);
  const rows = state.section.attestations;

  const tenant = await tenantView(state, 'the revocations are planned');
  const revocations: Revocation[] = rows
    .filter((r) => r.decision === 'revoke')
    .map((r) => {
      const account = campaign.issues.flatMap((i) => i.accounts).find((a) => a.key === r.key)!;
      return {
        user: {
          kind: account.kind,
          id: account.id,
          userId: account.userId,
          name: account.name,
          email: account.email,
        },
        before: account.state,
      };
    });
  state.plan = revocationPlan(revocations, options.policy, tenant?.snapshot ?? null);
  state.refusals = tenant
    ? revocationRefusals(state.plan, options.policy, tenant.snapshot, options.maxChanges)
    : [];
  state.section.closed = true;

  // the evidence first: an issue is closed only once what it attests to is safely written
  if (options.evidence) {
    const report = finalReport(state, []);
    state.evidence = await writeEvidencePack({
      dir: options.evidence.dir,
      report,
      snapshot: tenant?.snapshot ?? null,
      policy: options.policy,
      policyText: options.evidence.policyText,
      policyFileName: options.evidence.policyFileName,
      redact: options.redact,
      toolVersion: TOOL_VERSION,
      ...(options.evidence.runUrl ? { runUrl: options.evidence.runUrl } : {}),
      protectedDirs: options.evidence.protectedDirs,
      signingKey: options.evidence.signingKey,
      extraFiles: new Map([[ATTESTATIONS_FILE, attestationsCsv(report.review!.attestations, campaign.hash)]]),
    });
  } else {
    notes.push(
      'No `evidence` folder was given, so no evidence pack (with attestations.csv) was written; `review: close` with `evidence` writes it from the closed issues at any time.',
    );
  }

  const s = state.section;
  for (const issue of campaign.issues) {
    if (issue.state !== 'open') continue;
    const comments = (await state.issues.comments(issue.number)).filter((c) =>
      isToolComment(c, issue.author),
    );
    if (!comments.some((c) => parseCommentMarker(c.body)?.kind === 'closed')) {
      const p = progress(issue.accounts, decisions.get(issue.number) ?? new Map());
      await state.issues.comment(
        issue.number,
        closingBody(
          { kept: p.kept, revoked: p.revoked, undecided: p.total - p.decided },
          campaign.hash,
          options.evidence?.runUrl,
        ),
      );
    }
    const body = issueBody(
      {
        header: issue.header,
        accounts: issue.accounts,
        decisions: decisions.get(issue.number) ?? new Map(),
        siblings: campaign.issues.map((i) => i.number),
        groupCount: Math.max(state.reviews.reviewers.length, ...campaign.groups.map((g) => g + 1)),
      },
      tenantLabel(options),
      options.now(),
    );
    if (body !== issue.body) await state.issues.updateBody(issue.number, body);
    await state.issues.close(issue.number);
    issue.state = 'closed';
  }
  for (const entry of s.issues) entry.state = 'closed';
  notes.push(
    `Access review closed: ${s.kept} kept, ${s.revoked} revoked, ${s.undecided} undecided. ${s.revoked > 0 ? "The revocations are this report's plan: `mode: apply` with `review-report` carries them out." : 'Nothing to revoke.'}`,
  );
}
