/** `st-access-guard sandbox`: a local ServiceTitan-compatible API until interrupted. */
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigurationError } from '../errors.js';
import { loadTenantData, startSandbox, type Sandbox } from '../sandbox/index.js';

type Values = Record<string, string | boolean | undefined>;

export async function runSandboxCommand(values: Values): Promise<number> {
  const portText = typeof values.port === 'string' ? values.port : '4010';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new ConfigurationError(
      'input.invalid-port',
      `--port ${portText} is not a port number.`,
      'Give a number from 0 to 65535.',
    );
  }
  const data = typeof values.data === 'string' ? await loadTenantData(values.data) : undefined;
  const port = Number(portText);
  const sandbox = await startSandbox({ port, ...(data ? { data } : {}) }).catch((error: unknown) => {
    throw listenError(error, port);
  });
  const employees = sandbox.state.employees.length;
  const technicians = sandbox.state.technicians.length;
  const cli = cliCommand();
  const permissions = `${sandbox.url}/__sandbox/permissions`;
  const identity = await identityLines(sandbox);
  process.stdout.write(
    `ServiceTitan sandbox for tenant ${sandbox.tenant} (${sandbox.state.company.name}: ${employees} employees, ${technicians} technicians, ` +
      `${sandbox.state.userRoles.length} roles, ${sandbox.state.businessUnits.length} business units)\n` +
      `listening on ${sandbox.url}\n\n` +
      `Point the CLI at it, in another terminal:\n` +
      `  export ST_TENANT=${sandbox.tenant} ST_API_URL=${sandbox.url} ST_AUTH_URL=${sandbox.authUrl}\n` +
      `  export ST_CLIENT_ID=${sandbox.credentials.clientId} ST_CLIENT_SECRET=${sandbox.credentials.clientSecret} ST_APP_KEY=${sandbox.credentials.appKey}\n` +
      `  ${cli} audit --policy ${starterPolicy()}\n\n` +
      identity.text +
      `Practise finding a permission id (docs/permission-ids.md): snapshot, toggle one permission, compare:\n` +
      `  ${cli} discover --snapshot before.json\n` +
      `  curl -X POST ${permissions} -d '{"user": "employee:150", "permission": 10405}'\n` +
      `  ${cli} discover --baseline-snapshot before.json\n\n` +
      `Serves: POST /connect/token; GET /settings/v2/tenant/${sandbox.tenant}/{employees,technicians,user-roles,business-units}` +
      ` (+ /{id}), /export/{employees,technicians,business-units}; PATCH /employees/{id}, /technicians/{id};` +
      ` POST …/{id}/account-actions` +
      (identity.text ? `; the directories under /entra/ and /google/` : '') +
      `. Control: POST ${sandbox.url}/__sandbox/{faults,permissions,reset}. Ctrl-C stops it.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sandbox.close();
  await identity.cleanUp();
  return 0;
}

/**
 * The identity settings for the sandbox's directories. The Google key is made for this run and
 * written to a private temporary file (GOOGLE_CREDENTIALS takes a path), removed when it stops.
 */
async function identityLines(sandbox: Sandbox): Promise<{ text: string; cleanUp: () => Promise<void> }> {
  const none = { text: '', cleanUp: async () => {} };
  if (sandbox.identity.entraTenantId === null) return none;
  const c = sandbox.identity.credentials;
  const dir = await mkdtemp(join(tmpdir(), 'st-access-guard-sandbox-'));
  const keyFile = join(dir, 'google-key.json');
  await writeFile(keyFile, c.googleCredentials ?? '', { mode: 0o600 });
  return {
    text:
      `Its identity directories, for a policy \`identity\` section (entra tenant-id ${sandbox.identity.entraTenantId}, google customer my_customer):\n` +
      `  export ENTRA_CLIENT_ID=${c.entraClientId} ENTRA_CLIENT_SECRET=${c.entraClientSecret} ENTRA_AUTHORITY_URL=${c.entraAuthorityUrl} GRAPH_URL=${c.graphUrl}\n` +
      `  export GOOGLE_CREDENTIALS=${shellWord(keyFile)} GOOGLE_SUBJECT=${c.googleSubject ?? ''} GOOGLE_TOKEN_URL=${c.googleTokenUrl} GOOGLE_API_URL=${c.googleApiUrl}\n\n`,
    cleanUp: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A port that cannot be listened on is the user's to change, not a bug. */
function listenError(error: unknown, port: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new ConfigurationError(
      'sandbox.port-in-use',
      `port ${port} is in use: choose another with --port.`,
      'Another program (or another sandbox) listens on it; `--port 0` picks a free port.',
    );
  }
  if (code === 'EACCES') {
    return new ConfigurationError(
      'sandbox.port-not-allowed',
      `port ${port} may not be listened on by this user: choose another with --port.`,
      'Ports below 1024 need administrator rights; use a port from 1024 to 65535, or `--port 0` for a free one.',
    );
  }
  return error;
}

/**
 * How to run this CLI from here: `st-access-guard` when that name on PATH is this very script
 * (a global or linked install), else `node` and the script's path (`node dist/cli.js` in a clone),
 * which works whether or not anything was installed.
 */
export function cliCommand(
  script: string | undefined = process.argv[1],
  cwd: string = process.cwd(),
  searchPath: string = process.env.PATH ?? '',
): string {
  if (!script) return 'st-access-guard';
  const real = realpathOrNull(script);
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    const candidate = realpathOrNull(join(dir, 'st-access-guard'));
    if (candidate !== null && candidate === real) return 'st-access-guard';
  }
  return `node ${shellWord(shortPath(script, cwd))}`;
}

/** The starter policy shipped beside the bundle, as a path from here. */
function starterPolicy(script: string | undefined = process.argv[1], cwd: string = process.cwd()): string {
  const shipped = script ? resolve(dirname(script), '..', 'examples', 'policies', 'starter.yml') : null;
  return shellWord(
    shipped && existsSync(shipped) ? shortPath(shipped, cwd) : 'examples/policies/starter.yml',
  );
}

function shortPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function shellWord(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function realpathOrNull(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}
