import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  startSandbox
} from "./chunk-GYTNB3NL.js";
import {
  consoleLogger,
  consoleWidth,
  renderConsole
} from "./chunk-QTZ64PZ4.js";
import "./chunk-IUN4THX5.js";
import "./chunk-RLNXQJHY.js";
import "./chunk-DUAFDT7Q.js";
import {
  runPipeline
} from "./chunk-PBOPUP2A.js";
import "./chunk-F2M56VRX.js";
import "./chunk-4ELQWBUJ.js";
import {
  renderJson
} from "./chunk-TWT5VFH6.js";
import "./chunk-L45OQZPI.js";
import "./chunk-T3LMMHA3.js";
import "./chunk-2OMYLHX3.js";
import "./chunk-IKAUNPRK.js";
import "./chunk-RPQZQ367.js";
import "./chunk-B4MPU4M5.js";
import "./chunk-7Y4HBSSD.js";
import "./chunk-6NYRC7FI.js";
import "./chunk-LLWHVQOH.js";
import "./chunk-TXDFWF7U.js";
import "./chunk-44ZEGOLS.js";
import "./chunk-O3RGELUA.js";
import {
  parseSettings
} from "./chunk-WJCLWKAL.js";
import "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import "./chunk-DBYO6JJB.js";
import "./chunk-P6FZTVWF.js";
import "./chunk-EIDODBDB.js";
import "./chunk-5PL237VK.js";
import "./chunk-47HB3AU5.js";
import "./chunk-7435OWNU.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/cli/demo.ts
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
var DEMO_EXEMPTION_USER = "kevin.tran@coolit-integrations.example";
function examplesDir() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, "examples", "policies", "starter.yml");
    if (existsSync(candidate)) return path.join(dir, "examples");
    dir = path.dirname(dir);
  }
  throw new Error("examples/policies/starter.yml not found next to the bundle");
}
function isoDay(d) {
  return d.toISOString().slice(0, 10);
}
function demoPolicy(starter, today, directories) {
  const soon = isoDay(new Date(today.getTime() + 20 * 864e5));
  const sources = [
    ...directories?.entraTenantId ? [`    - id: entra
      entra: { tenant-id: ${directories.entraTenantId} }`] : [],
    ...directories?.googleCustomer ? [`    - id: google
      google: { customer: my_customer }`] : []
  ];
  const identity = sources.length === 0 ? "" : `
# Added by the demo: who should have access, from the sandbox's Entra ID and Google Workspace.
identity:
  sources:
${sources.join("\n")}
  leaver-fix: lock
  dormant-after-days: 90
  unmatched: medium
`;
  return starter.trimEnd() + `

# Added by the demo, with a date computed from today.
exemptions:
  - user: ${DEMO_EXEMPTION_USER}
    rules: [no-external-api-access]
    reason: Integration partner building the dispatch board integration, contract 2231
    expires: ${soon}
    approved-by: security@acme-hvac.com
    ticket: SEC-123
` + identity;
}
async function runDemo(values) {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const out = await mkdtemp(path.join(os.tmpdir(), "st-access-guard-demo-"));
    const starter = await readFile(path.join(examplesDir(), "policies", "starter.yml"), "utf8");
    const now = /* @__PURE__ */ new Date();
    await writeFile(path.join(out, "servicetitan-access.yml"), demoPolicy(starter, now, sandbox.identity));
    const directory = sandbox.identity.credentials;
    const inputs = {
      mode: "audit",
      policy: "servicetitan-access.yml",
      tenant: sandbox.tenant,
      "client-id": sandbox.credentials.clientId,
      "client-secret": sandbox.credentials.clientSecret,
      "app-key": sandbox.credentials.appKey,
      "api-url": sandbox.url,
      "auth-url": sandbox.authUrl,
      "entra-client-id": directory.entraClientId ?? "",
      "entra-client-secret": directory.entraClientSecret ?? "",
      "entra-authority-url": directory.entraAuthorityUrl,
      "graph-url": directory.graphUrl,
      "google-credentials": directory.googleCredentials ?? "",
      "google-subject": directory.googleSubject ?? "",
      "google-token-url": directory.googleTokenUrl,
      "google-api-url": directory.googleApiUrl,
      report: "servicetitan-access-report.json",
      sarif: "servicetitan-access.sarif",
      redact: "false"
    };
    const settings = parseSettings(
      { get: (name) => inputs[name] ?? "", label: (name) => `--${name}` },
      { name: "cli", isPullRequest: false, repositoryPrivate: null, payload: {} },
      out
    );
    const logger = consoleLogger({ quiet: true, debug: Boolean(values.debug), tty: false });
    const result = await runPipeline(settings, { logger, now: () => /* @__PURE__ */ new Date() });
    const reportPath = path.join(out, "servicetitan-access-report.json");
    const sarifPath = path.join(out, "servicetitan-access.sarif");
    await writeFile(reportPath, renderJson(result.report));
    const { renderSarif } = await import("./sarif-UCN5ECLJ.js");
    await writeFile(
      sarifPath,
      JSON.stringify(
        renderSarif(result.report, result.policy, { policyPath: "servicetitan-access.yml" }),
        null,
        2
      ) + "\n"
    );
    if (values.json) {
      process.stdout.write(renderJson(result.report));
    } else {
      const color = Boolean(process.stdout.isTTY) && !values["no-color"] && !process.env.NO_COLOR;
      process.stdout.write(
        `Demo: auditing the sandbox tenant ${sandbox.tenant} (${sandbox.state.company.name}) with examples/policies/starter.yml
plus one demo exemption and the sandbox's identity directories (Entra ID, Google Workspace).
No account needed: the sandbox runs in this process.

`
      );
      process.stdout.write(
        renderConsole(result.report, {
          color,
          width: consoleWidth(process.stdout.columns, process.env),
          reportPath,
          sarifPath
        })
      );
      process.stdout.write(
        `
The policy used is ${path.join(out, "servicetitan-access.yml")}. Next: copy examples/policies/starter.yml to .github/servicetitan-access.yml and follow the README's "First real audit".
`
      );
    }
    return result.report.status === "error" ? 3 : 0;
  } finally {
    await sandbox.close();
  }
}
export {
  demoPolicy,
  runDemo
};
