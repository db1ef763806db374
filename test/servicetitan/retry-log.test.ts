import { describe, expect, it } from 'vitest';
import type { InfoOptions, Logger } from '../../src/logger.js';
import { ServiceTitanClient } from '../../src/servicetitan/client.js';
import { connection, mockServiceTitan, SECRETS, type SeenRequest } from './mock-servicetitan.js';
import { FAST } from './unit-setup.js';

/** A logger that keeps each info line with the options it was given. */
function infoLog() {
  const info: { message: string; options?: InfoOptions }[] = [];
  const all: string[] = [];
  const logger: Logger = {
    debug: (m) => void all.push(m),
    info: (message, options) => {
      info.push({ message, ...(options ? { options } : {}) });
      all.push(message);
    },
    warning: (m) => void all.push(m),
    error: (m) => void all.push(m),
    group: (_name, fn) => fn(),
  };
  return { logger, info, all };
}

function client(
  respond: (
    r: SeenRequest,
  ) => { statusCode: number; data?: object | string; headers?: Record<string, string> } | undefined,
) {
  const mock = mockServiceTitan({ respond });
  const log = infoLog();
  const c = new ServiceTitanClient({
    connection,
    dispatcher: mock.agent,
    tuning: { ...FAST, retryBudgetMs: 60_000 },
    logger: log.logger,
    sleep: async () => {},
    now: () => new Date('2025-06-01T12:00:00Z'),
  });
  return { client: c, log };
}

describe('a retry in the log', () => {
  it('says what ServiceTitan answered, to which request, how long the wait is and which attempt is next', async () => {
    let failures = 2;
    const { client: c, log } = client((r) =>
      r.path.endsWith('/employees') && failures-- > 0
        ? { statusCode: 429, data: '', headers: { 'retry-after': '5' } }
        : undefined,
    );
    await c.fetchSnapshot();
    const retries = log.info.filter((l) => l.message.includes('retrying'));
    expect(retries.map((l) => l.message)).toEqual([
      `ServiceTitan answered 429 (rate limited) to GET /settings/v2/tenant/${connection.tenant}/employees: retrying in 5 s (attempt 2 of ${FAST.maxRetries! + 1})`,
      `ServiceTitan answered 429 (rate limited) to GET /settings/v2/tenant/${connection.tenant}/employees: retrying in 5 s (attempt 3 of ${FAST.maxRetries! + 1})`,
    ]);
    // prominent: the CLI shows it without --debug
    expect(retries.every((l) => l.options?.prominent === true)).toBe(true);
  });

  it('names a request that got no answer, and why', async () => {
    const mock = mockServiceTitan({
      errors: [
        {
          path: /\/technicians/,
          error: Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' }),
        },
      ],
    });
    const log = infoLog();
    const c = new ServiceTitanClient({
      connection,
      dispatcher: mock.agent,
      tuning: { ...FAST, retryBudgetMs: 60_000 },
      logger: log.logger,
      sleep: async () => {},
      now: () => new Date('2025-06-01T12:00:00Z'),
    });
    await c.fetchSnapshot();
    expect(log.info.find((l) => l.message.includes('retrying'))?.message).toMatch(
      /^ServiceTitan request GET \/settings\/v2\/tenant\/\d+\/technicians failed: ECONNRESET \(connect ECONNRESET\); retrying in [\d.]+ s \(attempt 2 of \d+\)$/,
    );
  });

  it('names the status of a failed answer, and keeps secrets out', async () => {
    let failures = 1;
    const { client: c, log } = client((r) =>
      r.path.endsWith('/technicians') && failures-- > 0
        ? { statusCode: 503, data: { title: 'down' } }
        : undefined,
    );
    await c.fetchSnapshot();
    const retry = log.info.find((l) => l.message.includes('retrying'));
    expect(retry?.message).toMatch(
      /^ServiceTitan answered 503 to GET \/settings\/v2\/tenant\/\d+\/technicians: retrying in [\d.]+ s \(attempt 2 of \d+\)$/,
    );
    const everything = log.all.join('\n');
    expect(everything).not.toContain(SECRETS.clientSecret);
    expect(everything).not.toContain(SECRETS.appKey);
  });
});
