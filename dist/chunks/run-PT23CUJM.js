import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  consoleLogger,
  consoleWidth,
  renderConsole
} from "./chunk-XPDEHMRJ.js";
import "./chunk-IUN4THX5.js";
import "./chunk-7GJQ3IID.js";
import "./chunk-5QOBHBMT.js";
import {
  describeWriteFailure,
  reportFile,
  runPipeline,
  writeFileAtomic
} from "./chunk-TX5BJ27J.js";
import "./chunk-WSACJKPV.js";
import {
  parseSettings,
  readGitHubEvent,
  renderJson
} from "./chunk-QZGEY2AJ.js";
import {
  statusExitCode
} from "./chunk-RWQ7FRYK.js";
import "./chunk-BE5DOGDT.js";
import "./chunk-MR24Z3FG.js";
import "./chunk-47HB3AU5.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import {
  ConfigurationError,
  GuardError
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
function cliEvent(env = process.env) {
  if (env.GITHUB_ACTIONS === "true") return readGitHubEvent(env);
  return { name: "cli", isPullRequest: false, repositoryPrivate: null, payload: {} };
}
async function runCommand(mode, rest, given) {
  const values = mode === "undo" ? undoValues(rest, given) : given;
  const tty = Boolean(process.stderr.isTTY) && !values.quiet;
  const logger = consoleLogger({ quiet: Boolean(values.quiet), debug: Boolean(values.debug), tty });
  const settings = parseSettings(cliInputs(mode, values), cliEvent(), process.cwd());
  const result = await runPipeline(settings, { logger, now: () => /* @__PURE__ */ new Date() });
  const { report } = result;
  const failures = [];
  const attempt = async (what, fn) => {
    try {
      await fn();
    } catch (error) {
      const detail = error instanceof GuardError ? `${error.message}${error.hint ? ` ${error.hint}` : ""} [${error.code}]` : describeWriteFailure(error, result.redacted);
      failures.push(`${what} was not written: ${detail}`);
    }
  };
  const reportPath = reportFile(settings);
  if (reportPath) {
    await attempt(`The report ${reportPath}`, () => writeFileAtomic(reportPath, renderJson(report)));
  }
  if (settings.sarifPath) {
    const sarifPath = settings.sarifPath;
    await attempt(`The SARIF file ${sarifPath}`, async () => {
      const { renderSarif } = await import("./sarif-SGE5QTAL.js");
      const sarif = renderSarif(report, result.policy, { policyPath: settings.policyPath });
      await writeFileAtomic(sarifPath, JSON.stringify(sarif, null, 2) + "\n");
    });
  }
  if (settings.evidencePath) {
    await attempt(`The evidence pack ${settings.evidencePath}`, async () => {
      const { writeRunEvidence } = await import("./sink-67OKGOEA.js");
      const evidence = await writeRunEvidence(settings, result);
      if (evidence) process.stderr.write(`Evidence pack: ${evidence.dir}
`);
      if (evidence?.sinceLastReview) process.stderr.write(evidence.sinceLastReview + "\n");
    });
  }
  for (const note of result.notes) logger.warning(note);
  if (values.json) {
    process.stdout.write(renderJson(report));
  } else {
    const color = Boolean(process.stdout.isTTY) && !values["no-color"] && !process.env.NO_COLOR;
    process.stdout.write(
      renderConsole(report, {
        color,
        width: consoleWidth(process.stdout.columns, process.env),
        ...reportPath ? { reportPath } : {},
        ...settings.sarifPath ? { sarifPath: settings.sarifPath } : {}
      })
    );
  }
  for (const failure of failures) logger.error(failure);
  const code = statusExitCode(report);
  return code === 0 && failures.length > 0 ? 3 : code;
}
export {
  cliEvent,
  cliInputs,
  runCommand
};
