import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  consoleLogger,
  renderConsole
} from "./chunk-2T2ZYPMP.js";
import "./chunk-T52YJYTF.js";
import {
  renderJson
} from "./chunk-BIGH7BX5.js";
import "./chunk-PURUKCPV.js";
import "./chunk-LXH2JKLY.js";
import {
  undoJournalPath
} from "./chunk-QGZJSZN5.js";
import {
  runPipeline,
  writeFileAtomic
} from "./chunk-YN663IN2.js";
import "./chunk-WSACJKPV.js";
import {
  parseSettings
} from "./chunk-T3P4LWFM.js";
import {
  statusExitCode
} from "./chunk-4GBQN3HZ.js";
import "./chunk-ZHCADPYF.js";
import "./chunk-47HB3AU5.js";
import "./chunk-5VFH7U4S.js";
import {
  ConfigurationError
} from "./chunk-XHRDWC7O.js";
import "./chunk-WD5L72B6.js";

// src/cli/run.ts
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
function undoValues(rest, values) {
  const [positional, ...extra] = rest;
  const flag = typeof values.report === "string" ? values.report : void 0;
  if (extra.length > 0 || positional !== void 0 && flag !== void 0 && positional !== flag) {
    throw new ConfigurationError(
      "input.invalid-report",
      "undo takes one apply report: `st-access-guard undo REPORT` (or --report REPORT).",
      "Name the JSON report of the apply to reverse once."
    );
  }
  return positional === void 0 ? values : { ...values, report: positional };
}
async function runCommand(mode, rest, given) {
  const values = mode === "undo" ? undoValues(rest, given) : given;
  const tty = Boolean(process.stderr.isTTY) && !values.quiet;
  const logger = consoleLogger({ quiet: Boolean(values.quiet), debug: Boolean(values.debug), tty });
  const settings = parseSettings(
    cliInputs(mode, values),
    { name: "cli", isPullRequest: false, repositoryPrivate: null, payload: {} },
    process.cwd()
  );
  const result = await runPipeline(settings, { logger, now: () => /* @__PURE__ */ new Date() });
  const { report } = result;
  const reportPath = settings.mode === "undo" && settings.reportPath ? undoJournalPath(settings.reportPath) : settings.reportPath;
  if (reportPath) await writeFileAtomic(reportPath, renderJson(report));
  if (settings.sarifPath) {
    const { renderSarif } = await import("./sarif-GMFFV7YE.js");
    const sarif = renderSarif(report, result.policy, { policyPath: settings.policyPath });
    await writeFileAtomic(settings.sarifPath, JSON.stringify(sarif, null, 2) + "\n");
  }
  if (settings.evidencePath) {
    const { writeRunEvidence } = await import("./sink-EZ6M7WYT.js");
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
        ...reportPath ? { reportPath } : {},
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
