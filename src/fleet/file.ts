/**
 * The fleet file (SPEC §10): which tenants make the fleet, each with its policy and environment.
 * Read with the policy's safe YAML reader, so every problem comes back located (file, line,
 * column), all at once.
 *
 * ```yaml
 * version: 1
 * tenants:
 *   - name: north                       # [a-z0-9-], unique: names secrets, artifacts, issues
 *     policy: .github/access/north.yml  # default: the `policy` input
 *     environment: production
 * ```
 */
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, type PolicyIssue } from '../errors.js';
import { nearest } from '../policy/nearest.js';
import { describeValue, readPolicyYaml, type PathSegment, type PolicySource } from '../policy/source.js';

export const DEFAULT_FLEET_PATH = '.github/servicetitan-fleet.yml';
/** A tenant's name becomes part of secret, artifact and issue names. */
export const TENANT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** GitHub runs at most 256 jobs from one matrix. */
export const MAX_MATRIX_TENANTS = 256;
/** Far more than any matrix; bounds the work a hostile file can cause. */
const MAX_TENANTS = 5000;
const MAX_FLEET_BYTES = 1_048_576;

const TOP_KEYS = ['version', 'tenants'];
const TENANT_KEYS = ['name', 'policy', 'environment'];
const ENVIRONMENTS = ['production', 'integration'] as const;

export interface FleetTenant {
  name: string;
  /** as written, or the `policy` input when the entry has none */
  policy: string;
  environment: 'production' | 'integration';
  /** the suffix of this tenant's secret names: the name upper-cased, `-` as `_` */
  secretSuffix: string;
  /** where the entry stands in the fleet file */
  line: number;
}

export interface Fleet {
  path: string;
  tenants: FleetTenant[];
}

/** A fleet file with problems: every one of them, located, like a policy's. */
export class FleetFileError extends ConfigurationError {
  constructor(readonly issues: PolicyIssue[]) {
    super(
      issues[0]?.code ?? 'fleet.invalid-value',
      `The fleet file is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues
          .map(
            (i) =>
              `  ${i.file}:${i.line}:${i.column} ${i.message} [${i.code}]${i.hint ? ` (${i.hint})` : ''}`,
          )
          .join('\n'),
      'Fix the lines above; `st-access-guard fleet matrix` checks the fleet file and every tenant policy without credentials.',
    );
  }
}

/** `north-east` → `NORTH_EAST`: secrets `ST_TENANT_NORTH_EAST`, … (workflow expressions cannot upper-case). */
export function secretSuffix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

export interface FleetFileOptions {
  /** the `policy` input: the policy of a tenant entry without `policy` */
  defaultPolicy: string;
  /** when set, a fleet file (or symlink target) outside this folder is refused */
  workspace?: string;
}

/** Reads and checks the fleet file at `file` (shown as `display`). Throws a PolicyError listing every problem. */
export async function loadFleetFile(
  file: string,
  display: string,
  options: FleetFileOptions,
): Promise<Fleet> {
  const text = await readBounded(file, display, options.workspace);
  return parseFleet(text, display, options.defaultPolicy);
}

export function parseFleet(text: string, display: string, defaultPolicy: string): Fleet {
  const read = readPolicyYaml(text, display);
  if (!read.ok) {
    // the YAML reader speaks of a policy; here it is the fleet file
    throw new FleetFileError(
      read.issues.map((i) => ({
        ...i,
        code: 'fleet.yaml-syntax',
        message:
          i.code === 'policy.empty'
            ? 'The fleet file is empty.'
            : i.code === 'policy.not-a-mapping'
              ? 'The fleet file must be a mapping with `version: 1` and `tenants:`.'
              : i.message,
        hint:
          i.code === 'policy.empty' || i.code === 'policy.not-a-mapping'
            ? 'Start from examples/fleet.yml: `version: 1` and a list of `tenants`, each with a `name`.'
            : (i.hint ?? 'Fix the YAML at the line shown.'),
      })),
    );
  }
  const { source } = read;
  const issues: PolicyIssue[] = [];
  const add = (
    at: PathSegment[],
    code: string,
    message: string,
    hint: string,
    where: 'key' | 'value' = 'value',
  ) => issues.push({ file: display, ...source.locate(at, where), code, message, hint });
  const doc = source.value;

  unknownKeys(doc, TOP_KEYS, [], add);
  if (doc.version === undefined) {
    add([], 'fleet.missing-key', 'The fleet file has no `version`.', 'Add `version: 1` at the top.');
  } else if (doc.version !== 1) {
    add(
      ['version'],
      'fleet.invalid-value',
      `\`version\` is ${describeValue(doc.version)}; it must be 1.`,
      'Write `version: 1`.',
    );
  }
  const tenants: FleetTenant[] = [];
  if (doc.tenants === undefined) {
    add(
      [],
      'fleet.missing-key',
      'The fleet file has no `tenants`.',
      'List the tenants under `tenants:`, each with a `name`.',
    );
  } else if (!Array.isArray(doc.tenants) || doc.tenants.length === 0) {
    add(
      ['tenants'],
      'fleet.no-tenants',
      `\`tenants\` is ${describeValue(doc.tenants)}; it must be a list of at least one tenant.`,
      'List the tenants under `tenants:`, each as `- name: north`.',
    );
  } else if (doc.tenants.length > MAX_TENANTS) {
    add(
      ['tenants'],
      'fleet.too-many-tenants',
      `The fleet lists ${doc.tenants.length} tenants; the limit is ${MAX_TENANTS}.`,
      'Split the fleet into several fleet files.',
    );
  } else {
    const seen = new Map<string, number>();
    for (const [i, entry] of doc.tenants.entries()) {
      const tenant = readTenant(entry, i, source, defaultPolicy, add, seen);
      if (tenant) tenants.push(tenant);
    }
  }
  if (issues.length > 0)
    throw new FleetFileError(issues.sort((a, b) => a.line - b.line || a.column - b.column));
  return { path: display, tenants };
}

