/**
 * The CLI's logger: progress and phase lines on stderr (stdout is for the report), a live
 * progress indicator only on a terminal, nothing at all with --quiet except warnings and errors.
 */
import type { Logger } from '../logger.js';

export function consoleLogger(opts: { quiet: boolean; debug: boolean; tty: boolean }): Logger {
  const err = (line: string) => process.stderr.write(line + '\n');
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) {
      process.stderr.write('\r\x1b[2K');
      progressShown = false;
    }
  };
  return {
    debug: (m) => {
      if (opts.debug) {
        clearProgress();
        err(`debug: ${m}`);
      }
    },
    info: (m) => {
      if (!opts.quiet && opts.debug) {
        clearProgress();
        err(m);
      }
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
      process.stderr.write(`\r\x1b[2K${what}: ${done}${total ? ` of ${total}` : ''}`);
      progressShown = true;
      if (total !== undefined && done >= total) clearProgress();
    },
  };
}
