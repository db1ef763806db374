#!/usr/bin/env node
import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  nearest
} from "./chunks/chunk-5PL237VK.js";
import {
  GuardError
} from "./chunks/chunk-GIX45REK.js";
import {
  inlinePlain
} from "./chunks/chunk-Y7PV46DD.js";
import "./chunks/chunk-WD5L72B6.js";

// src/cli/args.ts
import { parseArgs } from "node:util";

// src/cli/help.ts
var CREDENTIAL_VARIABLES = [
  {
    flag: "tenant",
    variable: "ST_TENANT",
    meaning: "the tenant id",
    help: "tenant id (digits)",
    required: true
  },
  {
    flag: "client-id",
    variable: "ST_CLIENT_ID",
    meaning: "the client id",
    help: "app client id",
    required: true
  },
  {
    flag: "client-secret",
    variable: "ST_CLIENT_SECRET",
    meaning: "the client secret",
    help: "app client secret",
    required: true,
    secret: true
  },
  {
    flag: "app-key",
    variable: "ST_APP_KEY",
    meaning: "the application key",
    help: "application key (ST-App-Key)",
    required: true,
    secret: true
  },
  {
    flag: "environment",
    variable: "ST_ENVIRONMENT",
    meaning: "the environment",
    help: "production (default) or integration"
  },
  {
    flag: "api-url",
    variable: "ST_API_URL",
    meaning: "the API host root",
    help: "API host root override (e.g. a sandbox: http://127.0.0.1:4010)"
  },
  {
    flag: "auth-url",
    variable: "ST_AUTH_URL",
    meaning: "the token URL",
    help: "token URL override (e.g. http://127.0.0.1:4010/connect/token)"
  },
  {
    flag: "evidence-signing-key",
    variable: "ST_EVIDENCE_SIGNING_KEY",
    meaning: "the key that signs the evidence pack",
    help: "Ed25519 private key (PEM) that signs the --evidence pack (optional)",
    secret: true
  },
  {
    flag: "notify",
    variable: "ST_NOTIFY",
    meaning: "the alert webhooks",
    help: "alert webhook URLs, comma-separated (optional; see --notify-on)",
    secret: true
  },
  {
    flag: "entra-client-id",
    variable: "ENTRA_CLIENT_ID",
    meaning: "the Entra app registration",
    help: "identity: Entra app registration, Application (client) ID"
  },
  {
    flag: "entra-client-secret",
    variable: "ENTRA_CLIENT_SECRET",
    meaning: "the Entra client secret",
    help: "identity: Entra client secret (in Actions, OIDC needs none)",
    secret: true
  },
  {
    flag: "google-credentials",
    variable: "GOOGLE_CREDENTIALS",
    meaning: "the Google service-account key",
    help: "identity: Google service-account key JSON, or its path",
    secret: true
  },
  {
    flag: "google-subject",
    variable: "GOOGLE_SUBJECT",
    meaning: "the Google admin to act as",
    help: "identity: Workspace admin the service account acts as"
  },
  {
    flag: "entra-authority-url",
    variable: "ENTRA_AUTHORITY_URL",
    meaning: "the Entra authority",
    help: "identity: Entra authority override (default login.microsoftonline.com)"
  },
  {
    flag: "graph-url",
    variable: "GRAPH_URL",
    meaning: "the Microsoft Graph root",
    help: "identity: Microsoft Graph root override"
  },
  {
    flag: "google-token-url",
    variable: "GOOGLE_TOKEN_URL",
    meaning: "the Google token URL",
    help: "identity: Google token URL override"
  },
  {
    flag: "google-api-url",
    variable: "GOOGLE_API_URL",
    meaning: "the Google Admin API root",
    help: "identity: Google Admin SDK API root override"
  },
  {
    flag: "github-token",
    variable: "GITHUB_TOKEN",
    meaning: "the GitHub token",
    help: "review: a GitHub token that can write the repository's issues",
    secret: true
  }
];
var CREDENTIALS = `Credentials come from the environment:
${CREDENTIAL_VARIABLES.map((c) => `  ${c.variable.padEnd(23)} ${c.help}`).join("\n")}
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
  review     \`review start|sync|close --repo OWNER/NAME\`: an access review in the repository's issues
  fleet      \`fleet matrix\` | \`fleet report\`: many tenants: the audit matrix, and one roll-up of them all
  help       \`help COMMAND\`: the options of one command (the same as \`COMMAND --help\`)
  version    print the version (also \`--version\`)

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
  --baseline-evidence DIR  an earlier pack: show what changed since, and alert only about what is new
  --notify-on WHEN         new|change|always: when ST_NOTIFY's webhooks hear of the run (default new)
${COMMON}
${CREDENTIALS}
${EXIT}`,
  apply: `Usage: st-access-guard apply [options]

Audits, then applies the plan: lock, deactivate or set-role, one step per user, each verified by
reading the user back. Refuses (and changes nothing) when the plan has more than --max-changes
steps, touches a protected user, would leave fewer than min-active-admins, or the audit is not
trustworthy (fetch errors, permission-unmapped findings).

On a terminal it lists the changes and asks before the first write.

  --plan REPORT            carry out only the plan reviewed in this audit report: steps the policy
                           still plans, for users unchanged since the review
  --review-report REPORT   carry out only the revocations of a closed access review (the report of
                           \`review close\`), for accounts unchanged since the review froze them
  --yes, -y                do not ask before writing
  --force                  replace a journal (an apply or undo report with changes) at --report
  --max-changes N          refuse a plan with more changes than this (default 10)
  --fail-on SEV            critical|high|medium|low|never (default high)
  --sarif FILE             write SARIF 2.1.0
  --baseline-evidence DIR  an earlier pack: alert only about what is new since it
  --notify-on WHEN         new|change|always: when ST_NOTIFY's webhooks hear of the run (default new)
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
nothing to undo. Undo trusts only steps this tool wrote and verified: each carries a seal keyed
from the client secret and app key, so run it with the apply's credentials; an edited or
hand-written report is refused.

  --policy FILE            the policy whose safety settings guard the undo
                           (default .github/servicetitan-access.yml)
  --max-changes N          refuse an undo with more changes than this (default 10)
  --yes, -y                do not ask before writing (on a terminal it asks)
  --force                  replace the journal of an earlier undo at REPORT.undo.json
${COMMON.split("\n").filter((line) => !line.includes("--policy FILE") && !line.includes("--report FILE")).join("\n")}
${CREDENTIALS}
${EXIT}`,
  sandbox: `Usage: st-access-guard sandbox [--port N] [--data FILE]

Serves a local ServiceTitan-compatible API (token endpoint included) over a built-in sample tenant,
or the tenant in FILE (JSON; examples/sandbox/tenant.json is a small one). Prints the environment
variables and the commands to point the CLI or the action at it. POST /__sandbox/permissions
changes one permission of one user, to practise docs/permission-ids.md's recipe.
`,
  evidence: `Usage: st-access-guard evidence verify DIR [--public-key FILE]

Recomputes the SHA-256 of every file of an evidence pack and compares it with the pack's
manifest.json. That proves integrity (nothing changed, missing or added since the manifest was
written), not authorship: anyone who can edit a file can recompute the manifest.

  --public-key FILE        also check manifest.json.sig, the signature a run with
                           ST_EVIDENCE_SIGNING_KEY (action input evidence-signing-key) wrote,
                           with this Ed25519 public key (PEM): proves who wrote the pack

Exit 0 when intact (and, with --public-key, signed by that key); 1 when a file is missing, modified
or unexpected (each is named), or the signature is missing or does not match; 2 when the key
cannot be read.
`,
  diff: `Usage: st-access-guard diff OLD NEW [--json | --markdown]

What changed between two evidence packs (or two snapshots): joiners, leavers, audience, role and
business-unit moves, permissions gained and lost, findings opened and closed, exemptions added,
expired and removed. A table on a terminal, --json for machines, --markdown for a review ticket.
`,
  fleet: `Usage: st-access-guard fleet matrix [--fleet FILE] [--policy FILE] [--json]
       st-access-guard fleet report --reports DIR [--history FILE] [--report FILE] [options]

Many tenants, one view. Reads only local files: no credentials, no network.

fleet matrix   checks the fleet file and every tenant's policy (each with its \`extends\` chain),
               and prints the JSON for a workflow's \`strategy.matrix\`:
               {"include": [{"name", "policy", "environment", "secret-suffix"}]}
fleet report   rolls up the tenants' JSON reports or evidence packs in DIR (one folder per tenant,
               named after it, as actions/download-artifact leaves them): prints tenants \xD7
               severities worst first, people in several tenants, and fleet-leaver-elsewhere
               findings; writes fleet-report.json and fleet-dashboard.html (one self-contained page)

  --fleet FILE             the fleet file (default .github/servicetitan-fleet.yml); for report it
                           lists the tenants expected, so one that uploaded nothing shows as errored
  --policy FILE            the policy of a tenant entry without \`policy\` (default
                           .github/servicetitan-access.yml)
  --reports DIR            report: the folder of the tenants' reports or evidence packs
  --history FILE           report: a JSON Lines file of counts (no names); this run's line is
                           appended and every line is charted
  --report FILE            report: where to write the fleet report (default fleet-report.json);
                           the dashboard is written beside it
  --fail-on SEV            critical|high|medium|low|never (default high)
  --redact auto|true|false mask names and emails in everything written (default false)
  --json                   print the matrix or the fleet report as JSON

Exit codes: 0 pass, 1 findings at or above --fail-on across the fleet, 2 configuration error
(the fleet file or a tenant policy, each problem with its file:line:column), 3 a tenant whose audit
errored or uploaded no report.
`,
  review: `Usage: st-access-guard review start|sync|close --repo OWNER/NAME [options]

An access review in the repository's issues (the policy's \`reviews\` section): reviewers attest,
account by account, with \`/keep KEY reason\` or \`/revoke KEY reason\` comments.

  start    freeze the accounts in scope (needs the ServiceTitan credentials) and open one issue per
           reviewer group, labelled servicetitan-access-review; nothing new while one is open
  sync     read every comment again, answer what needs an answer, remind once a day from three
           days before the due date, update each issue's progress; closes when all is decided
  close    write the evidence pack (with attestations.csv), close the issues with a summary, and
           put the revocations in the report's plan for \`apply --review-report REPORT\`

  --repo OWNER/NAME        the repository whose issues hold the review (GITHUB_REPOSITORY otherwise)
  --evidence DIR           where the close writes its evidence pack
  --policy FILE            policy file (default .github/servicetitan-access.yml)
  --report FILE            write the JSON report (the close's holds the revocations)
  --redact auto|true|false mask names and emails in the issues and everything written (default false)
  --json                   print the JSON report to stdout
  --quiet, -q              no progress on stderr
  --debug                  requests and stack traces on stderr

GITHUB_TOKEN must be able to write the repository's issues; GITHUB_API_URL points at GitHub
Enterprise Server. "Now" is the system clock.
${CREDENTIALS}
${EXIT}`,
  demo: `Usage: st-access-guard demo [--json]

Starts the sandbox in-process, audits its sample tenant with the starter policy, and prints the
result. Needs no account and no install beyond this repository.
`,
  version: `Usage: st-access-guard version      (or: st-access-guard --version)

Prints the version of st-access-guard.
`
};
var COMMANDS = [...Object.keys(HELP).filter((name) => name !== "main"), "help"];
var USAGE = `Usage: st-access-guard ${COMMANDS.filter((c) => c !== "help").join("|")} [options]   (--help for more)
`;