type Add = (at: PathSegment[], code: string, message: string, hint: string, where?: 'key' | 'value') => void;

function readTenant(
  entry: unknown,
  i: number,
  source: PolicySource,
  defaultPolicy: string,
  add: Add,
  seen: Map<string, number>,
): FleetTenant | null {
  const at = ['tenants', i];
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    add(
      at,
      'fleet.invalid-value',
      `A tenant entry is ${describeValue(entry)}; it must be a mapping with a \`name\`.`,
      'Write each tenant as `- name: north` (with optional `policy:` and `environment:`).',
    );
    return null;
  }
  const tenant = entry as Record<string, unknown>;
  unknownKeys(tenant, TENANT_KEYS, at, add);
  let ok = true;
  const name = tenant.name;
  if (name === undefined) {
    add(
      at,
      'fleet.missing-key',
      'This tenant has no `name`.',
      'Give it a name of lower-case letters, digits and `-`, e.g. `name: north`.',
    );
    ok = false;
  } else if (typeof name !== 'string' || !TENANT_NAME_PATTERN.test(name)) {
    add(
      [...at, 'name'],
      'fleet.invalid-name',
      `The tenant name ${describeValue(name)} is not 1 to 64 lower-case letters, digits and \`-\` (not at either end).`,
      'The name becomes part of secret, artifact and issue names: use e.g. `north` or `acme-east`.',
    );
    ok = false;
  } else {
    const first = seen.get(name);
    if (first !== undefined) {
      add(
        [...at, 'name'],
        'fleet.duplicate-name',
        `The tenant name \`${name}\` is also used at line ${first}.`,
        'Give each tenant its own name: names pick the secrets, artifacts and issues.',
      );
      ok = false;
    } else {
      seen.set(name, source.locate([...at, 'name']).line);
    }
  }
  const policy = tenant.policy;
  if (policy !== undefined && (typeof policy !== 'string' || policy.trim() === '')) {
    add(
      [...at, 'policy'],
      'fleet.invalid-value',
      `\`policy\` is ${describeValue(policy)}; it must be the path of a policy file.`,
      'Give the policy path relative to the repository root, or leave `policy` out to use the `policy` input.',
    );
    ok = false;
  }
  const environment = tenant.environment ?? 'production';
  if (typeof environment !== 'string' || !(ENVIRONMENTS as readonly string[]).includes(environment)) {
    add(
      [...at, 'environment'],
      'fleet.invalid-value',
      `\`environment\` is ${describeValue(environment)}; it must be \`production\` or \`integration\`.`,
      'Write `environment: production` (the default) or `environment: integration`.',
    );
    ok = false;
  }
  if (!ok) return null;
  return {
    name: name as string,
    policy: typeof policy === 'string' ? policy.trim() : defaultPolicy,
    environment: environment as FleetTenant['environment'],
    secretSuffix: secretSuffix(name as string),
    line: source.locate(at).line,
  };
}

function unknownKeys(value: Record<string, unknown>, allowed: string[], at: PathSegment[], add: Add): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const guess = nearest(key, allowed);
    add(
      [...at, key],
      'fleet.unknown-key',
      `\`${key}\` is not a key of ${at.length === 0 ? 'the fleet file' : 'a tenant'}.`,
      guess
        ? `did you mean \`${guess}\`?`
        : `the keys allowed here are ${allowed.map((k) => `\`${k}\``).join(', ')}`,
      'key',
    );
  }
}

async function readBounded(file: string, display: string, workspace: string | undefined): Promise<string> {
  const notFound = () =>
    new ConfigurationError(
      'fleet.not-found',
      `The fleet file ${display} does not exist.`,
      `Create \`${DEFAULT_FLEET_PATH}\` (the default path) or set the \`fleet\` input (\`--fleet FILE\`); examples/fleet.yml is a start.`,
    );
  if (workspace !== undefined) {
    let target: string;
    let root: string;
    try {
      [target, root] = await Promise.all([realpath(file), realpath(workspace)]);
    } catch {
      throw notFound();
    }
    const relative = path.relative(root, target);
    if (
      relative === '' ||
      relative === '..' ||
      relative.startsWith(`..${path.sep}`) ||
      path.isAbsolute(relative)
    ) {
      throw new ConfigurationError(
        'fleet.outside-workspace',
        `The fleet file ${display} leads outside the repository.`,
        'Keep the fleet file inside the repository, so the tenants audited are the ones reviewed.',
      );
    }
  }
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw notFound();
    throw unreadable(display, code);
  }
  try {
    if (!(await handle.stat()).isFile()) throw unreadable(display, 'not a file');
    const buffer = Buffer.alloc(MAX_FLEET_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_FLEET_BYTES) throw unreadable(display, 'larger than 1 MB');
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw unreadable(display, 'not UTF-8 text');
    }
  } finally {
    await handle.close();
  }
}

function unreadable(display: string, why: string | undefined): ConfigurationError {
  return new ConfigurationError(
    'fleet.not-readable',
    `The fleet file ${display} cannot be read (${why ?? 'unknown error'}).`,
    'Point the `fleet` input (`--fleet FILE`) at the fleet YAML file.',
  );
}
