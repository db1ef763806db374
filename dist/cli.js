#!/usr/bin/env node
import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  GuardError
} from "./chunks/chunk-XHRDWC7O.js";
import "./chunks/chunk-WD5L72B6.js";

// src/cli.ts
import { parseArgs } from "node:util";

// src/cli/help.ts
var CREDENTIALS = `Credentials come from the environment:
  ST_TENANT         tenant id (digits)
  ST_CLIENT_ID      app client id
  ST_CLIENT_SECRET  app client secret
  ST_APP_KEY        application key (ST-App-Key)
  ST_ENVIRONMENT    production (default) or integration
  ST_API_URL        API host root override (e.g. a sandbox: http://127.0.0.1:4010)
  ST_AUTH_URL       token URL override (e.g. http://127.0.0.1:4010/connect/token)
`;
var COMMON = `  --policy FILE            policy file (default .github/servicetitan-access.yml)
  --report FILE            write the JSON report
  --json                   print the JSON report to stdout instead of the table
  --redact auto|true|false mask names and emails in everything written (default false)
  --page-size N            records per page asked of ServiceTitan (default 5000)
  --request-timeout S      seconds to wait for one answer (default 30)
  --retry-budget S         seconds of retrying before giving up (default 110)
  --max-pages N            the most pages read from ServiceTitan, all lists together (default 1000)
  --max-records N          the most records read from ServiceTitan (default 250000)
  --quiet, -q              no progress on stderr
  --debug                  phase timings, requests and stack traces on stderr
`;
var USAGE = `Usage: st-access-guard validate|audit|apply|discover|undo|sandbox|demo [options]   (--help for more)
`;
var EXIT = `Exit codes: 0 pass, 1 findings at or above --fail-on (or apply refused), 2 configuration error
(bad policy, missing or wrong credentials), 3 runtime error (ServiceTitan unreachable, apply steps that failed).
`;
var HELP = {
  main: `st-access-guard \u2014 keep a ServiceTitan tenant's user access in line with a policy.

Commands:
  validate   check the policy file (no credentials needed)
  audit      fetch the tenant, report every violation and the plan of fixes
  apply      audit, then apply the plan's fixes (guarded: max-changes, protected users, min admins)
  undo       \`undo REPORT\`: reverse the verified changes of an earlier apply, from its report
  discover   list every permission id the tenant's users carry, and the roles
  sandbox    serve a local ServiceTitan-compatible API with a sample tenant
  demo       start the sandbox in-process and audit it with the starter policy
  evidence   \`evidence verify DIR\`: check an evidence pack against its manifest
  diff       \`diff OLD NEW\`: what changed between two evidence packs (or snapshots)

Run \`st-access-guard COMMAND --help\` for a command's options.
${EXIT}`,
  validate: `Usage: st-access-guard validate [--policy FILE] [--json]

Checks the policy file: every problem with its file:line:column and a hint. Needs no credentials.
${EXIT}`,
  audit: `Usage: st-access-guard audit [options]

Fetches the tenant's employees, technicians, roles and business units, evaluates the policy and
prints the findings and the plan apply would carry out (and whether apply would be refused).

  --fail-on SEV            critical|high|medium|low|never (default high)
  --max-changes N          the plan size apply accepts (default 10)
  --sarif FILE             write SARIF 2.1.0
  --baseline-policy FILE   also show which findings the policy adds or resolves compared with FILE
  --snapshot FILE          save the fetched tenant state (normalized JSON)
  --evidence DIR           write an access-review evidence pack (CSV roster, findings, exemptions, plan, manifest)
${COMMON}
${CREDENTIALS}
${EXIT}`,
  apply: `Usage: st-access-guard apply [options]

Audits, then applies the plan: lock, deactivate or set-role, one step per user, each verified by
reading the user back. Refuses (and changes nothing) when the plan has more than --max-changes
steps, touches a protected user, would leave fewer than min-active-admins, or the audit is not
trustworthy (fetch errors, permission-unmapped findings).

  --max-changes N          refuse a plan with more changes than this (default 10)
  --fail-on SEV            critical|high|medium|low|never (default high)
  --sarif FILE             write SARIF 2.1.0
${COMMON}
${CREDENTIALS}
${EXIT}`,
  discover: `Usage: st-access-guard discover [options]

Lists every permission id the tenant's users carry, with its distinct values and how many active
users hold each, plus the roles. ServiceTitan reports permissions as numbers without names; to learn
which id is which: save a snapshot, toggle the permission on a test user, and discover again with
--baseline-snapshot: the id that changed is the one.

  --snapshot FILE          save the fetched tenant state
  --baseline-snapshot FILE show, per user, the permission values that changed since FILE
${COMMON}
${CREDENTIALS}
${EXIT}`,
  undo: `Usage: st-access-guard undo REPORT [options]      (or: undo --report REPORT)

Reverses the verified steps of an earlier apply, from the JSON report that apply wrote: unlock,
Activate (technicians with their licence type, read from their record), set the previous role.
REPORT is read, never overwritten: the undo's own report (its journal) is written to
REPORT.undo.json beside it. Each step is checked against the user's state now: a user changed
since the apply is skipped with the reason, as is a user who had several roles (ServiceTitan's
roleId restores only one: restore those by hand). Guarded like apply: refuses (and changes
nothing) with more than --max-changes steps, a protected user, or too few admins left; every
change is verified by reading the user back. A report with no verified changes is a pass with
nothing to undo.

  --policy FILE            the policy whose safety settings guard the undo
                           (default .github/servicetitan-access.yml)
  --max-changes N          refuse an undo with more changes than this (default 10)
${COMMON.split("\n").filter((line) => !line.includes("--policy FILE") && !line.includes("--report FILE")).join("\n")}
${CREDENTIALS}
${EXIT}`,
  sandbox: `Usage: st-access-guard sandbox [--port N] [--data FILE]

Serves a local ServiceTitan-compatible API (token endpoint included) over a built-in sample tenant,
or the tenant in FILE (JSON). Prints the environment variables to point the CLI or the action at it.
`,
  evidence: `Usage: st-access-guard evidence verify DIR

Recomputes the SHA-256 of every file of an evidence pack and compares it with the pack's
manifest.json. Exit 0 when intact, 1 when a file is missing, modified or unexpected (each is named).
`,
  diff: `Usage: st-access-guard diff OLD NEW [--json | --markdown]

What changed between two evidence packs (or two snapshots): joiners, leavers, audience, role and
business-unit moves, permissions gained and lost, findings opened and closed, exemptions added,
expired and removed. A table on a terminal, --json for machines, --markdown for a review ticket.
`,
  demo: `Usage: st-access-guard demo [--json]

Starts the sandbox in-process, audits its sample tenant with the starter policy, and prints the
result. Needs no account and no install beyond this repository.
`
};

