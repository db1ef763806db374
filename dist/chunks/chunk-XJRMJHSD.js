import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  reportFile
} from "./chunk-PBOPUP2A.js";
import {
  jsonFile
} from "./chunk-TWT5VFH6.js";
import {
  describeWriteFailure,
  writeFileAtomic
} from "./chunk-L45OQZPI.js";
import {
  GuardError
} from "./chunk-GIX45REK.js";
import {
  inlineMarkdown,
  inlinePlain
} from "./chunk-Y7PV46DD.js";

// src/publish/channels.ts
import path from "node:path";

// src/publish/alerts.ts
var alertsChannel = {
  id: "notify",
  wanted: ({ settings }) => settings.notify.length > 0,
  label: () => "The alert",
  publish: async ({ settings, result, logger, sinks, published }) => {
    const { alertAfterRun } = await import("./run-6WO23GPC.js");
    const github = published.github;
    const issue = github?.issueNumber != null && github.issueUrl ? { number: github.issueNumber, url: github.issueUrl } : null;
    await alertAfterRun(
      settings,
      result.report,
      { runUrl: sinks.runUrl ?? null, issue, ...github ? { trackedBefore: github.trackedBefore } : {} },
      logger
    );
  }
};

// src/publish/channels.ts
function fileChannel(spec) {
  return {
    id: spec.id,
    wanted: (run) => spec.file(run) !== null,
    label: (run) => `${spec.what} ${spec.file(run) ?? ""}`,
    publish: async (run) => {
      const file = spec.file(run);
      const { result, settings } = run;
      const render = await spec.renderer();
      const text = render(result.report, { policy: result.policy, policyPath: settings.policyPath });
      await writeFileAtomic(path.resolve(settings.workspace, file), text);
      spec.record(run.published, file);
    }
  };
}
var reportChannel = fileChannel({
  id: "report",
  what: "The report",
  file: ({ settings, result }) => result.writeReport ? reportFile(settings) : null,
  renderer: () => jsonFile,
  record: (published, file) => void (published.report = file)
});
var sarifChannel = fileChannel({
  id: "sarif",
  what: "The SARIF file",
  file: ({ settings }) => settings.sarifPath,
  renderer: async () => (await import("./sarif-UCN5ECLJ.js")).sarifFile,
  record: (published, file) => void (published.sarif = file)
});
var annotationsChannel = {
  id: "annotations",
  wanted: ({ sinks }) => sinks.annotate !== void 0,
  label: () => "The annotations",
  publish: async ({ settings, result, sinks }) => {
    const { exemptionNoticeAnnotations, findingAnnotations, policyIssueAnnotations } = await import("./annotations-EVJQBH5S.js");
    const annotations = [
      ...policyIssueAnnotations(result.policyIssues),
      ...findingAnnotations(result.report, settings.policyPath),
      ...exemptionNoticeAnnotations(result.report, result.policy, settings.policyPath)
    ];
    for (const a of annotations) sinks.annotate?.(a);
    for (const note of result.notes) sinks.note?.(note);
  }
};
var evidenceChannel = {
  id: "evidence",
  // a review writes its pack itself when it closes (before closing its issues), and only then
  wanted: ({ settings, result }) => settings.evidencePath !== null && (settings.mode !== "review" || result.evidenceWritten !== void 0),
  label: ({ settings }) => `The evidence pack ${settings.evidencePath ?? ""}`,
  publish: async ({ settings, result, sinks, published }) => {
    const { writeRunEvidence } = await import("./sink-OWC5FVCP.js");
    const outcome = result.evidenceWritten ? { ...result.evidenceWritten, sinceLastReview: null } : await writeRunEvidence(settings, result, sinks.runUrl);
    if (outcome && settings.evidencePath) {
      published.evidence = { path: settings.evidencePath, outcome };
      sinks.evidenceWritten(settings.evidencePath, outcome);
    }
  }
};
var gitHubChannel = {
  id: "github",
  wanted: ({ settings, result, sinks }) => sinks.entry === "action" && (settings.issue || settings.event.isPullRequest && result.baseline !== null),
  label: () => "The GitHub issue or pull-request comment",
  publish: async ({ settings, result, logger, published }) => {
    const { publishToGitHub } = await import("./publish-74GE2QKN.js");
    published.github = await publishToGitHub(settings, result, logger);
  },
  describeFailure: describeGitHubFailure
};
function describeGitHubFailure(error, redacted) {
  const failed = error;
  if (typeof failed?.status === "number" && failed.response !== void 0) {
    const first = error instanceof Error && !redacted ? error.message.split("\n")[0] ?? "" : "";
    return `GitHub answered HTTP ${failed.status}${first ? ` (${inlinePlain(first, 200)})` : ""}`;
  }
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const { code, name } = cause;
    if (name === "TimeoutError" || name === "AbortError") {
      return "GitHub did not answer in time; the run goes on without it";
    }
    if (typeof code === "string" && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) {
      return `GitHub could not be reached (${code}); the run goes on without it`;
    }
    cause = cause.cause;
  }
  return null;
}
var CHANNELS = [
  reportChannel,
  sarifChannel,
  annotationsChannel,
  evidenceChannel,
  gitHubChannel,
  alertsChannel
];

