/**
 * The fleet modes through the committed bundle, as the runner runs it: `fleet-matrix` gives the
 * matrix output, and `fleet-report` rolls up two tenants' evidence packs into the summary, the
 * outputs, the history and a dashboard that carries its chart library inside it.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInputs } from '../../src/cli/run.js';
import { writeRunEvidence } from '../../src/evidence/sink.js';
import { recordingLogger } from '../../src/logger.js';
import { runPipeline } from '../../src/pipeline.js';
import { sampleTenant, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { parseSettings } from '../../src/settings.js';
import { ROOT, runAction } from './harness.js';

const BASE = `version: 1
organization: { internal-domains: [acme-hvac.com] }
permissions:
  generate-api-key: { id: 10421, granted: ['True'] }
rules:
  - id: no-external-api-access
    severity: critical
    applies-to: { audience: external }
    forbid: { permissions: [generate-api-key] }
`;
const FLEET =
  'version: 1\ntenants:\n  - name: north\n    policy: access/north.yml\n  - name: south\n    policy: access/base.yml\n';

const sandboxes: Sandbox[] = [];
let scratch: string;
/** the two tenants' evidence packs, as files of the roll-up's workspace */
const packs: Record<string, string> = {};

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'st-guard-fleet-e2e-'));
  const south = sampleTenant();
  south.tenant = 2000002;
  // Kevin Tran is locked in south and still active in north
  for (const e of south.employees) if (e.id === 160) e.accountLocked = true;
  for (const [name, data] of [
    ['north', { ...sampleTenant(), tenant: 2000001 }],
    ['south', south],
  ] as const) {
    const sandbox = await startSandbox({ data });
    sandboxes.push(sandbox);
    const env = {
      ST_TENANT: sandbox.tenant,
      ST_CLIENT_ID: sandbox.credentials.clientId,
      ST_CLIENT_SECRET: sandbox.credentials.clientSecret,
      ST_APP_KEY: sandbox.credentials.appKey,
      ST_API_URL: sandbox.url,
      ST_AUTH_URL: sandbox.authUrl,
    };
    await mkdir(path.join(scratch, name), { recursive: true });
    await writeFile(path.join(scratch, name, 'policy.yml'), BASE);
    const settings = parseSettings(
      cliInputs('audit', { policy: 'policy.yml', report: '', evidence: 'evidence' }, env),
      { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} },
      path.join(scratch, name),
    );
    const result = await runPipeline(settings, { logger: recordingLogger(), now: () => new Date() });
    await writeRunEvidence(settings, result, `https://github.com/acme/fleet/actions/runs/7${name.length}`);
    for (const file of await readdir(path.join(scratch, name, 'evidence'))) {
      packs[`reports/${name}/evidence/${file}`] = await readFile(
        path.join(scratch, name, 'evidence', file),
        'utf8',
      );
    }
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  await rm(scratch, { recursive: true, force: true });
});

describe('the fleet modes in the bundle', () => {
  it('fleet-matrix checks every policy and sets the matrix output', async () => {
    const run = await runAction({
      inputs: { mode: 'fleet-matrix', fleet: 'fleet.yml' },
      files: { 'fleet.yml': FLEET, 'access/base.yml': BASE, 'access/north.yml': 'extends: base.yml\n' },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.outputs.matrix!)).toEqual({
      include: [
        { name: 'north', policy: 'access/north.yml', environment: 'production', 'secret-suffix': 'NORTH' },
        { name: 'south', policy: 'access/base.yml', environment: 'production', 'secret-suffix': 'SOUTH' },
      ],
    });
    expect(run.summary).toContain('ServiceTitan fleet matrix');
    expect(run.summary).toContain('ST_TENANT_NORTH');
  });

  it('fleet-report rolls up the packs into the summary, outputs, history and a self-contained dashboard', async () => {
    const run = await runAction({
      inputs: {
        mode: 'fleet-report',
        fleet: 'fleet.yml',
        reports: 'reports',
        history: 'history/fleet.jsonl',
        redact: 'false',
      },
      files: {
        'fleet.yml': FLEET,
        'access/base.yml': BASE,
        'access/north.yml': 'extends: base.yml\n',
        ...packs,
      },
    });
    // both tenants have critical findings: the step fails at the default fail-on, after publishing
    expect(run.code, run.stderr).toBe(1);
    expect(run.outputs).toMatchObject({
      status: 'fail',
      report: 'fleet-report.json',
      dashboard: 'fleet-dashboard.html',
    });
    expect(Number(run.outputs.critical)).toBeGreaterThan(0);
    expect(run.summary).toContain('ServiceTitan fleet: fail');
    expect(run.summary).toContain('[run](https://github.com/acme/fleet/actions/runs/75)');
    expect(run.summary).toContain('is locked in south and still active in north');
    const html = await readFile(path.join(run.workspace, 'fleet-dashboard.html'), 'utf8');
    expect(html).toContain('var uPlot=function');
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=/);
    const history = await readFile(path.join(run.workspace, 'history/fleet.jsonl'), 'utf8');
    expect(Object.keys(JSON.parse(history).tenants)).toEqual(['north', 'south']);
    // the chart library travels inside the committed bundle, not read from node_modules
    const chunks = await readdir(path.join(ROOT, 'dist', 'chunks'));
    const texts = await Promise.all(
      chunks.map((c) => readFile(path.join(ROOT, 'dist', 'chunks', c), 'utf8')),
    );
    expect(texts.some((t) => t.includes('var uPlot=function'))).toBe(true);
    expect(texts.some((t) => t.includes('uPlot.iife.min.js') && t.includes('readFileSync'))).toBe(false);
  });
});
