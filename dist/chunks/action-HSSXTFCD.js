import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  FleetFileError,
  fleetExitCode,
  renderFleetSummary,
  runFleetMatrix,
  runFleetReport
} from "./chunk-JDELN2DJ.js";
import {
  policyIssueAnnotations
} from "./chunk-CN26IO4X.js";
import "./chunk-A6U6MA56.js";
import "./chunk-UBDJSMVH.js";
import "./chunk-L45OQZPI.js";
import "./chunk-T3LMMHA3.js";
import "./chunk-2OMYLHX3.js";
import "./chunk-IKAUNPRK.js";
import "./chunk-RPQZQ367.js";
import "./chunk-B4MPU4M5.js";
import "./chunk-7Y4HBSSD.js";
import "./chunk-6NYRC7FI.js";
import "./chunk-LLWHVQOH.js";
import "./chunk-TXDFWF7U.js";
import "./chunk-44ZEGOLS.js";
import "./chunk-O3RGELUA.js";
import "./chunk-WJCLWKAL.js";
import "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import "./chunk-DBYO6JJB.js";
import "./chunk-EIDODBDB.js";
import "./chunk-5PL237VK.js";
import {
  error,
  info,
  notice,
  setFailed,
  setOutput,
  summary
} from "./chunk-ZSVVAO6A.js";
import "./chunk-47HB3AU5.js";
import "./chunk-7435OWNU.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import {
  PolicyError
} from "./chunk-GIX45REK.js";
import {
  inlineMarkdown,
  neutraliseWorkflowCommands
} from "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/fleet/action.ts
async function summary2(markdown) {
  if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(markdown).write();
}
async function runFleetAction(settings, logger) {
  const deps = { logger, now: () => /* @__PURE__ */ new Date() };
  if (settings.mode === "fleet-matrix") {
    setOutput("matrix", "");
    let result2;
    try {
      result2 = await runFleetMatrix(settings, deps);
    } catch (error2) {
      if (error2 instanceof PolicyError || error2 instanceof FleetFileError) {
        for (const a of policyIssueAnnotations(error2.issues)) {
          error(neutraliseWorkflowCommands(a.message), {
            title: a.title,
            ...a.file ? { file: a.file } : {},
            ...a.startLine ? { startLine: a.startLine } : {},
            ...a.startColumn ? { startColumn: a.startColumn } : {}
          });
        }
      }
      throw error2;
    }
    const matrix = JSON.stringify(result2.matrix);
    setOutput("matrix", matrix);
    setOutput("status", "pass");
    info(`matrix: ${matrix}`);
    const rows = result2.fleet.tenants.map(
      (t2) => `| ${inlineMarkdown(t2.name, 100)} | \`${inlineMarkdown(t2.policy, 200)}\` | ${t2.environment} | \`ST_TENANT_${t2.secretSuffix}\`, \`ST_CLIENT_ID_${t2.secretSuffix}\`, \u2026 |`
    );
    await summary2(
      `## \u2705 ServiceTitan fleet matrix

${result2.fleet.tenants.length} tenants from \`${inlineMarkdown(settings.fleetPath, 200)}\`; ${result2.policies.length} polic${result2.policies.length === 1 ? "y" : "ies"} checked, all valid.

| Tenant | Policy | Environment | Secrets |
| --- | --- | --- | --- |
${rows.join("\n")}
`
    );
    return;
  }
  const result = await runFleetReport(settings, deps);
  const { report } = result;
  const t = report.totals;
  setOutput("status", report.status);
  setOutput("findings", t.findings + report.findings.length);
  setOutput("exempted", t.exempted);
  setOutput("critical", t.critical + report.findings.length);
  setOutput("high", t.high);
  setOutput("medium", t.medium);
  setOutput("low", t.low);
  setOutput("report", result.files.report);
  setOutput("dashboard", result.files.dashboard);
  for (const note of report.notes) notice(neutraliseWorkflowCommands(note));
  await summary2(renderFleetSummary(report, result.files));
  info(
    `Fleet: ${report.status} \u2014 ${t.tenants} tenants (${t.errored} errored), ${t.critical} critical, ${t.high} high, ${t.medium} medium, ${t.low} low, ${report.findings.length} fleet findings. Dashboard: ${result.files.dashboard}`
  );
  if (fleetExitCode(report) !== 0) {
    setFailed(
      neutraliseWorkflowCommands(
        report.status === "error" ? `${t.errored} of ${t.tenants} tenants have no usable report (their audit errored or uploaded nothing); see the job summary.` : `Findings at or above fail-on \`${report.failOn}\` across the fleet; see the job summary and the dashboard.`
      )
    );
  }
}
export {
  runFleetAction
};
