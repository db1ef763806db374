/**
 * A fleet roll-up alerts once for the whole fleet: two tenants' audits write their reports, the
 * roll-up reads them (as `fleet-report` does after download-artifact) and sends ONE message.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliInputs } from '../../src/cli/run.js';
import { runFleetReport } from '../../src/fleet/run.js';
import { recordingLogger } from '../../src/logger.js';
import { renderJson } from '../../src/report/json.js';
import { isOpen } from '../../src/report/build.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { parseSettings } from '../../src/settings.js';
import { startReceiver, type Receiver } from './receiver.js';
import { audit, workspaceWithPolicy } from './runs.js';

let sandbox: Sandbox;
let receiver: Receiver;
beforeAll(async () => {
  sandbox = await startSandbox();
  receiver = await startReceiver();
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

it('sends one message for the fleet, with every tenant and each new finding named by tenant', async () => {
  const workspace = await workspaceWithPolicy();
  const tenantAudit = await audit({ sandbox, workspace, notify: '' });
  const open = tenantAudit.result.report.findings.filter(isOpen).length;
  for (const name of ['north', 'south']) {
    await mkdir(path.join(workspace, 'reports', name), { recursive: true });
    await writeFile(
      path.join(workspace, 'reports', name, `servicetitan-access-${name}.json`),
      renderJson(tenantAudit.result.report),
    );
  }
  const settings = parseSettings(
    cliInputs(
      'fleet-report',
      { reports: 'reports', 'notify-on': 'always', redact: 'true' },
      {
        ST_NOTIFY: `json:${receiver.url}/fleet-hook`,
      },
    ),
    { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} },
    workspace,
  );
  const logger = recordingLogger();
  const result = await runFleetReport(settings, { logger, now: () => new Date() });
  expect(result.report.tenants).toHaveLength(2);

  const bodies = receiver.bodies('/fleet-hook') as {
    tenant: string | null;
    status: string;
    counts: { findings: number };
    new: { tenant: string; user: { name: string } | null }[];
    tenants: { tenant: string; open: number }[];
  }[];
  expect(bodies).toHaveLength(1);
  const [message] = bodies;
  expect(message!.tenant).toBeNull();
  expect(message!.status).toBe('fail');
  expect(message!.counts.findings).toBe(2 * tenantAudit.result.report.counts.findings);
  expect(message!.tenants).toEqual([
    expect.objectContaining({ tenant: 'north', open }),
    expect.objectContaining({ tenant: 'south', open }),
  ]);
  expect(message!.new).toHaveLength(2 * open);
  expect(new Set(message!.new.map((f) => f.tenant))).toEqual(new Set(['north', 'south']));
  // `redact` applies to the roll-up's message too
  expect(JSON.stringify(message)).not.toContain('Kevin Tran');
  expect(logger.lines.join('\n')).toContain('info: Alert sent to JSON webhook 1 of 1');
});
