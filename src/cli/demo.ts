/**
 * `st-access-guard demo` (`npm run demo`): the sandbox in-process, audited with the starter policy,
 * printed as a person would want to read it. Needs no account and no install: it runs from the
 * committed bundle.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleLogger } from './console-logger.js';
import { runPipeline } from '../pipeline.js';
import { renderJson } from '../report/json.js';
import { consoleWidth, renderConsole } from '../report/console.js';
import { parseSettings, type InputName } from '../settings.js';
import { startSandbox } from '../sandbox/index.js';

type Values = Record<string, string | boolean | undefined>;

/** An outside contractor of the sample tenant who holds the API-key permissions (see sample-tenant.ts). */
const DEMO_EXEMPTION_USER = 'kevin.tran@coolit-integrations.example';

/** The examples folder of this checkout, found from the bundle's own location (dist/ or dist/chunks/). */
function examplesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, 'examples', 'policies', 'starter.yml');
    if (existsSync(candidate)) return path.join(dir, 'examples');
    dir = path.dirname(dir);
  }
  throw new Error('examples/policies/starter.yml not found next to the bundle');
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * The starter policy plus an exemption whose date is computed from today (it expires in 20 days),
 * so the demo shows an active exemption about to run out, and never carries a date that will pass;
 * with the sandbox's directories, an `identity` section too (a leaver, an account nobody knows, a
 * dormant one and a broken SSO link).
 */
export function demoPolicy(
  starter: string,
  today: Date,
  directories?: { entraTenantId: string | null; googleCustomer: string | null },
): string {
  const soon = isoDay(new Date(today.getTime() + 20 * 86_400_000));
  const sources = [
    ...(directories?.entraTenantId
      ? [`    - id: entra\n      entra: { tenant-id: ${directories.entraTenantId} }`]
      : []),
    ...(directories?.googleCustomer ? [`    - id: google\n      google: { customer: my_customer }`] : []),
  ];
  const identity =
    sources.length === 0
      ? ''
      : `
# Added by the demo: who should have access, from the sandbox's Entra ID and Google Workspace.
identity:
  sources:
${sources.join('\n')}
  leaver-fix: lock
  dormant-after-days: 90
  unmatched: medium
`;
  return (
    starter.trimEnd() +
    `

# Added by the demo, with a date computed from today.
exemptions:
  - user: ${DEMO_EXEMPTION_USER}
    rules: [no-external-api-access]
    reason: Integration partner building the dispatch board integration, contract 2231
    expires: ${soon}
    approved-by: security@acme-hvac.com
    ticket: SEC-123
` +
    identity
  );
}

export async function runDemo(values: Values): Promise<number> {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const out = await mkdtemp(path.join(os.tmpdir(), 'st-access-guard-demo-'));
    const starter = await readFile(path.join(examplesDir(), 'policies', 'starter.yml'), 'utf8');
    const now = new Date();
    await writeFile(path.join(out, 'servicetitan-access.yml'), demoPolicy(starter, now, sandbox.identity));
    const directory = sandbox.identity.credentials;
    const inputs: Partial<Record<InputName, string>> = {
      mode: 'audit',
      policy: 'servicetitan-access.yml',
      tenant: sandbox.tenant,
      'client-id': sandbox.credentials.clientId,
      'client-secret': sandbox.credentials.clientSecret,
      'app-key': sandbox.credentials.appKey,
      'api-url': sandbox.url,
      'auth-url': sandbox.authUrl,
      'entra-client-id': directory.entraClientId ?? '',
      'entra-client-secret': directory.entraClientSecret ?? '',
      'entra-authority-url': directory.entraAuthorityUrl,
      'graph-url': directory.graphUrl,
      'google-credentials': directory.googleCredentials ?? '',
      'google-subject': directory.googleSubject ?? '',
      'google-token-url': directory.googleTokenUrl,
      'google-api-url': directory.googleApiUrl,
      report: 'servicetitan-access-report.json',
      sarif: 'servicetitan-access.sarif',
      redact: 'false',
    };
    const settings = parseSettings(
      { get: (name) => inputs[name] ?? '', label: (name) => `--${name}` },
      { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} },
      out,
    );
    const logger = consoleLogger({ quiet: true, debug: Boolean(values.debug), tty: false });
    const result = await runPipeline(settings, { logger, now: () => new Date() });
    const reportPath = path.join(out, 'servicetitan-access-report.json');
    const sarifPath = path.join(out, 'servicetitan-access.sarif');
    await writeFile(reportPath, renderJson(result.report));
    const { renderSarif } = await import('../report/sarif.js');
    await writeFile(
      sarifPath,
      JSON.stringify(
        renderSarif(result.report, result.policy, { policyPath: 'servicetitan-access.yml' }),
        null,
        2,
      ) + '\n',
    );
    if (values.json) {
      process.stdout.write(renderJson(result.report));
    } else {
      const color = Boolean(process.stdout.isTTY) && !values['no-color'] && !process.env.NO_COLOR;
      process.stdout.write(
        `Demo: auditing the sandbox tenant ${sandbox.tenant} (${sandbox.state.company.name}) with examples/policies/starter.yml\n` +
          `plus one demo exemption and the sandbox's identity directories (Entra ID, Google Workspace).\n` +
          `No account needed: the sandbox runs in this process.\n\n`,
      );
      process.stdout.write(
        renderConsole(result.report, {
          color,
          width: consoleWidth(process.stdout.columns, process.env),
          reportPath,
          sarifPath,
        }),
      );
      process.stdout.write(
        `\nThe policy used is ${path.join(out, 'servicetitan-access.yml')}. Next: copy examples/policies/starter.yml ` +
          `to .github/servicetitan-access.yml and follow the README's "First real audit".\n`,
      );
    }
    // The demo succeeded when it could audit; its findings are the point, not a failure.
    return result.report.status === 'error' ? 3 : 0;
  } finally {
    await sandbox.close();
  }
}