// src/cli/args.ts
var CREDENTIAL_LIST = CREDENTIAL_VARIABLES.filter((c) => c.required).map((c) => c.variable).join(", ");
function readCommandLine(argv, options) {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true
  });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const shown = `\`${inlinePlain(token.rawName, 60)}\``;
    const spec = options[token.name];
    if (!spec) {
      return { ok: false, message: unknownOption(token.name, token.rawName, options) };
    }
    if (spec.type === "string" && token.value === void 0) {
      return { ok: false, message: `${shown} needs a value.` };
    }
    if (spec.type === "string" && !token.inlineValue && /^-./.test(token.value ?? "")) {
      const next = inlinePlain(token.value ?? "", 60);
      return {
        ok: false,
        message: `${shown} needs a value, but the word after it, \`${next}\`, starts with a dash: give the value after ${shown}, or write \`${inlinePlain(token.rawName, 60)}=${next}\` if that is the value.`
      };
    }
    if (spec.type === "boolean" && token.value !== void 0) {
      return { ok: false, message: `${shown} takes no value.` };
    }
  }
  return { ok: true, values, positionals };
}
function unknownOption(name, rawName, options) {
  const shown = `\`${inlinePlain(rawName, 60)}\``;
  const long = rawName.startsWith("--");
  const credentialFlags = CREDENTIAL_VARIABLES.map((c) => c.flag);
  const guess = long ? nearest(name, [...Object.keys(options), ...credentialFlags]) : void 0;
  const credential = long ? CREDENTIAL_VARIABLES.find((c) => c.flag === name || c.flag === guess) : void 0;
  if (credential) {
    return `${shown} is not an option: ${credential.meaning} comes from the environment variable ${credential.variable}${credential.secret ? ", never from the command line (where it would stay in the shell history and the process list)" : ""}. Set ${credential.variable}; \`st-access-guard audit --help\` lists ${CREDENTIAL_LIST} and the others.`;
  }
  if (guess) return `unknown option ${shown}: did you mean \`--${guess}\`?`;
  return `unknown option ${shown}. \`st-access-guard COMMAND --help\` lists a command's options; credentials are not options: they come from the environment variables ${CREDENTIAL_LIST}.`;
}
function unknownCommand(command, commands) {
  const guess = nearest(command, commands);
  const shown = `\`${inlinePlain(command, 60)}\``;
  return guess ? `unknown command ${shown}: did you mean \`${guess}\`?` : `unknown command ${shown}.`;
}

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
  repo: { type: "string" },
  "review-report": { type: "string" },
  fleet: { type: "string" },
  reports: { type: "string" },
  history: { type: "string" },
  "baseline-evidence": { type: "string" },
  "notify-on": { type: "string" },
  "public-key": { type: "string" },
  redact: { type: "string" },
  "page-size": { type: "string" },
  "request-timeout": { type: "string" },
  "retry-budget": { type: "string" },
  "max-pages": { type: "string" },
  "max-records": { type: "string" },
  plan: { type: "string" },
  force: { type: "boolean" },
  yes: { type: "boolean", short: "y" },
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
  const parsed = readCommandLine(argv, OPTIONS);
  if (!parsed.ok) fail(`${parsed.message}
${USAGE}`);
  const { values } = parsed;
  const [command, ...rest] = parsed.positionals;
  if (values.version || command === "version") {
    const { TOOL_VERSION } = await import("./chunks/version-SUI5WPGR.js");
    process.stdout.write(`${TOOL_VERSION}
`);
    return 0;
  }
  if (!command) {
    process.stdout.write(HELP.main ?? USAGE);
    return values.help ? 0 : 2;
  }
  if (command === "help") {
    const topic = rest[0];
    if (topic !== void 0 && !HELP[topic] && topic !== "help")
      fail(`${unknownCommand(topic, COMMANDS)}
${USAGE}`);
    process.stdout.write(topic && HELP[topic] || (HELP.main ?? USAGE));
    return 0;
  }
  const help = HELP[command];
  if (!help) fail(`${unknownCommand(command, COMMANDS)}
${USAGE}`);
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  switch (command) {
    case "sandbox": {
      const { runSandboxCommand } = await import("./chunks/sandbox-ATFWWGUX.js");
      return runSandboxCommand(values);
    }
    case "demo": {
      const { runDemo } = await import("./chunks/demo-PSO2MSLD.js");
      return runDemo(values);
    }
    case "validate":
    case "audit":
    case "apply":
    case "discover":
    case "undo":
    case "review": {
      const { runCommand } = await import("./chunks/run-GWAB2RGI.js");
      return runCommand(command, rest, values);
    }
    case "evidence": {
      const { runEvidenceCommand } = await import("./chunks/cli-2RBVULKR.js");
      return runEvidenceCommand(rest, values);
    }
    case "fleet": {
      const { runFleetCli } = await import("./chunks/run-GWAB2RGI.js");
      return runFleetCli(rest, values);
    }
    case "diff": {
      const { runDiffCommand } = await import("./chunks/cli-2RBVULKR.js");
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