// src/publish/publish.ts
function channelFailure(channel, label, error, run) {
  if (error instanceof GuardError) {
    return `${label} was not written: ${error.message}${error.hint ? ` ${error.hint}` : ""} [${error.code}]`;
  }
  const { redacted } = run.result;
  if (!redacted && error instanceof Error) run.logger.debug(error.stack ?? error.message);
  const described = channel.describeFailure?.(error, redacted) ?? describeWriteFailure(error, redacted);
  return `${label} was not written: ${described}.`;
}
async function attempt(channel, run) {
  let label = `The ${channel.id} channel`;
  try {
    if (!channel.wanted(run)) return;
    label = channel.label(run);
    await channel.publish(run);
  } catch (error) {
    const message = channelFailure(channel, label, error, run);
    run.published.failures.push(message);
    run.sinks.failed?.(message);
  }
}
async function publishRun(settings, result, logger, sinks, channels = CHANNELS) {
  const run = { settings, result, logger, sinks, published: { failures: [] } };
  for (const channel of channels) await attempt(channel, run);
  await sinks.finish(run.published);
  return run.published;
}
function publishedExitCode(result, published) {
  return result.exitCode === 0 && published.failures.length > 0 ? 3 : result.exitCode;
}

// src/report/review.ts
function headline(review) {
  if (!review.campaign) return "No access review is open.";
  const state = review.closed ? "closed" : `open, due ${review.due ?? "?"}`;
  return `Access review of ${review.campaign.slice(0, 10)} (${state}): ${review.decided} of ${review.accounts} decided \u2014 ${review.kept} kept, ${review.revoked} revoked, ${review.undecided} undecided.`;
}
function renderReviewMarkdown(report) {
  const review = report.review;
  if (!review) return "";
  const lines = [`### ServiceTitan access review (${review.action})`, "", inlineMarkdown(headline(review), 400), ""];
  if (review.rosterSha256) lines.push(`Frozen roster SHA-256: \`${review.rosterSha256}\``, "");
  if (review.issues.length > 0) {
    lines.push("| Issue | Reviewers | Decided | State |", "| --- | --- | --- | --- |");
    for (const issue of review.issues) {
      lines.push(
        `| [#${issue.number}](${issue.url}) | ${inlineMarkdown(issue.reviewers.join(", "), 200)} | ${issue.decided} of ${issue.accounts} | ${issue.state} |`
      );
    }
    lines.push("");
  }
  const revoked = review.attestations.filter((a) => a.decision === "revoke");
  if (review.closed && revoked.length > 0) {
    lines.push(`**Revoked** (the report's plan; \`mode: apply\` with \`review-report\` carries it out):`, "");
    for (const a of revoked.slice(0, 50)) {
      lines.push(
        `- \`${a.key}\` ${inlineMarkdown(a.name, 80)} \u2014 ${inlineMarkdown(a.reason ?? "", 200)} (${inlineMarkdown(a.reviewer ?? "", 40)})`
      );
    }
    if (revoked.length > 50) lines.push(`- and ${revoked.length - 50} more in the report`);
    lines.push("");
  }
  return `${lines.join("\n")}
`;
}
function renderReviewText(report) {
  const review = report.review;
  if (!review) return "";
  const lines = [inlinePlain(headline(review), 400)];
  if (review.rosterSha256) lines.push(`  frozen roster SHA-256 ${review.rosterSha256}`);
  for (const issue of review.issues) {
    lines.push(
      `  #${issue.number} ${inlinePlain(issue.reviewers.join(", "), 120)}: ${issue.decided} of ${issue.accounts} decided (${issue.state}) ${inlinePlain(issue.url, 200)}`
    );
  }
  if (review.closed) {
    for (const a of review.attestations.filter((x) => x.decision === "revoke")) {
      lines.push(`  revoke ${a.key} ${inlinePlain(a.name, 80)}: ${inlinePlain(a.reason ?? "", 160)}`);
    }
  }
  return `${lines.join("\n")}
`;
}

export {
  publishRun,
  publishedExitCode,
  renderReviewMarkdown,
  renderReviewText
};
