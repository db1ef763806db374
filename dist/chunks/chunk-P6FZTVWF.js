import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-5VFH7U4S.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";

// src/apply/undo-journal.ts
import { readFile } from "node:fs/promises";
var UserState = external_exports.object({
  active: external_exports.boolean(),
  locked: external_exports.boolean(),
  roleIds: external_exports.array(external_exports.number().int())
});
var JournalStep = external_exports.looseObject({
  action: external_exports.string(),
  role: external_exports.string().optional(),
  roleId: external_exports.number().int().optional(),
  user: external_exports.looseObject({
    kind: external_exports.enum(["employee", "technician"]),
    id: external_exports.number().int(),
    userId: external_exports.number().int().nullish(),
    name: external_exports.string().nullish(),
    email: external_exports.string().nullish()
  }),
  rules: external_exports.array(external_exports.string()).optional(),
  findings: external_exports.array(external_exports.string()).optional(),
  status: external_exports.string(),
  before: UserState.optional(),
  after: UserState.optional(),
  seal: external_exports.string().optional()
});
function reportOf(step) {
  return external_exports.looseObject({
    version: external_exports.literal(1),
    mode: external_exports.string(),
    tenant: external_exports.string().nullable(),
    environment: external_exports.string(),
    finishedAt: external_exports.string().optional(),
    plan: external_exports.array(step)
  });
}
var ApplyReport = reportOf(JournalStep);
var REVERSIBLE = /* @__PURE__ */ new Set(["lock", "deactivate", "set-role"]);
function notAnApplyReport(file, why) {
  return new ConfigurationError(
    "undo.not-an-apply-report",
    `${file} is not the report of an apply: ${why}`,
    "Give the JSON report an earlier `apply` wrote (the `report` input or --report of that run, e.g. downloaded from its artifact)."
  );
}
function parseApplyJournal(text, file, connected) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw notAnApplyReport(file, `it is not JSON (${error.message}).`);
  }
  const parsed = ApplyReport.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "the report";
    throw notAnApplyReport(file, `${where}: ${issue?.message ?? "unreadable"}.`);
  }
  const report = parsed.data;
  if (report.mode !== "apply") {
    throw notAnApplyReport(
      file,
      `it was written by a \`${report.mode}\` run${report.mode === "undo" ? " (undo reverses an apply, not another undo)" : ""}.`
    );
  }
  if (report.tenant !== connected.tenant || report.environment !== connected.environment) {
    throw new ConfigurationError(
      "undo.wrong-tenant",
      `${file} is the report of tenant ${report.tenant ?? "(none)"} (${report.environment}), but this run is connected to tenant ${connected.tenant} (${connected.environment}).`,
      "Run undo with the credentials and environment of the tenant the apply changed."
    );
  }
  const steps = [];
  let unverified = 0;
  for (const step of report.plan) {
    if (step.status === "applied") unverified++;
    if (step.status !== "verified" || !step.before || !REVERSIBLE.has(step.action)) continue;
    steps.push({
      action: step.action,
      ...step.role !== void 0 ? { role: step.role } : {},
      ...step.roleId !== void 0 ? { roleId: step.roleId } : {},
      user: {
        kind: step.user.kind,
        id: step.user.id,
        userId: step.user.userId ?? null,
        name: step.user.name ?? "",
        email: step.user.email ?? null
      },
      rules: step.rules ?? [],
      findings: step.findings ?? [],
      status: "verified",
      before: { active: step.before.active, locked: step.before.locked, roleIds: [...step.before.roleIds] },
      ...step.after ? {
        after: { active: step.after.active, locked: step.after.locked, roleIds: [...step.after.roleIds] }
      } : {},
      ...step.seal !== void 0 ? { seal: step.seal } : {}
    });
  }
  return {
    file,
    tenant: report.tenant ?? "",
    environment: report.environment,
    finishedAt: report.finishedAt ?? null,
    steps,
    unverified
  };
}
async function readApplyJournal(file, resolved, connected) {
  let text;
  try {
    text = await readFile(resolved, "utf8");
  } catch (error) {
    const code = error.code;
    throw new ConfigurationError(
      "undo.report-not-found",
      `Cannot read the apply report ${file}: ${code === "ENOENT" ? "no such file" : error.message}.`,
      "Give the path of the JSON report the apply wrote: `st-access-guard undo REPORT`, or the `report` input with `mode: undo`."
    );
  }
  return parseApplyJournal(text, file, connected);
}
function undoJournalPath(applyReportPath) {
  return `${applyReportPath}.undo.json`;
}

export {
  UserState,
  reportOf,
  readApplyJournal,
  undoJournalPath
};
