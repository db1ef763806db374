/**
 * The policy file as it stands on the pull request's base commit, read through the contents API
 * (the checkout holds only the head). Reading it is best effort: the impact comparison is extra,
 * so any failure is a warning and the run goes on without it.
 */
import path from 'node:path';
import type { Logger } from '../logger.js';
import { inlinePlain } from '../report/text.js';
import { describeFailure, gitHubClient, statusOf, type GitHubContext } from './context.js';

export interface BasePolicy {
  text: string;
  /** the file's path in the repository */
  path: string;
  /** the base commit it was read at */
  sha: string;
}

function baseSha(ctx: GitHubContext): string | null {
  const pr = ctx.payload.pull_request as { base?: { sha?: unknown } } | undefined;
  const sha = pr?.base?.sha;
  return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : null;
}

/** `./.github/x.yml` and `.github//x.yml` -> `.github/x.yml`; null when outside the repository */
export function repositoryPath(policyPath: string): string | null {
  const normal = path.posix.normalize(policyPath.replaceAll('\\', '/'));
  if (normal.startsWith('/') || normal === '..' || normal.startsWith('../') || normal === '.') return null;
  return normal;
}

/**
 * null when the file does not exist at the base (it is new in this pull request), when this is
 * not a pull request, or when reading failed (with a warning).
 */
export async function fetchBasePolicy(
  ctx: GitHubContext,
  policyPath: string,
  logger: Logger,
): Promise<BasePolicy | null> {
  const sha = baseSha(ctx);
  if (!sha) {
    logger.debug('No pull request base commit in the event: no base policy to compare with.');
    return null;
  }
  const filePath = repositoryPath(policyPath);
  if (!filePath) {
    logger.warning(
      `Cannot read the base policy: ${inlinePlain(policyPath, 200)} is not a path inside the repository.`,
    );
    return null;
  }
  try {
    const { data } = await gitHubClient(ctx, logger).rest.repos.getContent({
      owner: ctx.owner,
      repo: ctx.repo,
      path: filePath,
      ref: sha,
    });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      logger.warning(`Cannot read the base policy: ${inlinePlain(filePath)} at ${sha} is not a file.`);
      return null;
    }
    if (data.encoding !== 'base64') {
      // the contents API sends no content for files over 1 MB; no policy is that large
      logger.warning(`Cannot read the base policy: ${inlinePlain(filePath)} at ${sha} is too large.`);
      return null;
    }
    return { text: Buffer.from(data.content, 'base64').toString('utf8'), path: filePath, sha };
  } catch (error) {
    if (statusOf(error) === 404) {
      logger.info(`${inlinePlain(filePath)} does not exist at the base commit: the policy is new.`);
      return null;
    }
    logger.warning(
      `Cannot read the base policy ${inlinePlain(filePath)} at ${sha} (${describeFailure(error)}); ` +
        'the policy impact is left out. The workflow needs `permissions: contents: read`.',
    );
    return null;
  }
}
