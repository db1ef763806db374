import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  consoleLogger,
  renderConsole
} from "./chunk-6DEJWL4F.js";
import "./chunk-T52YJYTF.js";
import {
  renderJson
} from "./chunk-LA3J5CWZ.js";
import {
  runPipeline
} from "./chunk-WHME7MF3.js";
import {
  parseSettings
} from "./chunk-HW4LS73H.js";
import "./chunk-ZHCADPYF.js";
import "./chunk-47HB3AU5.js";
import "./chunk-WSQWEW36.js";
import "./chunk-XHRDWC7O.js";
import "./chunk-PURUKCPV.js";
import "./chunk-LXH2JKLY.js";
import "./chunk-WSACJKPV.js";
import {
  statusExitCode
} from "./chunk-NIFMIHRQ.js";
import "./chunk-WD5L72B6.js";

// src/cli/run.ts
import { writeFile } from "node:fs/promises";
var ENV = {
  tenant: "ST_TENANT",
  "client-id": "ST_CLIENT_ID",
  "client-secret": "ST_CLIENT_SECRET",
  "app-key": "ST_APP_KEY",
  environment: "ST_ENVIRONMENT",
  "api-url": "ST_API_URL",
  "auth-url": "ST_AUTH_URL"
};
function cliInputs(mode, values, env = process.env) {
  return {
    get: (name) => {
      if (name === "mode") return mode;
      const variable = ENV[name];
      if (variable) return env[variable] ?? "";
      const flag = values[name];
      return typeof flag === "string" ? flag : "";
    },
    label: (name) => ENV[name] ? `${ENV[name]}` : name === "mode" ? "the command" : `--${name}`
  };
}
async function runCommand(mode, _rest, values) {
  const tty = Boolean(process.stderr.isTTY) && !values.quiet;
  const logger = consoleLogger({ quiet: Boolean(values.quiet), debug: Boolean(values.debug), tty });
  const settings = parseSettings(
    cliInputs(mode, values),
    { name: "cli", isPullRequest: false, repositoryPrivate: null, payload: {} },
    process.cwd()
  );
  const result = await runPipeline(settings, { logger, now: () => /* @__PURE__ */ new Date() });
  const { report } = result;
  if (settings.reportPath) await writeFile(settings.reportPath, renderJson(report));
  if (settings.sarifPath) {
    const { renderSarif } = await import("./sarif-MA5QOTRC.js");
    const sarif = renderSarif(report, result.policy, { policyPath: settings.policyPath });
    await writeFile(settings.sarifPath, JSON.stringify(sarif, null, 2) + "\n");
  }
  if (settings.evidencePath) {
    const { writeRunEvidence } = await import("./sink-VMTH4UWB.js");
    const evidence = await writeRunEvidence(settings, result);
    if (evidence) process.stderr.write(`Evidence pack: ${evidence.dir}
`);
    if (evidence?.sinceLastReview) process.stderr.write(evidence.sinceLastReview + "\n");
  }
  for (const note of result.notes) logger.warning(note);
  if (values.json) {
    process.stdout.write(renderJson(report));
  } else {
    const color = Boolean(process.stdout.isTTY) && !values["no-color"] && !process.env.NO_COLOR;
    process.stdout.write(
      renderConsole(report, {
        color,
        width: process.stdout.columns ?? 100,
        ...settings.reportPath ? { reportPath: settings.reportPath } : {},
        ...settings.sarifPath ? { sarifPath: settings.sarifPath } : {}
      })
    );
  }
  return statusExitCode(report);
}
export {
  cliInputs,
  runCommand
};
