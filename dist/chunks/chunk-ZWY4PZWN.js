import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  checkMaxChanges,
  minAdminsRefusal,
  protectedRefusal
} from "./chunk-PNQK3LOO.js";
import {
  matchesAnyUserRef
} from "./chunk-EIDODBDB.js";
import {
  external_exports
} from "./chunk-5VFH7U4S.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";

// src/review/revocations.ts
import { readFile } from "node:fs/promises";
var REVIEW_RULE = "access-review";
function ids(roleIds) {
  return roleIds.length ? [...roleIds].sort((a, b) => a - b).join(", ") : "none";
}
function changesSinceFreeze(frozen, now) {
  const changes = [];
  if (now.active !== frozen.active) changes.push(`active is ${now.active} (when frozen ${frozen.active})`);
  if (now.locked !== frozen.locked) changes.push(`locked is ${now.locked} (when frozen ${frozen.locked})`);
  if (ids(now.roleIds) !== ids(frozen.roleIds)) {
    changes.push(`role ids are ${ids(now.roleIds)} (when frozen ${ids(frozen.roleIds)})`);
  }
  return changes;
}
function revocationAction(policy) {
  const fix = policy?.identity?.leaverFix;
  if (fix === "none") return null;
  return fix === "deactivate" ? "deactivate" : "lock";
}
function revocationPlan(revocations, policy, snapshot) {
  const action = revocationAction(policy);
  const users = new Map((snapshot?.users ?? []).map((u) => [`${u.kind}:${u.id}`, u]));
  return revocations.map((revocation) => {
    const current = users.get(`${revocation.user.kind}:${revocation.user.id}`);
    const step = {
      action: action ?? "lock",
      user: {
        ...revocation.user,
        ...current ? { name: current.name, email: current.email } : {}
      },
      rules: [REVIEW_RULE],
      findings: [],
      status: "planned",
      before: { ...revocation.before, roleIds: [...revocation.before.roleIds] }
    };
    const skip = (reason) => ({ ...step, status: "skipped", reason });
    if (action === null) {
      return skip("identity.leaver-fix is none: revoke this access by hand in ServiceTitan");
    }
    if (!snapshot) return step;
    if (!current) return skip("revoked in the review, but no longer in the tenant");
    if (revocation.user.userId !== null && current.userId !== null && current.userId !== revocation.user.userId) {
      return skip(
        `the ${current.kind} #${current.id} now belongs to user ${current.userId}, not ${revocation.user.userId} as when reviewed`
      );
    }
    const changes = changesSinceFreeze(revocation.before, {
      active: current.active,
      locked: current.locked,
      roleIds: current.roleIds
    });
    if (changes.length > 0) return skip(`changed since the review froze the roster: ${changes.join("; ")}`);
    if (policy && matchesAnyUserRef(current, policy.safety.protectedUsers)) return skip("protected user");
    return step;
  });
}
function revocationRefusals(plan, policy, snapshot, maxChanges) {
  return [
    protectedRefusal(plan),
    minAdminsRefusal(policy, snapshot, plan),
    checkMaxChanges(plan, maxChanges)
  ].filter((r) => r !== null);
}
var RevocationStep = external_exports.looseObject({
  action: external_exports.string(),
  user: external_exports.looseObject({
    kind: external_exports.enum(["employee", "technician"]),
    id: external_exports.int(),
    userId: external_exports.int().nullish(),
    name: external_exports.string().nullish(),
    email: external_exports.string().nullish()
  }),
  rules: external_exports.array(external_exports.string()),
  before: external_exports.strictObject({ active: external_exports.boolean(), locked: external_exports.boolean(), roleIds: external_exports.array(external_exports.int()) })
});
var CloseReport = external_exports.looseObject({
  version: external_exports.literal(1),
  mode: external_exports.string(),
  tenant: external_exports.string().nullable(),
  environment: external_exports.string(),
  finishedAt: external_exports.string().optional(),
  plan: external_exports.array(external_exports.looseObject({ rules: external_exports.array(external_exports.string()).optional() })),
  review: external_exports.looseObject({
    action: external_exports.string(),
    closed: external_exports.boolean(),
    rosterSha256: external_exports.string().nullable(),
    attestations: external_exports.array(external_exports.looseObject({ key: external_exports.string(), decision: external_exports.string() }))
  }).optional()
});
function notAReviewReport(file, why) {
  return new ConfigurationError(
    "input.invalid-review-report",
    `${file} is not the report of a review's close: ${why}`,
    "Give the JSON report the `review: close` run wrote (its `report`, e.g. downloaded from that run's artifact or evidence pack)."
  );
}
async function readReviewReport(file, resolved, connected) {
  let raw;
  try {
    raw = JSON.parse(await readFile(resolved, "utf8"));
  } catch (error) {
    const code = error.code;
    throw notAReviewReport(file, code === "ENOENT" ? "no such file." : "it is not JSON.");
  }
  const parsed = CloseReport.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw notAReviewReport(
      file,
      `${issue?.path.join(".") || "the report"}: ${issue?.message ?? "unreadable"}.`
    );
  }
  const report = parsed.data;
  if (report.mode !== "review" || !report.review?.closed) {
    throw notAReviewReport(
      file,
      `it was written by a \`${report.mode}\`${report.review ? ` (${report.review.action})` : ""} run that did not close a review; the revocations are in the report of the run that closed it (\`review: close\`, or the \`sync\` that found everything decided).`
    );
  }
  if (report.tenant !== connected.tenant || report.environment !== connected.environment) {
    throw new ConfigurationError(
      "input.review-report-wrong-tenant",
      `${file} is the review of tenant ${report.tenant ?? "(none)"} (${report.environment}), but this run is connected to tenant ${connected.tenant} (${connected.environment}).`,
      "Give the close report of the review of the tenant this run applies to."
    );
  }
  const revoked = new Set(
    report.review.attestations.filter((a) => a.decision === "revoke").map((a) => a.key)
  );
  const revocations = [];
  for (const [index, step] of report.plan.entries()) {
    if (!step.rules?.includes(REVIEW_RULE)) continue;
    const checked = RevocationStep.safeParse(step);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw notAReviewReport(
        file,
        `plan.${index}.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "unreadable"}.`
      );
    }
    const { user, before } = checked.data;
    if (!revoked.has(`${user.kind}:${user.id}`)) {
      throw notAReviewReport(
        file,
        `plan.${index} revokes ${user.kind}:${user.id}, which the review's attestations do not say was revoked.`
      );
    }
    revocations.push({
      user: {
        kind: user.kind,
        id: user.id,
        userId: user.userId ?? null,
        name: user.name ?? "",
        email: user.email ?? null
      },
      before
    });
  }
  return {
    file,
    finishedAt: report.finishedAt ?? null,
    rosterSha256: report.review.rosterSha256,
    revocations
  };
}

export {
  REVIEW_RULE,
  changesSinceFreeze,
  revocationAction,
  revocationPlan,
  revocationRefusals,
  readReviewReport
};
