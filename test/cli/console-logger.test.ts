import { describe, expect, it } from 'vitest';
import { consoleLogger } from '../../src/cli/console-logger.js';

const RETRY = 'ServiceTitan answered 429 (rate limited) to GET /employees: retrying in 5 s (attempt 2 of 6)';

function capture(opts: { quiet?: boolean; debug?: boolean; tty: boolean }) {
  let written = '';
  const logger = consoleLogger({
    quiet: opts.quiet ?? false,
    debug: opts.debug ?? false,
    tty: opts.tty,
    write: (text) => void (written += text),
  });
  return { logger, output: () => written };
}

describe('the CLI logger', () => {
  it('shows a retry without --debug off a terminal, as a plain line', () => {
    const { logger, output } = capture({ tty: false });
    logger.progress?.('employees', 200, 500);
    logger.info(RETRY, { prominent: true });
    expect(output()).toBe(`${RETRY}\n`);
  });

  it('shows a retry on a terminal above the progress line, and draws the progress line again', () => {
    const { logger, output } = capture({ tty: true });
    logger.progress?.('employees', 200, 500);
    logger.info(RETRY, { prominent: true });
    // the progress line is cleared, the retry printed on a line of its own, the progress redrawn
    expect(output()).toBe(
      `\r\x1b[2Kemployees: 200 of 500` + `\r\x1b[2K` + `${RETRY}\n` + `\r\x1b[2Kemployees: 200 of 500`,
    );
    // the next progress update overwrites it in place, and the retry line stays
    logger.progress?.('employees', 400, 500);
    expect(output().endsWith(`${RETRY}\n\r\x1b[2Kemployees: 200 of 500\r\x1b[2Kemployees: 400 of 500`)).toBe(
      true,
    );
  });

  it('keeps other info lines for --debug', () => {
    const quietByDefault = capture({ tty: false });
    quietByDefault.logger.info('Policy took 12 ms');
    expect(quietByDefault.output()).toBe('');
    const debug = capture({ tty: false, debug: true });
    debug.logger.info('Policy took 12 ms');
    expect(debug.output()).toBe('Policy took 12 ms\n');
  });

  it('prints no retry with --quiet', () => {
    const { logger, output } = capture({ tty: false, quiet: true });
    logger.info(RETRY, { prominent: true });
    expect(output()).toBe('');
  });
});
