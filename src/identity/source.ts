/**
 * The one interface every identity source sits behind: given its entry of the policy and the
 * run's context, read the whole directory or throw. Never a partial directory: a person missing
 * from it would be judged a leaver.
 */
import type { Directory, IdentityCredentials, IdentitySourceConfig } from '../domain/identity.js';
import type { HttpSettings } from '../http/request.js';
import type { Logger } from '../logger.js';
import type { RetryBudget } from '../servicetitan/retry.js';
import { IdentityRuntimeError } from './errors.js';

export interface SourceContext {
  credentials: IdentityCredentials;
  /** CSV paths are relative to it */
  workspace: string;
  /** in GitHub Actions a CSV path may not lead outside the workspace */
  inActions: boolean;
  logger: Logger;
  /** the run's time: a roster end date before its day is past */
  now: Date;
  http: HttpSettings;
  /** the retry budget of this source's requests */
  budget: RetryBudget;
  secrets: SecretKeeper;
  /** where the runner's OIDC settings are read (ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN) */
  env: NodeJS.ProcessEnv;
  /** ms since the epoch, for the times inside a signed assertion */
  clock: () => number;
}

export type SourceReader<C extends IdentitySourceConfig> = (
  source: C,
  context: SourceContext,
) => Promise<Directory>;

/**
 * Every secret a source handles (a client secret, a private key, an assertion, an access token):
 * handed to `onSecret` the moment it is known, so the action masks it, and scrubbed from any text
 * a service answers before that text reaches an error or a log line.
 */
export class SecretKeeper {
  private readonly known: string[] = [];

  constructor(private readonly onSecret?: (secret: string) => void) {}

  add(secret: string | null | undefined): void {
    if (!secret || this.known.includes(secret)) return;
    this.known.push(secret);
    this.onSecret?.(secret);
  }

  /** Scrubbed from answers but not handed on (the runner already masks it). */
  remember(secret: string | null | undefined): void {
    if (secret && !this.known.includes(secret)) this.known.push(secret);
  }

  get all(): readonly string[] {
    return this.known;
  }
}

/** Far beyond any directory (5 million people at Graph's 999 a page), and still an end. */
export const MAX_DIRECTORY_PAGES = 5000;

/**
 * Follows a directory's page links: a link seen before (a loop) or a page count past the limit
 * ends the read with an error rather than a directory that is wrong or never finishes.
 */
export class PageTrail {
  pages = 0;
  private readonly seen = new Set<string>();

  constructor(
    private readonly sourceId: string,
    private readonly name: string,
  ) {}

  /** Call with each page link before following it. */
  follow(link: string): void {
    if (this.seen.has(link)) {
      throw new IdentityRuntimeError(
        'identity.unreadable',
        `${this.name}: the directory sent the same next-page link twice after ${this.pages} pages, so reading stopped rather than loop; no partial directory was used.`,
        'Run again; if it repeats, the directory service (or a proxy in front of it) pages wrongly: report it with a debug log.',
        this.sourceId,
      );
    }
    if (this.pages >= MAX_DIRECTORY_PAGES) {
      throw new IdentityRuntimeError(
        'identity.unreadable',
        `${this.name}: the directory kept sending more pages after ${this.pages}; reading stopped and no partial directory was used.`,
        'Run again; if it repeats, report it with a debug log.',
        this.sourceId,
      );
    }
    this.seen.add(link);
  }
}
