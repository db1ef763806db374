import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  stateChanges,
  stateOf
} from "./chunk-5ZIREPRA.js";
import "./chunk-76T6MM7J.js";
import {
  UserState,
  reportOf
} from "./chunk-P6FZTVWF.js";
import {
  external_exports
} from "./chunk-5VFH7U4S.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/apply/pinned-plan.ts
import { readFile } from "node:fs/promises";
var ReviewedStep = external_exports.looseObject({
  action: external_exports.enum(["lock", "deactivate", "set-role"]),
  role: external_exports.string().optional(),
  roleId: external_exports.number().int().optional(),
  user: external_exports.looseObject({
    kind: external_exports.enum(["employee", "technician"]),
    id: external_exports.number().int(),
    userId: external_exports.number().int().nullish()
  }),
  status: external_exports.string(),
  before: UserState.optional()
});
var ReviewedReport = reportOf(external_exports.looseObject({ status: external_exports.string() }));
function notAPlan(file, why) {
  return new ConfigurationError(
    "input.invalid-plan",
    `${file} is not a reviewed plan: ${why}`,
    "Give the JSON report of the audit whose plan was reviewed (the `report` of that run, e.g. downloaded from its artifact)."
  );
}
async function readReviewedPlan(file, resolved, connected) {
  let raw;
  try {
    raw = JSON.parse(await readFile(resolved, "utf8"));
  } catch (error) {
    const code = error.code;
    throw notAPlan(file, code === "ENOENT" ? "no such file." : "it is not JSON.");
  }
  const parsed = ReviewedReport.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw notAPlan(file, `${issue?.path.join(".") || "the report"}: ${issue?.message ?? "unreadable"}.`);
  }
  const report = parsed.data;
  if (report.mode !== "audit") {
    throw notAPlan(
      file,
      `it was written by a \`${report.mode}\` run; a plan is reviewed in an audit's report.`
    );
  }
  if (report.tenant !== connected.tenant || report.environment !== connected.environment) {
    throw new ConfigurationError(
      "input.plan-wrong-tenant",
      `${file} is the plan of tenant ${report.tenant ?? "(none)"} (${report.environment}), but this run is connected to tenant ${connected.tenant} (${connected.environment}).`,
      "Give the reviewed plan of the tenant this run applies to."
    );
  }
  const steps = [];
  for (const [index, step] of report.plan.entries()) {
    if (step.status !== "planned") continue;
    const checked = ReviewedStep.safeParse(step);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw notAPlan(
        file,
        `plan.${index}.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "unreadable"}.`
      );
    }
    steps.push(checked.data);
  }
  return { file, finishedAt: report.finishedAt ?? null, steps };
}
var key = (s) => `${s.user.kind}:${s.user.id}`;
function pinPlan(reviewed, fresh, snapshot) {
  const users = new Map(snapshot.users.map((u) => [`${u.kind}:${u.id}`, u]));
  const freshByUser = new Map(fresh.map((s) => [key(s), s]));
  const reviewedUsers = new Set(reviewed.steps.map(key));
  const pinned = [];
  for (const step of reviewed.steps) {
    const now = freshByUser.get(key(step));
    const user = users.get(key(step));
    const shown = now ?? {
      action: step.action,
      ...step.role !== void 0 ? { role: step.role } : {},
      ...step.roleId !== void 0 ? { roleId: step.roleId } : {},
      user: {
        kind: step.user.kind,
        id: step.user.id,
        userId: step.user.userId ?? null,
        name: user?.name ?? "",
        email: user?.email ?? null
      },
      rules: [],
      findings: [],
      status: "skipped"
    };
    const skip = (reason) => ({ ...shown, status: "skipped", reason });
    if (!user) {
      pinned.push(skip("in the reviewed plan, but no longer in the tenant"));
    } else if (!now || now.status !== "planned") {
      pinned.push(
        now?.status === "skipped" ? now : skip(
          "in the reviewed plan, but the policy no longer plans it: nothing to do, or the policy changed"
        )
      );
    } else if (now.action !== step.action || now.roleId !== step.roleId) {
      pinned.push(
        skip(
          `the review planned ${step.action}${step.role ? ` \u2192 ${step.role}` : ""}, the policy now plans ${now.action}${now.role ? ` \u2192 ${now.role}` : ""}: review the plan again`
        )
      );
    } else {
      const seen = step.before ?? now.before;
      const changes = seen ? stateChanges(seen, stateOf(user), "when reviewed") : [];
      pinned.push(
        changes.length > 0 ? skip(`changed since the review: ${changes.join("; ")}`) : { ...now, ...seen ? { before: seen } : {} }
      );
    }
  }
  for (const step of fresh) {
    if (reviewedUsers.has(key(step))) continue;
    pinned.push(
      step.status === "planned" ? { ...step, status: "skipped", reason: "not in the reviewed plan: review it in the next plan" } : step
    );
  }
  return pinned;
}
export {
  pinPlan,
  readReviewedPlan
};
