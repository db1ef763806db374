import { recordingLogger } from '../../src/logger.js';
import { ServiceTitanClient } from '../../src/servicetitan/client.js';
import type { ClientTuning } from '../../src/servicetitan/settings.js';
import { connection, mockServiceTitan, type MockTenant } from './mock-servicetitan.js';

/** Fast settings for unit tests: no real waiting, and a limiter that never throttles. */
export const FAST: Partial<ClientTuning> = {
  timeoutMs: 2000,
  retryBudgetMs: 3000,
  maxRetries: 4,
  requestsPerSecond: 100_000,
};

export function setup(tenant: MockTenant = {}, tuning: Partial<ClientTuning> = {}) {
  const mock = mockServiceTitan(tenant);
  const logger = recordingLogger();
  const waits: number[] = [];
  const tokensSeen: string[] = [];
  const client = new ServiceTitanClient({
    connection,
    dispatcher: mock.agent,
    tuning: { ...FAST, ...tuning },
    logger,
    onToken: (t) => tokensSeen.push(t),
    sleep: async (ms) => void waits.push(ms),
    now: () => new Date('2025-06-01T12:00:00Z'),
  });
  return { ...mock, client, logger, waits, tokensSeen };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the promise to reject');
}
