/**
 * Every channel a run is published through, in the order they run: the one list both the action
 * and the CLI publish from. A new channel (a file format, a notification) is one entry here; a
 * new mode's outputs are entries whose `wanted` checks `run.settings.mode`. Heavy channels load
 * their code only when wanted, so `validate` stays fast.
 */
import path from 'node:path';
import { writeFileAtomic } from '../files.js';
import { reportFile } from '../pipeline.js';
import { jsonFile } from '../report/json.js';
import type { Renderer } from '../report/renderer.js';
import { inlinePlain } from '../report/text.js';
import type { Channel, Published, PublishRun } from './types.js';
import { alertsChannel } from './alerts.js';

/**
 * A file rendered from the report: written whole and renamed into place, relative to the
 * workspace (the action's checkout, the CLI's working directory).
 */
export function fileChannel(spec: {
  id: string;
  /** "The SARIF file": the label is this and the path */
  what: string;
  /** the file this run writes, as the user gave it; null: none */
  file(run: PublishRun): string | null;
  renderer(): Renderer | Promise<Renderer>;
  /** records the written file for the summary, the outputs and the console */
  record(published: Published, file: string): void;
}): Channel {
  return {
    id: spec.id,
    wanted: (run) => spec.file(run) !== null,
    label: (run) => `${spec.what} ${spec.file(run) ?? ''}`,
    publish: async (run) => {
      const file = spec.file(run)!;
      const { result, settings } = run;
      const render = await spec.renderer();
      const text = render(result.report, { policy: result.policy, policyPath: settings.policyPath });
      await writeFileAtomic(path.resolve(settings.workspace, file), text);
      spec.record(run.published, file);
    },
  };
}

/** The JSON report; undo's journal goes beside the apply report it reads. */
export const reportChannel = fileChannel({
  id: 'report',
  what: 'The report',
  file: ({ settings, result }) => (result.writeReport ? reportFile(settings) : null),
  renderer: () => jsonFile,
  record: (published, file) => void (published.report = file),
});

export const sarifChannel = fileChannel({
  id: 'sarif',
  what: 'The SARIF file',
  file: ({ settings }) => settings.sarifPath,
  renderer: async () => (await import('../report/sarif.js')).sarifFile,
  record: (published, file) => void (published.sarif = file),
});

/** Workflow annotations on the policy file, and the run's notes: only where the entry shows them. */
export const annotationsChannel: Channel = {
  id: 'annotations',
  wanted: ({ sinks }) => sinks.annotate !== undefined,
  label: () => 'The annotations',
  publish: async ({ settings, result, sinks }) => {
    const { exemptionNoticeAnnotations, findingAnnotations, policyIssueAnnotations } =
      await import('../report/annotations.js');
    const annotations = [
      ...policyIssueAnnotations(result.policyIssues),
      ...findingAnnotations(result.report, settings.policyPath),
      ...exemptionNoticeAnnotations(result.report, result.policy, settings.policyPath),
    ];
    for (const a of annotations) sinks.annotate?.(a);
    for (const note of result.notes) sinks.note?.(note);
  },
};

export const evidenceChannel: Channel = {
  id: 'evidence',
  // a review writes its pack itself when it closes (before closing its issues), and only then
  wanted: ({ settings, result }) =>
    settings.evidencePath !== null && (settings.mode !== 'review' || result.evidenceWritten !== undefined),
  label: ({ settings }) => `The evidence pack ${settings.evidencePath ?? ''}`,
  publish: async ({ settings, result, sinks, published }) => {
    const { writeRunEvidence } = await import('../evidence/sink.js');
    const outcome = result.evidenceWritten
      ? { ...result.evidenceWritten, sinceLastReview: null }
      : await writeRunEvidence(settings, result, sinks.runUrl);
    if (outcome && settings.evidencePath) {
      published.evidence = { path: settings.evidencePath, outcome };
      sinks.evidenceWritten(settings.evidencePath, outcome);
    }
  },
};

/**
 * The tracking issue and the pull request's policy-impact comment: the action's. GitHub's own
 * refusals (no permission, issues disabled) are warnings inside; what escapes is named here.
 */
export const gitHubChannel: Channel = {
  id: 'github',
  wanted: ({ settings, result, sinks }) =>
    sinks.entry === 'action' &&
    (settings.issue || (settings.event.isPullRequest && result.baseline !== null)),
  label: () => 'The GitHub issue or pull-request comment',
  publish: async ({ settings, result, logger, published }) => {
    const { publishToGitHub } = await import('../github/publish.js');
    published.github = await publishToGitHub(settings, result, logger);
  },
  describeFailure: describeGitHubFailure,
};

/**
 * A GitHub request that failed is GitHub's answer (an HTTP status it sent) or a GitHub that could
 * not be reached (Octokit reports that as a status 500 without a response; the cause says why),
 * never a file. Null: not a GitHub failure, so the default description applies.
 */
export function describeGitHubFailure(error: unknown, redacted: boolean): string | null {
  const failed = error as { status?: unknown; response?: unknown } | null;
  if (typeof failed?.status === 'number' && failed.response !== undefined) {
    const first = error instanceof Error && !redacted ? (error.message.split('\n')[0] ?? '') : '';
    return `GitHub answered HTTP ${failed.status}${first ? ` (${inlinePlain(first, 200)})` : ''}`;
  }
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    const { code, name } = cause as { code?: unknown; name?: unknown };
    if (name === 'TimeoutError' || name === 'AbortError') {
      return 'GitHub did not answer in time; the run goes on without it';
    }
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) {
      return `GitHub could not be reached (${code}); the run goes on without it`;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The channels, in the order they run. Extension point: add a channel here (and its record in
 * `Published` when an entry's sinks need what it wrote).
 */
export const CHANNELS: readonly Channel[] = [
  reportChannel,
  sarifChannel,
  annotationsChannel,
  evidenceChannel,
  gitHubChannel,
  alertsChannel,
];
