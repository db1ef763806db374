/**
 * Fetch phase: one ServiceTitan client per run (one token, one rate limiter), producing the
 * normalized Snapshot. Loaded on demand: `validate` never pays for undici.
 */
import type { Snapshot } from './engine/snapshot.js';
import type { PipelineDeps } from './phase.js';
import type { Settings } from './settings.js';
import { ServiceTitanClient } from './servicetitan/index.js';

export function createClient(settings: Settings, deps: PipelineDeps): ServiceTitanClient {
  if (!settings.connection) throw new Error('createClient needs a connection');
  return new ServiceTitanClient({
    connection: settings.connection,
    tuning: settings.tuning,
    logger: deps.logger,
    ...(deps.onSecret ? { onToken: deps.onSecret } : {}),
    ...readOnly(settings),
  });
}

/** Only apply and undo, on an event that may write, get a client that can write (SPEC §6). */
function readOnly(settings: Settings): { readOnly?: string } {
  if (settings.mode !== 'apply' && settings.mode !== 'undo') {
    return { readOnly: `mode \`${settings.mode}\` never writes to ServiceTitan.` };
  }
  const refusal = settings.event.writeRefusal;
  return refusal ? { readOnly: `${refusal.message} [${refusal.code}]` } : {};
}

export async function fetchSnapshot(client: ServiceTitanClient, deps: PipelineDeps): Promise<Snapshot> {
  const snapshot = await client.fetchSnapshot({ businessUnits: true });
  const employees = snapshot.users.filter((u) => u.kind === 'employee').length;
  deps.logger.info(
    `Fetched ${snapshot.users.length} users (${employees} employees, ${snapshot.users.length - employees} technicians), ` +
      `${snapshot.roles.length} roles, ${snapshot.businessUnits.length} business units in ${client.stats.requests} requests`,
  );
  for (const w of snapshot.warnings) deps.logger.warning(w);
  return snapshot;
}
