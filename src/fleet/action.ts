/**
 * The fleet modes in the action: outputs (`matrix`; the fleet's `status` and counts, `report`,
 * `dashboard`), the job summary, annotations on the fleet file and policies, and the step's fate.
 */
import * as core from '@actions/core';
import { PolicyError } from '../errors.js';
import type { Logger } from '../logger.js';
import { policyIssueAnnotations } from '../report/annotations.js';
import { inlineMarkdown, neutraliseWorkflowCommands } from '../report/text.js';
import type { Settings } from '../settings.js';
import { FleetFileError } from './file.js';
import { fleetExitCode, runFleetMatrix, runFleetReport } from './run.js';
import { renderFleetSummary } from './summary.js';

async function summary(markdown: string): Promise<void> {
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
}

export async function runFleetAction(settings: Settings, logger: Logger): Promise<void> {
  const deps = { logger, now: () => new Date() };
  if (settings.mode === 'fleet-matrix') {
    core.setOutput('matrix', '');
    let result;
    try {
      result = await runFleetMatrix(settings, deps);
    } catch (error) {
      // every problem of the fleet file and of every tenant policy, at its line
      if (error instanceof PolicyError || error instanceof FleetFileError) {
        for (const a of policyIssueAnnotations(error.issues)) {
          core.error(neutraliseWorkflowCommands(a.message), {
            title: a.title,
            ...(a.file ? { file: a.file } : {}),
            ...(a.startLine ? { startLine: a.startLine } : {}),
            ...(a.startColumn ? { startColumn: a.startColumn } : {}),
          });
        }
      }
      throw error;
    }
    const matrix = JSON.stringify(result.matrix);
    core.setOutput('matrix', matrix);
    core.setOutput('status', 'pass');
    core.info(`matrix: ${matrix}`);
    const rows = result.fleet.tenants.map(
      (t) =>
        `| ${inlineMarkdown(t.name, 100)} | \`${inlineMarkdown(t.policy, 200)}\` | ${t.environment} | \`ST_TENANT_${t.secretSuffix}\`, \`ST_CLIENT_ID_${t.secretSuffix}\`, … |`,
    );
    await summary(
      `## ✅ ServiceTitan fleet matrix\n\n${result.fleet.tenants.length} tenants from \`${inlineMarkdown(settings.fleetPath, 200)}\`; ${result.policies.length} polic${result.policies.length === 1 ? 'y' : 'ies'} checked, all valid.\n\n| Tenant | Policy | Environment | Secrets |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`,
    );
    return;
  }

  const result = await runFleetReport(settings, deps);
  const { report } = result;
  const t = report.totals;
  core.setOutput('status', report.status);
  core.setOutput('findings', t.findings + report.findings.length);
  core.setOutput('exempted', t.exempted);
  core.setOutput('critical', t.critical + report.findings.length);
  core.setOutput('high', t.high);
  core.setOutput('medium', t.medium);
  core.setOutput('low', t.low);
  core.setOutput('report', result.files.report);
  core.setOutput('dashboard', result.files.dashboard);
  for (const note of report.notes) core.notice(neutraliseWorkflowCommands(note));
  await summary(renderFleetSummary(report, result.files));
  core.info(
    `Fleet: ${report.status} — ${t.tenants} tenants (${t.errored} errored), ${t.critical} critical, ${t.high} high, ${t.medium} medium, ${t.low} low, ${report.findings.length} fleet findings. Dashboard: ${result.files.dashboard}`,
  );
  if (fleetExitCode(report) !== 0) {
    core.setFailed(
      neutraliseWorkflowCommands(
        report.status === 'error'
          ? `${t.errored} of ${t.tenants} tenants have no usable report (their audit errored or uploaded nothing); see the job summary.`
          : `Findings at or above fail-on \`${report.failOn}\` across the fleet; see the job summary and the dashboard.`,
      ),
    );
  }
}
