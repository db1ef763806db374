/**
 * What the one publish path works with: the run to publish, the channels it publishes through,
 * what they wrote, and the sinks only one entry has (the action's summary, outputs and
 * annotations; the CLI's console).
 */
import type { EvidenceOutcome } from '../evidence/sink.js';
import type { GitHubOutcome } from '../github/publish.js';
import type { Logger } from '../logger.js';
import type { PipelineResult } from '../pipeline.js';
import type { Annotation } from '../report/annotations.js';
import type { Settings } from '../settings.js';

export type EntryName = 'action' | 'cli';

/** What the channels wrote, for the entry's own sinks (summary, outputs, console) and the exit status. */
export interface Published {
  /** the report file as given, once written */
  report?: string;
  /** the SARIF file as given, once written */
  sarif?: string;
  /** the evidence pack folder as given, and what writing it found */
  evidence?: { path: string; outcome: EvidenceOutcome };
  /** the tracking issue and the policy impact, when the GitHub channel ran */
  github?: GitHubOutcome;
  /** one sentence per channel that failed: "The SARIF file out.sarif was not written: …" */
  failures: string[];
}

/**
 * The sinks only one entry has, passed in by the entry. Everything else (files, evidence,
 * GitHub) is published by the shared channels.
 */
export interface EntrySinks {
  entry: EntryName;
  /** the address of this run, recorded in the evidence pack (the action's workflow run) */
  runUrl?: string;
  /** workflow annotations (the action): called between the files and the evidence pack */
  annotate?(annotation: Annotation): void;
  /** a note that is not an error, shown with the annotations (the action; the CLI prints notes in `finish`) */
  note?(text: string): void;
  /** an evidence pack was written: say so where this entry talks to the user */
  evidenceWritten(path: string, outcome: EvidenceOutcome): void;
  /** a channel failed: the action logs it at once; the CLI after the report */
  failed?(message: string): void;
  /** after every channel: the job summary and outputs (action), the console report (CLI) */
  finish(published: Published): Promise<void>;
}

/** One run being published: what each channel reads, and the record it adds to. */
export interface PublishRun {
  settings: Settings;
  result: PipelineResult;
  logger: Logger;
  sinks: EntrySinks;
  published: Published;
}

/**
 * One place a run is published to. Each runs on its own: one that throws is reported as
 * `label` "was not written: …" and the others still run.
 */
export interface Channel {
  /** stable name, for tests and docs: `report`, `sarif`, `annotations`, `evidence`, `github` */
  id: string;
  /** whether this run publishes here (settings, mode, entry) */
  wanted(run: PublishRun): boolean;
  /** how a failure names it: "The SARIF file out.sarif" */
  label(run: PublishRun): string;
  publish(run: PublishRun): Promise<void>;
  /**
   * What a failure that is not a GuardError was, for the user; null (or absent): described as a
   * file that could not be written. Anything nobody can name is a bug and says so.
   */
  describeFailure?(error: unknown, redacted: boolean): string | null;
}
