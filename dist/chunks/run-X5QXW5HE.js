import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  consoleLogger,
  consoleWidth,
  renderConsole
} from "./chunk-R5URV4GO.js";
import "./chunk-IUN4THX5.js";
import {
  describeWriteFailure,
  reportFile,
  runPipeline,
  writeFileAtomic
} from "./chunk-V3QQHQ2D.js";
import "./chunk-XBL2J3D5.js";
import "./chunk-I3TMJHPQ.js";
import {
  renderJson
} from "./chunk-LILMC5CR.js";
import "./chunk-HEUCNJIE.js";
import "./chunk-4ELQWBUJ.js";
import {
  statusExitCode
} from "./chunk-CIVS25GE.js";
import "./chunk-ZDCQ5PVZ.js";
import "./chunk-47HB3AU5.js";
import "./chunk-HKZCVUJJ.js";
import {
  parseSettings,
  readGitHubEvent
} from "./chunk-FYJR37SA.js";
import "./chunk-D6KSKHJM.js";
import "./chunk-DBYO6JJB.js";
import "./chunk-QLH5EDU2.js";
import "./chunk-3KQCMBW2.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import {
  ConfigurationError,
  GuardError
} from "./chunk-RPWTNJ4G.js";
import "./chunk-7KNWVG6D.js";
import "./chunk-WD5L72B6.js";

// src/cli/run.ts
var ENV = {
  tenant: "ST_TENANT",
  "client-id": "ST_CLIENT_ID",
  "client-secret": "ST_CLIENT_SECRET",
  "app-key": "ST_APP_KEY",
  environment: "ST_ENVIRONMENT",
  "api-url": "ST_API_URL",
  "auth-url": "ST_AUTH_URL",
  "evidence-signing-key": "ST_EVIDENCE_SIGNING_KEY"
};
function cliInputs(mode, values, env = process.env) {
  return {
    get: (name) => {
      if (name === "mode") return mode;
      const variable = ENV[name];
      if (variable) return env[variable] ?? "";
      const flag = values[name];
      if (typeof flag === "boolean") return flag ? "true" : "";
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
async function askBeforeWriting(mode, settings, steps) {
  const { createInterface } = await import("node:readline/promises");
  const lines = steps.map(
    (s) => `  ${s.action}${s.role ? ` \u2192 ${s.role}` : ""}  ${s.user.kind} #${s.user.id} ${s.user.name}`
  );
  process.stderr.write(
    `
${mode === "apply" ? "Apply" : "Undo"} will make ${steps.length} change${steps.length === 1 ? "" : "s"} in tenant ${settings.tenant ?? ""} (${settings.environment}):
${lines.join("\n")}
`
  );
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const abort = new AbortController();
  prompt.on("SIGINT", () => abort.abort());
  prompt.on("close", () => abort.abort());
  try {
    const answer = await prompt.question("Go ahead? Type yes to continue: ", { signal: abort.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    process.stderr.write("\n");
    return false;
  } finally {
    prompt.close();
  }
}
async function runCommand(mode, rest, given) {
  const values = mode === "undo" ? undoValues(rest, given) : given;
  const tty = Boolean(process.stderr.isTTY) && !values.quiet;
  const logger = consoleLogger({ quiet: Boolean(values.quiet), debug: Boolean(values.debug), tty });
  const settings = parseSettings(cliInputs(mode, values), cliEvent(), process.cwd());
  const asks = (mode === "apply" || mode === "undo") && !values.yes && Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const result = await runPipeline(settings, {
    logger,
    now: () => /* @__PURE__ */ new Date(),
    ...asks ? { confirm: (steps) => askBeforeWriting(mode, settings, steps) } : {}
  });
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
  if (reportPath && result.writeReport) {
    await attempt(`The report ${reportPath}`, () => writeFileAtomic(reportPath, renderJson(report)));
  }
  if (settings.sarifPath) {
    const sarifPath = settings.sarifPath;
    await attempt(`The SARIF file ${sarifPath}`, async () => {
      const { renderSarif } = await import("./sarif-2JFYEXI3.js");
      const sarif = renderSarif(report, result.policy, { policyPath: settings.policyPath });
      await writeFileAtomic(sarifPath, JSON.stringify(sarif, null, 2) + "\n");
    });
  }
  if (settings.evidencePath) {
    await attempt(`The evidence pack ${settings.evidencePath}`, async () => {
      const { writeRunEvidence } = await import("./sink-6AYL5ASO.js");
      const evidence = await writeRunEvidence(settings, result);
      if (evidence) {
        process.stderr.write(
          `Evidence pack: ${evidence.dir}${evidence.replacedEarlier ? " (replaced the earlier pack there)" : ""}
`
        );
      }
      if (evidence?.signature) {
        process.stderr.write(
          `Evidence pack signed: ${evidence.signature.file}, key ${evidence.signature.publicKeyFingerprint}
`
        );
      }
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
        policy: result.policy,
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