// src/cli.ts
var OPTIONS = {
  policy: { type: "string" },
  report: { type: "string" },
  sarif: { type: "string" },
  "fail-on": { type: "string" },
  "max-changes": { type: "string" },
  "baseline-policy": { type: "string" },
  "baseline-snapshot": { type: "string" },
  snapshot: { type: "string" },
  evidence: { type: "string" },
  redact: { type: "string" },
  "page-size": { type: "string" },
  "request-timeout": { type: "string" },
  "retry-budget": { type: "string" },
  "max-pages": { type: "string" },
  "max-records": { type: "string" },
  port: { type: "string" },
  data: { type: "string" },
  json: { type: "boolean" },
  markdown: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  debug: { type: "boolean" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" }
};
function fail(message, code = 2) {
  process.stderr.write(`st-access-guard: ${message}
`);
  process.exit(code);
}
async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    fail(`${error.message}
${USAGE}`);
  }
  const values = parsed.values;
  const [command, ...rest] = parsed.positionals;
  if (values.version) {
    const { TOOL_VERSION } = await import("./chunks/version-SUI5WPGR.js");
    process.stdout.write(`${TOOL_VERSION}
`);
    return 0;
  }
  if (!command || command === "help") {
    process.stdout.write(HELP.main ?? USAGE);
    return command ? 0 : values.help ? 0 : 2;
  }
  const help = HELP[command];
  if (!help) fail(`unknown command \`${command}\`.
${USAGE}`);
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  switch (command) {
    case "sandbox": {
      const { runSandboxCommand } = await import("./chunks/sandbox-LQ5M5GTQ.js");
      return runSandboxCommand(values);
    }
    case "demo": {
      const { runDemo } = await import("./chunks/demo-QYWGEP5T.js");
      return runDemo(values);
    }
    case "validate":
    case "audit":
    case "apply":
    case "discover":
    case "undo": {
      const { runCommand } = await import("./chunks/run-PT23CUJM.js");
      return runCommand(command, rest, values);
    }
    case "evidence": {
      const { runEvidenceCommand } = await import("./chunks/cli-6ZGXRIV7.js");
      return runEvidenceCommand(rest, values);
    }
    case "diff": {
      const { runDiffCommand } = await import("./chunks/cli-6ZGXRIV7.js");
      return runDiffCommand(rest, values);
    }
    default:
      fail(`\`${command}\` is not available in this version.
${USAGE}`);
  }
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof GuardError) {
      process.stderr.write(
        `error: ${error.message}${error.hint ? `
  ${error.hint}` : ""} [${error.code}]
`
      );
      process.exitCode = error.exitCode;
    } else {
      const debug = process.argv.includes("--debug");
      process.stderr.write(
        `error: unexpected: ${error instanceof Error ? debug ? error.stack : error.message : String(error)}
  This is a bug; rerun with --debug and report it.
`
      );
      process.exitCode = 3;
    }
  }
);
