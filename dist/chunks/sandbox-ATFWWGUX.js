import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  loadTenantData,
  startSandbox
} from "./chunk-GYTNB3NL.js";
import "./chunk-RLNXQJHY.js";
import "./chunk-5VFH7U4S.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/cli/sandbox.ts
import { existsSync, realpathSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, isAbsolute, join, relative, resolve } from "node:path";
async function runSandboxCommand(values) {
  const portText = typeof values.port === "string" ? values.port : "4010";
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new ConfigurationError(
      "input.invalid-port",
      `--port ${portText} is not a port number.`,
      "Give a number from 0 to 65535."
    );
  }
  const data = typeof values.data === "string" ? await loadTenantData(values.data) : void 0;
  const port = Number(portText);
  const sandbox = await startSandbox({ port, ...data ? { data } : {} }).catch((error) => {
    throw listenError(error, port);
  });
  const employees = sandbox.state.employees.length;
  const technicians = sandbox.state.technicians.length;
  const cli = cliCommand();
  const permissions = `${sandbox.url}/__sandbox/permissions`;
  const identity = await identityLines(sandbox);
  process.stdout.write(
    `ServiceTitan sandbox for tenant ${sandbox.tenant} (${sandbox.state.company.name}: ${employees} employees, ${technicians} technicians, ${sandbox.state.userRoles.length} roles, ${sandbox.state.businessUnits.length} business units)
listening on ${sandbox.url}

Point the CLI at it, in another terminal:
  export ST_TENANT=${sandbox.tenant} ST_API_URL=${sandbox.url} ST_AUTH_URL=${sandbox.authUrl}
  export ST_CLIENT_ID=${sandbox.credentials.clientId} ST_CLIENT_SECRET=${sandbox.credentials.clientSecret} ST_APP_KEY=${sandbox.credentials.appKey}
  ${cli} audit --policy ${starterPolicy()}

` + identity.text + `Practise finding a permission id (docs/permission-ids.md): snapshot, toggle one permission, compare:
  ${cli} discover --snapshot before.json
  curl -X POST ${permissions} -d '{"user": "employee:150", "permission": 10405}'
  ${cli} discover --baseline-snapshot before.json

Serves: POST /connect/token; GET /settings/v2/tenant/${sandbox.tenant}/{employees,technicians,user-roles,business-units} (+ /{id}), /export/{employees,technicians,business-units}; PATCH /employees/{id}, /technicians/{id}; POST \u2026/{id}/account-actions` + (identity.text ? `; the directories under /entra/ and /google/` : "") + `. Control: POST ${sandbox.url}/__sandbox/{faults,permissions,reset}. Ctrl-C stops it.
`
  );
  await new Promise((resolve2) => {
    const stop = () => resolve2();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await sandbox.close();
  await identity.cleanUp();
  return 0;
}
async function identityLines(sandbox) {
  const none = { text: "", cleanUp: async () => {
  } };
  if (sandbox.identity.entraTenantId === null) return none;
  const c = sandbox.identity.credentials;
  const dir = await mkdtemp(join(tmpdir(), "st-access-guard-sandbox-"));
  const keyFile = join(dir, "google-key.json");
  await writeFile(keyFile, c.googleCredentials ?? "", { mode: 384 });
  return {
    text: `Its identity directories, for a policy \`identity\` section (entra tenant-id ${sandbox.identity.entraTenantId}, google customer my_customer):
  export ENTRA_CLIENT_ID=${c.entraClientId} ENTRA_CLIENT_SECRET=${c.entraClientSecret} ENTRA_AUTHORITY_URL=${c.entraAuthorityUrl} GRAPH_URL=${c.graphUrl}
  export GOOGLE_CREDENTIALS=${shellWord(keyFile)} GOOGLE_SUBJECT=${c.googleSubject ?? ""} GOOGLE_TOKEN_URL=${c.googleTokenUrl} GOOGLE_API_URL=${c.googleApiUrl}

`,
    cleanUp: () => rm(dir, { recursive: true, force: true })
  };
}
function listenError(error, port) {
  const code = error?.code;
  if (code === "EADDRINUSE") {
    return new ConfigurationError(
      "sandbox.port-in-use",
      `port ${port} is in use: choose another with --port.`,
      "Another program (or another sandbox) listens on it; `--port 0` picks a free port."
    );
  }
  if (code === "EACCES") {
    return new ConfigurationError(
      "sandbox.port-not-allowed",
      `port ${port} may not be listened on by this user: choose another with --port.`,
      "Ports below 1024 need administrator rights; use a port from 1024 to 65535, or `--port 0` for a free one."
    );
  }
  return error;
}
function cliCommand(script = process.argv[1], cwd = process.cwd(), searchPath = process.env.PATH ?? "") {
  if (!script) return "st-access-guard";
  const real = realpathOrNull(script);
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    const candidate = realpathOrNull(join(dir, "st-access-guard"));
    if (candidate !== null && candidate === real) return "st-access-guard";
  }
  return `node ${shellWord(shortPath(script, cwd))}`;
}
function starterPolicy(script = process.argv[1], cwd = process.cwd()) {
  const shipped = script ? resolve(dirname(script), "..", "examples", "policies", "starter.yml") : null;
  return shellWord(
    shipped && existsSync(shipped) ? shortPath(shipped, cwd) : "examples/policies/starter.yml"
  );
}
function shortPath(file, cwd) {
  const rel = relative(cwd, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}
function shellWord(word) {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
function realpathOrNull(file) {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}
export {
  cliCommand,
  runSandboxCommand
};
