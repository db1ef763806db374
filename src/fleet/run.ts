/**
 * The two fleet modes, the same for the action and the command line: `fleet-matrix` checks the
 * fleet file and every tenant policy and makes the matrix; `fleet-report` rolls up the tenants'
 * reports, appends the history line and writes `fleet-report.json` and `fleet-dashboard.html`.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { writeFileAtomic } from '../files.js';
import type { Logger } from '../logger.js';
import { DEFAULT_REPORT_PATH, inWorkspace, shouldRedact, type Settings } from '../settings.js';
import { TOOL_VERSION } from '../version.js';
import { renderDashboard } from './dashboard.js';
import { loadFleetFile, type Fleet } from './file.js';
import { appendHistory, historyLine, readHistory, type HistoryLine } from './history.js';
import {
  checkFleetPolicies,
  fleetMatrix,
  policyLoader,
  type CheckedPolicy,
  type FleetMatrix,
} from './matrix.js';
import { PeopleIndex } from './people.js';
import { readTenantRuns } from './reports.js';
import {
  buildFleetReport,
  MAX_PEOPLE,
  redactFleetReport,
  renderFleetJson,
  type FleetReport,
} from './rollup.js';

export const FLEET_REPORT_FILE = 'fleet-report.json';
export const DASHBOARD_FILE = 'fleet-dashboard.html';

export interface FleetDeps {
  logger: Logger;
  now: () => Date;
}

export const isFleetMode = (mode: string): mode is 'fleet-matrix' | 'fleet-report' =>
  mode === 'fleet-matrix' || mode === 'fleet-report';

/** In Actions, the fleet file and the policies must stay inside the checkout, like the policy. */
function workspaceBound(settings: Settings): { workspace?: string } {
  return settings.event.name === 'cli' ? {} : { workspace: settings.workspace };
}

function loadFleet(settings: Settings): Promise<Fleet> {
  return loadFleetFile(inWorkspace(settings, settings.fleetPath), settings.fleetPath, {
    defaultPolicy: settings.policyPath,
    ...workspaceBound(settings),
  });
}

export interface MatrixResult {
  fleet: Fleet;
  matrix: FleetMatrix;
  policies: CheckedPolicy[];
}

export async function runFleetMatrix(settings: Settings, deps: FleetDeps): Promise<MatrixResult> {
  const fleet = await loadFleet(settings);
  const policies = await checkFleetPolicies(
    fleet,
    policyLoader({ now: deps.now(), resolve: (f) => inWorkspace(settings, f), ...workspaceBound(settings) }),
  );
  deps.logger.info(
    `${settings.fleetPath}: ${fleet.tenants.length} tenants, ${policies.length} polic${policies.length === 1 ? 'y' : 'ies'}, all valid`,
  );
  return { fleet, matrix: fleetMatrix(fleet), policies };
}

/** The JSON report's path: the `report` input, unless it is the single-tenant default. */
export function fleetReportPath(settings: Settings): string {
  return settings.reportPath === null || settings.reportPath === DEFAULT_REPORT_PATH
    ? FLEET_REPORT_FILE
    : settings.reportPath;
}

export interface FleetReportResult {
  /** as published: masked when the run redacts */
  report: FleetReport;
  history: HistoryLine[];
  files: { report: string; dashboard: string; history?: string };
}

export async function runFleetReport(settings: Settings, deps: FleetDeps): Promise<FleetReportResult> {
  const { logger } = deps;
  if (settings.reportsPath === null) {
    throw new ConfigurationError(
      'fleet.reports-required',
      'The fleet roll-up needs the folder the tenants’ reports were downloaded into: input `reports` (`--reports DIR` on the command line).',
      'Download every tenant’s artifact with actions/download-artifact (`path: reports`) and set `reports: reports` (`--reports DIR` on the command line).',
    );
  }
  const now = deps.now();
  const notes: string[] = [];

  // the fleet file, when there is one, names the tenants that should have a report
  let expected: string[] = [];
  const fleetFile = inWorkspace(settings, settings.fleetPath);
  if (await exists(fleetFile)) {
    expected = (await loadFleet(settings)).tenants.map((t) => t.name);
  } else {
    notes.push(
      `No fleet file at ${settings.fleetPath}: a tenant whose audit uploaded no report is not listed.`,
    );
  }

  const tenantNames: string[] = [];
  const index = new PeopleIndex(tenantNames);
  const runs = await readTenantRuns(
    inWorkspace(settings, settings.reportsPath),
    settings.reportsPath,
    index,
    tenantNames,
    expected,
  );
  const { people, total, leavers } = index.result(MAX_PEOPLE);
  logger.info(`${settings.reportsPath}: ${runs.length} tenants, ${total} people in more than one tenant`);

  let history: HistoryLine[] = [];
  if (settings.historyPath) {
    const read = await readHistory(inWorkspace(settings, settings.historyPath), settings.historyPath);
    history = read.lines;
    if (read.skipped.length > 0) {
      const message = `${settings.historyPath}: skipped ${read.skipped.length} line${read.skipped.length === 1 ? '' : 's'} that ${read.skipped.length === 1 ? 'is' : 'are'} not a history line of this tool (line ${read.skipped.slice(0, 5).join(', ')}${read.skipped.length > 5 ? ', …' : ''}).`;
      logger.warning(message);
      notes.push(message);
    }
  }

  const built = buildFleetReport({
    runs,
    people,
    peopleTotal: total,
    leavers,
    failOn: settings.failOn,
    now,
    toolVersion: TOOL_VERSION,
    notes,
  });
  const report = shouldRedact(settings) ? redactFleetReport(built) : built;
  const line = historyLine(now, runs);
  const lines = [...history, line];

  const reportPath = fleetReportPath(settings);
  const dashboardPath = path.join(path.dirname(reportPath), DASHBOARD_FILE).split(path.sep).join('/');
  await writeFileAtomic(inWorkspace(settings, reportPath), renderFleetJson(report));
  await writeFileAtomic(inWorkspace(settings, dashboardPath), renderDashboard(report, lines));
  if (settings.historyPath) await appendHistory(inWorkspace(settings, settings.historyPath), line);
  if (settings.notify.length > 0) {
    // one alert for the whole fleet, last: a webhook that fails is a warning, never the roll-up's status
    const { alertFleetRollup } = await import('../notify/fleet.js');
    await alertFleetRollup(settings, inWorkspace(settings, settings.reportsPath), runs, logger);
  }
  return {
    report,
    history: lines,
    files: {
      report: reportPath,
      dashboard: dashboardPath,
      ...(settings.historyPath ? { history: settings.historyPath } : {}),
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Exit codes as everywhere: 0 pass, 1 findings at or above fail-on, 3 a tenant whose audit errored. */
export function fleetExitCode(report: FleetReport): 0 | 1 | 3 {
  return report.status === 'pass' ? 0 : report.status === 'fail' ? 1 : 3;
}
