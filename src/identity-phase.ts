/**
 * Identity phase (SPEC §8): the policy's identity sources, read after the ServiceTitan fetch and
 * before evaluation, each to its end; a source that cannot be read ends the run with its
 * `identity.*` error (never a pass on a partial directory). `validate` reads only the CSV
 * rosters: no network, no credentials. Loaded on demand, so a policy without `identity` never
 * loads the sources.
 */
import type { Directory, IdentityPolicy } from './domain/identity.js';
import type { Discovery } from './engine/discover.js';
import type { Evaluation } from './engine/types.js';
import { GuardError } from './errors.js';
import type { PipelineDeps } from './phase.js';
import type { Settings } from './settings.js';

/** Directories already read, and the section they were read for. */
export interface ReadIdentity {
  identity: IdentityPolicy;
  directories: Directory[];
}

/**
 * Reads every source of `identity`, in its order. A directory in `known` read for a source
 * configured the same way is reused (a baseline policy's sources, say), not read again.
 */
export async function readIdentity(
  settings: Settings,
  deps: PipelineDeps,
  identity: IdentityPolicy,
  now: Date,
  known?: ReadIdentity,
): Promise<Directory[]> {
  const reusable = new Map<string, Directory>();
  for (const directory of known?.directories ?? []) {
    const before = known!.identity.sources.find((s) => s.id === directory.sourceId);
    const current = identity.sources.find((s) => s.id === directory.sourceId);
    if (before && current && JSON.stringify(before) === JSON.stringify(current))
      reusable.set(directory.sourceId, directory);
  }
  const wanted = identity.sources.filter((source) => !reusable.has(source.id));
  const read =
    wanted.length === 0
      ? []
      : await (
          await import('./identity/index.js')
        ).readDirectories(
          { ...identity, sources: wanted },
          {
            credentials: settings.identity,
            workspace: settings.workspace,
            inActions: settings.event.name !== 'cli',
            logger: deps.logger,
            now,
            ...(deps.onSecret ? { onSecret: deps.onSecret } : {}),
            timeoutMs: settings.tuning.timeoutMs,
            retryBudgetMs: settings.tuning.retryBudgetMs,
          },
        );
  const byId = new Map([...reusable.values(), ...read].map((d) => [d.sourceId, d]));
  return identity.sources.map((s) => byId.get(s.id)!);
}

/**
 * `validate` (and a pull request run without credentials): reads every CSV roster of the policy,
 * so a roster's mistakes are reported at their line and column before any audit. Directory
 * services are not contacted.
 */
export async function checkRosters(settings: Settings, identity: IdentityPolicy, now: Date): Promise<number> {
  const { readRosterFile } = await import('./identity/index.js');
  let people = 0;
  for (const source of identity.sources) {
    if (source.kind !== 'csv') continue;
    const directory = await readRosterFile(source, {
      workspace: settings.workspace,
      inActions: settings.event.name !== 'cli',
      now,
    });
    people += directory.people.length;
  }
  return people;
}

/**
 * A baseline policy's directories (policy impact): those of the run's policy where the sources are
 * the same, the others read now. Null, with a warning, when one cannot be read (a roster the pull
 * request removed, say): the impact is then not shown, and the run goes on.
 */
export async function baselineDirectories(
  settings: Settings,
  deps: PipelineDeps,
  base: IdentityPolicy | null | undefined,
  now: Date,
  known?: ReadIdentity,
): Promise<Directory[] | null> {
  if (!base) return [];
  try {
    return await readIdentity(settings, deps, base, now, known);
  } catch (error) {
    // a roster's mistakes (PolicyError) are GuardErrors too
    if (!(error instanceof GuardError)) throw error;
    deps.logger.warning(
      `The baseline policy's identity sources could not be read (${error.code}); the policy impact is not shown.`,
    );
    return null;
  }
}

/** discover: the active, unlocked accounts no identity source knows. */
export function unmatchedAccounts(evaluation: Evaluation): NonNullable<Discovery['unmatched']> {
  return (evaluation.identity?.unmatched ?? []).map((u) => ({
    kind: u.kind,
    id: u.id,
    name: u.name,
    email: u.email,
    login: u.login,
  }));
}
