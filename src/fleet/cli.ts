/**
 * `st-access-guard fleet matrix` and `st-access-guard fleet report`: the fleet modes from the
 * command line. Both read only local files: no credentials, no network.
 */
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Settings } from '../settings.js';
import { fleetExitCode, runFleetMatrix, runFleetReport } from './run.js';
import { renderFleetConsole } from './summary.js';

export interface FleetCommandIO {
  /** settings for the mode, parsed the way every command parses them */
  settings: (mode: 'fleet-matrix' | 'fleet-report') => Settings;
  logger: Logger;
  stdout: (text: string) => void;
  json: boolean;
}

export function fleetMode(rest: string[]): 'fleet-matrix' | 'fleet-report' {
  const [sub, ...extra] = rest;
  if ((sub !== 'matrix' && sub !== 'report') || extra.length > 0) {
    throw new ConfigurationError(
      'fleet.unknown-command',
      sub === undefined
        ? '`fleet` needs what to do: `matrix` or `report`.'
        : `\`fleet ${[sub, ...extra].join(' ').slice(0, 80)}\` is not a fleet command.`,
      'Run `st-access-guard fleet matrix` or `st-access-guard fleet report --reports DIR`; `st-access-guard fleet --help` says more.',
    );
  }
  return sub === 'matrix' ? 'fleet-matrix' : 'fleet-report';
}

export async function runFleetCommand(rest: string[], io: FleetCommandIO): Promise<number> {
  const mode = fleetMode(rest);
  const settings = io.settings(mode);
  const deps = { logger: io.logger, now: () => new Date() };
  if (mode === 'fleet-matrix') {
    const result = await runFleetMatrix(settings, deps);
    io.stdout(`${JSON.stringify(result.matrix, null, io.json ? 2 : 0)}\n`);
    return 0;
  }
  const result = await runFleetReport(settings, deps);
  io.stdout(
    io.json ? JSON.stringify(result.report, null, 2) + '\n' : renderFleetConsole(result.report, result.files),
  );
  return fleetExitCode(result.report);
}
