/** The audit: a pure function of (policy, snapshot, now). Same inputs, same output, whatever their order. */
import { SEVERITIES, type Policy } from '../policy/types.js';
import { exemptionFindings, permissionUnmappedFindings } from './builtins.js';
import { applyExemptions, isExempt } from './exemptions.js';
import { buildPlan } from './plan.js';
import { roleIdsByName } from './role-directory.js';
import { evaluateRule, type MappingsByName } from './rules.js';
import type { Snapshot } from './snapshot.js';
import type { Evaluation, Finding } from './types.js';
import { referenceUnmatchedFindings } from './unmatched-references.js';
import { indexUsers } from './user-facts.js';
import { tenantCounts } from './counts.js';
import type { Directory } from '../domain/identity.js';
import { joinForPolicy, judgeIdentity } from './identity.js';

const severityRank = new Map(SEVERITIES.map((severity, rank) => [severity, rank]));

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Severity first (critical on top), then rule, user kind and id; tenant-level findings before users. */
export function compareFindingOrder(a: Finding, b: Finding): number {
  return (
    (severityRank.get(a.severity) ?? 0) - (severityRank.get(b.severity) ?? 0) ||
    compareText(a.rule, b.rule) ||
    compareText(a.user?.kind ?? '', b.user?.kind ?? '') ||
    (a.user?.id ?? -1) - (b.user?.id ?? -1) ||
    compareText(a.id, b.id)
  );
}

export function countFindings(
  snapshot: Snapshot,
  findings: readonly Finding[],
  audiences: readonly string[],
) {
  const counts = tenantCounts(snapshot, audiences.filter((audience) => audience === 'external').length);
  for (const finding of findings) {
    if (isExempt(finding)) {
      counts.exempted += 1;
    } else {
      counts.findings += 1;
      counts[finding.severity] += 1;
    }
  }
  return counts;
}

/** `directories`: with an `identity` section, every source's directory, read completely (SPEC §8). */
export function evaluate(
  policy: Policy,
  snapshot: Snapshot,
  now: Date,
  directories: readonly Directory[] = [],
): Evaluation {
  const identity = policy.identity
    ? joinForPolicy(policy.identity, policy.organization, snapshot.users, directories)
    : null;
  const users = indexUsers(snapshot.users, policy, identity?.facts);
  const mappings: MappingsByName = new Map(policy.permissions.map((mapping) => [mapping.name, mapping]));
  const ruleFindings = policy.rules.flatMap((rule) => evaluateRule(rule, users, mappings));
  const judged =
    policy.identity && identity
      ? judgeIdentity(policy, policy.identity, users, identity, directories, now)
      : null;
  if (judged) ruleFindings.push(...judged.findings);
  const exempted = applyExemptions(ruleFindings, policy.exemptions, now);
  const findings = [
    ...exempted.findings,
    ...exemptionFindings(policy, users, exempted.used, now),
    ...permissionUnmappedFindings(policy, snapshot.users),
    ...referenceUnmatchedFindings(policy, snapshot),
  ].sort(compareFindingOrder);
  const { plan, refusals } = buildPlan(policy, snapshot, findings, roleIdsByName(snapshot.roles));
  return {
    findings,
    plan,
    refusals,
    ...(judged ? { identity: judged.evaluation } : {}),
    counts: countFindings(
      snapshot,
      findings,
      users.map((facts) => facts.audience),
    ),
  };
}
