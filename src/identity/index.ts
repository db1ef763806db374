/**
 * The company's identity sources, read into directories (SPEC §8): an HR roster CSV, Microsoft
 * Entra ID, Google Workspace. Every source is read to its end or the whole read fails with an
 * `identity.*` error naming the source: a partial directory would make everyone missing from it a
 * leaver.
 */
import type { Dispatcher } from 'undici';
import type {
  Directory,
  IdentityCredentials,
  IdentityPolicy,
  IdentitySourceConfig,
} from '../domain/identity.js';
import type { Logger } from '../logger.js';
import { sleep as realSleep } from '../servicetitan/limiter.js';
import { RetryBudget } from '../servicetitan/retry.js';
import { readRosterFile } from './csv.js';
import { sourceName } from './errors.js';
import { SecretKeeper, type SourceContext } from './source.js';

export { parseRoster, readRosterFile, DEFAULT_CSV_COLUMNS } from './csv.js';
export { IdentityConfigurationError, IdentityRuntimeError, type IdentityError } from './errors.js';

export interface ReadDirectoriesOptions {
  credentials: IdentityCredentials;
  /** CSV paths are relative to it, like the policy's */
  workspace: string;
  /** in GitHub Actions a CSV path may not lead outside the workspace */
  inActions: boolean;
  logger: Logger;
  /** the run's time: roster end dates before its day are past */
  now: Date;
  /** every secret, token and assertion, as soon as it is known (the action masks them) */
  onSecret?: (secret: string) => void;
  /** per request attempt (`request-timeout`) */
  timeoutMs: number;
  /** time allowed for retrying, per source (`retry-budget`) */
  retryBudgetMs: number;
  /** retries per request; default 6, as for ServiceTitan */
  maxRetries?: number;
  /** default: undici's EnvHttpProxyAgent (HTTPS_PROXY / NO_PROXY), closed after reading */
  dispatcher?: Dispatcher;
  /** how retries wait; tests record the waits instead */
  sleep?: (ms: number) => Promise<void>;
  /** where ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN are looked for; default process.env */
  env?: NodeJS.ProcessEnv;
  /** ms since the epoch for signed assertions; default Date.now */
  clock?: () => number;
}

/**
 * Reads every source of the policy's `identity` section, in source order. The sources are read
 * at the same time; the first to fail stops the others, and its error is thrown.
 */
/**
 * undici's EnvHttpProxyAgent, loaded on demand. In the bundle a dynamic import of a CommonJS
 * module may hold its exports under `default` only, so both shapes are read.
 */
async function proxyAgent(): Promise<Dispatcher> {
  const undici = (await import('undici')) as typeof import('undici') & { default?: typeof import('undici') };
  const Agent = undici.EnvHttpProxyAgent ?? undici.default?.EnvHttpProxyAgent;
  return new Agent();
}

export async function readDirectories(
  identity: IdentityPolicy,
  options: ReadDirectoriesOptions,
): Promise<Directory[]> {
  const needsNetwork = identity.sources.some((s) => s.kind !== 'csv');
  const ownsDispatcher = needsNetwork && !options.dispatcher;
  // undici is loaded only for a directory service: `validate` reads rosters without it
  const dispatcher = options.dispatcher ?? (needsNetwork ? await proxyAgent() : null);
  const secrets = new SecretKeeper(options.onSecret);
  const budgets = identity.sources.map(() => new RetryBudget(options.retryBudgetMs));
  let firstFailure: { error: unknown } | null = null;
  const reads = identity.sources.map(async (source, i) => {
    const context: SourceContext = {
      credentials: options.credentials,
      workspace: options.workspace,
      inActions: options.inActions,
      logger: options.logger,
      now: options.now,
      http: {
        // only network sources reach for it
        dispatcher: dispatcher!,
        logger: options.logger,
        timeoutMs: options.timeoutMs,
        maxRetries: options.maxRetries ?? 6,
        sleep: options.sleep ?? realSleep,
      },
      budget: budgets[i]!,
      secrets,
      env: options.env ?? process.env,
      clock: options.clock ?? Date.now,
    };
    try {
      const started = performance.now();
      const directory = await readSource(source, context);
      options.logger.info(
        `${sourceName(source.id, source.kind)}: ${directory.people.length} people in ${Math.round(performance.now() - started)} ms`,
      );
      return directory;
    } catch (error) {
      if (!firstFailure) {
        firstFailure = { error };
        // the others stop rather than go on reading for nothing
        for (const budget of budgets) budget.cancel();
      }
      throw error;
    }
  });
  try {
    const settled = await Promise.allSettled(reads);
    if (firstFailure) throw (firstFailure as { error: unknown }).error;
    return settled.map((s) => (s as PromiseFulfilledResult<Directory>).value);
  } finally {
    if (ownsDispatcher) await dispatcher!.close();
  }
}

async function readSource(source: IdentitySourceConfig, context: SourceContext): Promise<Directory> {
  switch (source.kind) {
    case 'csv':
      return readRosterFile(source, context);
    case 'entra': {
      // loaded on first use: a run without a directory service never parses it
      const { readEntra } = await import('./entra.js');
      return readEntra(source, context);
    }
    case 'google': {
      const { readGoogle } = await import('./google.js');
      return readGoogle(source, context);
    }
  }
}
