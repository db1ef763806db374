/**
 * The CLI's logger: progress and phase lines on stderr (stdout is for the report), a live
 * progress indicator only on a terminal, nothing at all with --quiet except warnings and errors.
 */
import type { Logger } from '../logger.js';

export function consoleLogger(opts: {
  quiet: boolean;
  debug: boolean;
  tty: boolean;
  /** where the lines go; default stderr */
  write?: (text: string) => void;
}): Logger {
  const write = opts.write ?? ((text: string) => void process.stderr.write(text));
  const err = (line: string) => write(line + '\n');
  /** the progress line on screen, if any, so a line printed under it can bring it back */
  let progressShown: string | null = null;
  const clearProgress = () => {
    if (progressShown !== null) {
      write('\r\x1b[2K');
      progressShown = null;
    }
  };
  const drawProgress = (text: string) => {
    write(`\r\x1b[2K${text}`);
    progressShown = text;
  };
  return {
    debug: (m) => {
      if (opts.debug) {
        clearProgress();
        err(`debug: ${m}`);
      }
    },
    info: (m, options) => {
      if (opts.quiet || !(opts.debug || options?.prominent)) return;
      const progress = progressShown;
      clearProgress();
      err(m);
      // a retry happens mid-fetch: the progress line it interrupted stays visible below it
      if (options?.prominent && progress !== null) drawProgress(progress);
    },
    warning: (m) => {
      clearProgress();
      err(`warning: ${m}`);
    },
    error: (m) => {
      clearProgress();
      err(`error: ${m}`);
    },
    group: async (name, fn) => {
      if (!opts.quiet && opts.debug) err(`== ${name}`);
      return fn();
    },
    progress: (what, done, total) => {
      if (opts.quiet || !opts.tty) return;
      drawProgress(`${what}: ${done}${total ? ` of ${total}` : ''}`);
      if (total !== undefined && done >= total) clearProgress();
    },
  };
}
