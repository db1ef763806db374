/**
 * Checks of the `identity` section (SPEC §8) that span keys: each source has exactly one kind,
 * source ids are unique, `columns` belongs to a CSV source and names distinct headers, a CSV path
 * stays inside the repository, and no join key is listed twice. Like the other cross-field
 * checks they read the raw document defensively: a value of the wrong type is the schema's to report.
 */
import type { PolicyIssue } from '../errors.js';
import type { PathSegment, PolicySource } from './source.js';

const SOURCE_KINDS = ['csv', 'entra', 'google'] as const;

export function identityIssues(source: PolicySource, file: string): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const add = (
    path: PathSegment[],
    code: string,
    message: string,
    hint?: string,
    at: 'key' | 'value' = 'value',
  ) => issues.push({ file, ...source.locate(path, at), code, message, ...(hint ? { hint } : {}) });
  const identity = record(source.value.identity);
  if (!identity) return issues;

  const seen = new Set<string>();
  for (const [index, raw] of list(identity.sources).entries()) {
    const entry = record(raw);
    if (!entry) continue;
    const at = (...rest: PathSegment[]): PathSegment[] => ['identity', 'sources', index, ...rest];
    const id = typeof entry.id === 'string' ? entry.id : undefined;
    const label = id ? `Source \`${id}\`` : `Source ${index + 1}`;
    if (id !== undefined) {
      if (seen.has(id)) {
        add(
          at('id'),
          'policy.duplicate-source-id',
          `Two identity sources have the id \`${id}\`.`,
          'give each source its own id',
        );
      }
      seen.add(id);
    }
    const kinds = SOURCE_KINDS.filter((kind) => kind in entry);
    if (kinds.length === 0) {
      add(
        at(),
        'policy.source-kind',
        `${label} says neither \`csv\`, \`entra\` nor \`google\`, so it reads nobody.`,
        'add `csv: FILE`, `entra: {tenant-id: …}` or `google: {customer: my_customer}`',
      );
    } else if (kinds.length > 1) {
      add(
        at(kinds[1]!),
        'policy.source-kind',
        `${label} has both \`${kinds[0]}\` and \`${kinds[1]}\`; a source has exactly one kind.`,
        'split it into two sources, each with its own id',
        'key',
      );
    }
    if ('columns' in entry && !('csv' in entry)) {
      add(
        at('columns'),
        'policy.source-kind',
        `${label} has \`columns\`, which only a \`csv\` source reads.`,
        'remove `columns`, or make the source a `csv` one',
        'key',
      );
    }
    const csv = entry.csv;
    if (typeof csv === 'string' && csv !== '' && leavesWorkspace(csv)) {
      add(
        at('csv'),
        'policy.roster-outside-workspace',
        `\`${csv}\` is not a path inside the repository.`,
        'give the roster’s path relative to the repository root, like the policy’s, for example `people/roster.csv`',
      );
    }
    const columns = record(entry.columns);
    if (columns) {
      const byHeader = new Map<string, string>();
      for (const [key, header] of Object.entries(columns)) {
        if (typeof header !== 'string' || header === '') continue;
        const other = byHeader.get(header);
        if (other === undefined) byHeader.set(header, key);
        else
          add(
            at('columns', key),
            'policy.duplicate-column',
            `\`columns.${key}\` and \`columns.${other}\` both name the column \`${header}\`.`,
            'give each one its own column of the roster',
          );
      }
    }
  }

  const keys = new Set<unknown>();
  for (const [i, key] of list(identity.match).entries()) {
    if (keys.has(key)) {
      add(
        ['identity', 'match', i],
        'policy.duplicate-match-key',
        `\`${String(key)}\` is listed twice in \`identity.match\`.`,
        'list each join key once, in the order to try them',
      );
    }
    keys.add(key);
  }
  return issues;
}

/** An absolute path, a drive letter, or `..` reaching above the workspace. */
function leavesWorkspace(path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized)) return true;
  let depth = 0;
  for (const part of normalized.split('/')) {
    if (part === '..') depth -= 1;
    else if (part !== '' && part !== '.') depth += 1;
    if (depth < 0) return true;
  }
  return false;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
