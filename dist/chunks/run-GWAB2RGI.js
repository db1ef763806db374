import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  consoleLogger,
  consoleWidth,
  renderConsole
} from "./chunk-QTZ64PZ4.js";
import "./chunk-IUN4THX5.js";
import {
  publishRun,
  publishedExitCode,
  renderReviewText
} from "./chunk-XJRMJHSD.js";
import "./chunk-DUAFDT7Q.js";
import {
  reportFile,
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
  parseSettings,
  readGitHubEvent
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
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/publish/console.ts
function consoleSinks(settings, result, logger, options) {
  const { stdout, stderr } = options.streams ?? { stdout: process.stdout, stderr: process.stderr };
  const env = options.env ?? process.env;
  return {
    entry: "cli",
    evidenceWritten: (_file, evidence) => {
      stderr.write(
        `Evidence pack: ${evidence.dir}${evidence.replacedEarlier ? " (replaced the earlier pack there)" : ""}
`
      );
      if (evidence.signature) {
        stderr.write(
          `Evidence pack signed: ${evidence.signature.file}, key ${evidence.signature.publicKeyFingerprint}
`
        );
      }
      if (evidence.sinceLastReview) stderr.write(evidence.sinceLastReview + "\n");
    },
    // the run's outcome is shown first; what could not be written follows it (in `finish`)
    finish: async (published) => {
      const { report } = result;
      for (const note of result.notes) logger.warning(note);
      if (options.json) {
        stdout.write(renderJson(report));
      } else {
        stdout.write(renderReviewText(report));
        const reportPath = reportFile(settings);
        const color = Boolean(stdout.isTTY) && !options.noColor && !env.NO_COLOR;
        stdout.write(
          renderConsole(report, {
            color,
            policy: result.policy,
            width: consoleWidth(stdout.columns, env),
            ...reportPath ? { reportPath } : {},
            ...settings.sarifPath ? { sarifPath: settings.sarifPath } : {}
          })
        );
      }
      for (const failure of published.failures) logger.error(failure);
    }
  };
}

// src/cli/run.ts
var ENV = {
  tenant: "ST_TENANT",
  "client-id": "ST_CLIENT_ID",
  "client-secret": "ST_CLIENT_SECRET",
  "app-key": "ST_APP_KEY",
  environment: "ST_ENVIRONMENT",
  "api-url": "ST_API_URL",
  "auth-url": "ST_AUTH_URL",
  "evidence-signing-key": "ST_EVIDENCE_SIGNING_KEY",
  notify: "ST_NOTIFY",
  "entra-client-id": "ENTRA_CLIENT_ID",
  "entra-client-secret": "ENTRA_CLIENT_SECRET",
  "google-credentials": "GOOGLE_CREDENTIALS",
  "google-subject": "GOOGLE_SUBJECT",
  "entra-authority-url": "ENTRA_AUTHORITY_URL",
  "graph-url": "GRAPH_URL",
  "google-token-url": "GOOGLE_TOKEN_URL",
  "google-api-url": "GOOGLE_API_URL",
  "github-token": "GITHUB_TOKEN"
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
function reviewValues(rest, values) {
  const [action, ...extra] = rest;
  if (action === void 0 || !["start", "sync", "close"].includes(action) || extra.length > 0) {
    throw new ConfigurationError(
      "input.invalid-review",
      `\`review\` takes one of start, sync or close${action === void 0 ? "" : `, not \`${rest.join(" ").slice(0, 40)}\``}.`,
      "Run `st-access-guard review start|sync|close --repo OWNER/NAME` with GITHUB_TOKEN set."
    );
  }
  return { ...values, review: action };
}
function reviewEnv(values, env = process.env) {
  const repo = values.repo;
  if (repo === void 0) return env;
  if (typeof repo !== "string" || !/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/.test(repo)) {
    throw new ConfigurationError(
      "input.invalid-repo",
      `--repo is \`${String(repo).slice(0, 80)}\`, which is not a repository as OWNER/NAME.`,
      "Give the repository whose issues hold the review, e.g. `--repo acme/servicetitan-access`."
    );
  }
  return { ...env, GITHUB_REPOSITORY: repo };
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
  const values = mode === "undo" ? undoValues(rest, given) : mode === "review" ? reviewValues(rest, given) : given;
  const tty = Boolean(process.stderr.isTTY) && !values.quiet;
  const logger = consoleLogger({ quiet: Boolean(values.quiet), debug: Boolean(values.debug), tty });
  const settings = parseSettings(cliInputs(mode, values), cliEvent(), process.cwd());
  const asks = (mode === "apply" || mode === "undo") && !values.yes && Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const deps = {
    logger,
    now: () => /* @__PURE__ */ new Date(),
    ...asks ? { confirm: (steps) => askBeforeWriting(mode, settings, steps) } : {}
  };
  const result = mode === "review" ? await (await import("./review-run-J5MBELVU.js")).runReviewMode(settings, deps, reviewEnv(values)) : await runPipeline(settings, deps);
  const published = await publishRun(
    settings,
    result,
    logger,
    consoleSinks(settings, result, logger, {
      json: Boolean(values.json),
      noColor: Boolean(values["no-color"])
    })
  );
  return publishedExitCode(result, published);
}
async function runFleetCli(rest, values) {
  const { runFleetCommand } = await import("./cli-MRPBY5MR.js");
  const tty = Boolean(process.stderr.isTTY) && !values.quiet;
  return runFleetCommand(rest, {
    settings: (mode) => parseSettings(cliInputs(mode, values), cliEvent(), process.cwd()),
    logger: consoleLogger({ quiet: Boolean(values.quiet), debug: Boolean(values.debug), tty }),
    stdout: (text) => void process.stdout.write(text),
    json: Boolean(values.json)
  });
}
export {
  cliEvent,
  cliInputs,
  reviewEnv,
  runCommand,
  runFleetCli
};
