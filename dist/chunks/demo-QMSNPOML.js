import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  startSandbox
} from "./chunk-PQ2UFGZC.js";
import {
  consoleLogger,
  consoleWidth,
  renderConsole
} from "./chunk-R5URV4GO.js";
import "./chunk-IUN4THX5.js";
import {
  runPipeline
} from "./chunk-V3QQHQ2D.js";
import "./chunk-XBL2J3D5.js";
import "./chunk-I3TMJHPQ.js";
import {
  renderJson
} from "./chunk-LILMC5CR.js";
import "./chunk-HEUCNJIE.js";
import "./chunk-4ELQWBUJ.js";
import "./chunk-CIVS25GE.js";
import "./chunk-ZDCQ5PVZ.js";
import "./chunk-47HB3AU5.js";
import "./chunk-RLNXQJHY.js";
import "./chunk-HKZCVUJJ.js";
import {
  parseSettings
} from "./chunk-FYJR37SA.js";
import "./chunk-D6KSKHJM.js";
import "./chunk-DBYO6JJB.js";
import "./chunk-QLH5EDU2.js";
import "./chunk-3KQCMBW2.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import "./chunk-RPWTNJ4G.js";
import "./chunk-7KNWVG6D.js";
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
function demoPolicy(starter, today) {
  const soon = isoDay(new Date(today.getTime() + 20 * 864e5));
  return starter.trimEnd() + `

# Added by the demo, with a date computed from today.
exemptions:
  - user: ${DEMO_EXEMPTION_USER}
    rules: [no-external-api-access]
    reason: Integration partner building the dispatch board integration, contract 2231
    expires: ${soon}
    approved-by: security@acme-hvac.com
    ticket: SEC-123
`;
}
async function runDemo(values) {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const out = await mkdtemp(path.join(os.tmpdir(), "st-access-guard-demo-"));
    const starter = await readFile(path.join(examplesDir(), "policies", "starter.yml"), "utf8");
    const now = /* @__PURE__ */ new Date();
    await writeFile(path.join(out, "servicetitan-access.yml"), demoPolicy(starter, now));
    const inputs = {
      mode: "audit",
      policy: "servicetitan-access.yml",
      tenant: sandbox.tenant,
      "client-id": sandbox.credentials.clientId,
      "client-secret": sandbox.credentials.clientSecret,
      "app-key": sandbox.credentials.appKey,
      "api-url": sandbox.url,
      "auth-url": sandbox.authUrl,
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
    const { renderSarif } = await import("./sarif-2JFYEXI3.js");
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
plus one demo exemption. No account needed: the sandbox runs in this process.

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
