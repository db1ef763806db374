/**
 * The small logger the core and the ServiceTitan client take (injected, never imported):
 * the action passes one backed by @actions/core, the CLI one backed by the console, tests a
 * recording one.
 */
export interface Logger {
  debug(message: string): void;
  /** `prominent`: a line the user needs even without --debug (a retry and its wait) */
  info(message: string, options?: InfoOptions): void;
  warning(message: string): void;
  error(message: string): void;
  /** Runs `fn` inside a collapsible log group (action) or under a heading (CLI). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Progress while paging or applying, e.g. ("employees", 1200, 5000). Total may be unknown. */
  progress?(what: string, done: number, total?: number): void;
}

export interface InfoOptions {
  /**
   * Why the run is slow or stalled: the CLI, which shows info lines only with --debug, shows
   * these too (on a terminal and off one); the action shows every info line anyway.
   */
  prominent?: boolean;
}

/** A logger that prints nothing, for library use and tests that do not care. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warning() {},
  error() {},
  group: (_name, fn) => fn(),
};

/** A logger that records every line, for tests. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (m) => void lines.push(`debug: ${m}`),
    info: (m) => void lines.push(`info: ${m}`),
    warning: (m) => void lines.push(`warning: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    group: async (name, fn) => {
      lines.push(`group: ${name}`);
      return fn();
    },
  };
}
