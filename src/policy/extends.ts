/**
 * Policy inheritance (`extends`, SPEC §10): a policy builds on a base policy, which may build on
 * another. Maps merge key by key; `rules` merge by `id` (the same id replaces the base's rule,
 * `disabled: true` removes it); `exemptions`, `internal-domains`, `internal-users`,
 * `external-users` and `protected-users` append; anything else the nearer file sets wins.
 *
 * The merged document keeps, for every node, the file and place it came from, so a problem the
 * schema or the cross-field checks find in it is reported in the file that has it.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { PolicyIssue } from '../errors.js';
import { nearest } from './nearest.js';
import { readPolicyYaml, type PathSegment, type PolicySource } from './source.js';
import type { Position } from './types.js';

/** A chain deeper than this is a mistake (a fleet needs two or three levels). */
export const MAX_EXTENDS_DEPTH = 10;

/** Lists that a nearer file adds to instead of replacing. */
const APPENDED = new Set([
  'exemptions',
  'organization.internal-domains',
  'organization.internal-users',
  'organization.external-users',
  'safety.protected-users',
]);

/** One file of the chain, read and parsed. */
export interface PolicyLayer {
  /** how the file is named in issues and the report */
  display: string;
  sha256: string;
  source: PolicySource;
}

/** Reads a base policy's bytes; the same limits as the policy itself. */
export type ReadBase = (
  diskPath: string,
  display: string,
) => { ok: true; text: string; sha256: string } | { ok: false; issues: PolicyIssue[] };

export interface ChainOptions {
  /** when set, a base outside this folder (after symlinks) is refused, as the policy is */
  workspace?: string;
  readBase: ReadBase;
}

export type ChainResult = { ok: true; layers: PolicyLayer[] } | { ok: false; issues: PolicyIssue[] };

/**
 * Reads the policy and every base it extends, nearest first. Stops at the first broken link and
 * reports it located at the `extends` that leads there; a cycle names both files.
 */
export function readChain(
  top: { text: string; display: string; diskPath: string; sha256: string },
  options: ChainOptions,
): ChainResult {
  const layers: PolicyLayer[] = [];
  const seen = new Map<string, string>();
  let current = top;
  seen.set(realOrResolved(top.diskPath), top.display);
  for (;;) {
    const read = readPolicyYaml(current.text, current.display);
    if (!read.ok) return { ok: false, issues: read.issues };
    const { source } = read;
    layers.push({ display: current.display, sha256: current.sha256, source });
    const target = source.value.extends;
    if (target === undefined) return { ok: true, layers };
    const at = (code: string, message: string, hint: string): ChainResult => ({
      ok: false,
      issues: [{ file: current.display, ...source.locate(['extends']), code, message, hint }],
    });
    if (typeof target !== 'string' || target.trim() === '') {
      return at(
        'policy.invalid-extends',
        '`extends` must name a base policy file, relative to this one.',
        'Write the path of the base policy, e.g. `extends: ../servicetitan-base.yml`, or remove the key.',
      );
    }
    if (layers.length > MAX_EXTENDS_DEPTH) {
      return at(
        'policy.extends-too-deep',
        `The chain of \`extends\` is more than ${MAX_EXTENDS_DEPTH} files deep.`,
        'Flatten the chain: a fleet usually needs one shared base and one file per tenant.',
      );
    }
    const diskPath = path.resolve(path.dirname(current.diskPath), target);
    const display = path.isAbsolute(target)
      ? target
      : path.posix.normalize(
          path.posix.join(path.posix.dirname(current.display.replace(/\\/g, '/')), target),
        );
    let real: string;
    try {
      real = realpathSync(diskPath);
    } catch {
      return at(
        'policy.extends-not-found',
        `The base policy \`${target}\` (${display}) does not exist.`,
        'The path is relative to the file that says `extends`; check its spelling and that the base is committed.',
      );
    }
    if (options.workspace !== undefined && !insideFolder(real, options.workspace)) {
      return at(
        'policy.outside-workspace',
        `The base policy \`${target}\` leads outside the repository.`,
        'Keep base policies inside the repository, so what is audited is what was reviewed.',
      );
    }
    const earlier = seen.get(real);
    if (earlier !== undefined) {
      return at(
        'policy.extends-cycle',
        earlier === current.display
          ? `${current.display} extends itself: the chain never ends.`
          : `${current.display} extends ${earlier}, which already extends ${current.display} (directly or through other files): the chain never ends.`,
        `Remove the \`extends\` of one of the two files: a base policy must not extend the files built on it.`,
      );
    }
    seen.set(real, display);
    const base = options.readBase(diskPath, display);
    if (!base.ok) return { ok: false, issues: base.issues };
    current = { text: base.text, display, diskPath, sha256: base.sha256 };
  }
}

/** Reads a base file with the policy's limits: at most `maxBytes`, UTF-8 text. */
export function readBaseFile(maxBytes: number): ReadBase {
  return (diskPath, display) => {
    const problem = (code: string, message: string, hint: string) => ({
      ok: false as const,
      issues: [{ file: display, line: 1, column: 1, code, message, hint }],
    });
    let fd: number;
    try {
      fd = openSync(diskPath, 'r');
    } catch (error) {
      return problem(
        'policy.not-readable',
        `The base policy ${display} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
        'Check that the base policy is a readable file in the repository.',
      );
    }
    try {
      if (!fstatSync(fd).isFile()) {
        return problem(
          'policy.not-readable',
          `The base policy path ${display} is not a file.`,
          'Point `extends` at a policy file.',
        );
      }
      // never read past the limit, whatever the size on disk says
      const buffer = Buffer.alloc(maxBytes + 1);
      let length = 0;
      for (;;) {
        const read = readSync(fd, buffer, length, buffer.length - length, length);
        if (read === 0) break;
        length += read;
        if (length > maxBytes) {
          return problem(
            'policy.too-large',
            `The base policy is larger than ${maxBytes} bytes (1 MB).`,
            'A policy is a short text file: check that `extends` points at the right file.',
          );
        }
      }
      const bytes = buffer.subarray(0, length);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return problem(
          'policy.not-text',
          'The file is not UTF-8 text, so it is not a YAML policy.',
          'Save the base policy as UTF-8, and check that `extends` points at the policy file.',
        );
      }
      return { ok: true, text, sha256: sha256Hex(bytes) };
    } finally {
      closeSync(fd);
    }
  };
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function realOrResolved(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function insideFolder(target: string, folder: string): boolean {
  let root: string;
  try {
    root = realpathSync(folder);
  } catch {
    return false;
  }
  const relative = path.relative(root, target);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

/** Where a merged node came from: the file (undefined for the policy itself) and its path there. */
interface Origin {
  file: string | undefined;
  source: PolicySource;
  path: PathSegment[];
}

/** The origin of a node, and of its children where they came from different places. */
interface Tree {
  origin: Origin;
  keys?: Map<string, Tree>;
  items?: Tree[];
}

function child(tree: Tree, segment: PathSegment): Tree {
  const known = typeof segment === 'number' ? tree.items?.[segment] : tree.keys?.get(segment);
  return known ?? { origin: { ...tree.origin, path: [...tree.origin.path, segment] } };
}

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The layers (nearest first) merged into one document whose `locate` answers in the file each
 * node came from. Issues: a `disabled` rule that names no rule of the base.
 */
export function mergeLayers(layers: readonly PolicyLayer[]): { source: PolicySource; issues: PolicyIssue[] } {
  const issues: PolicyIssue[] = [];
  const top = layers[0];
  if (!top) throw new Error('mergeLayers needs at least one layer');
  const hasDisabled = layers.some(
    (l) => Array.isArray(l.source.value.rules) && l.source.value.rules.some(isDisabled),
  );
  // the common case: one file, nothing switched off: the file as it is
  if (layers.length === 1 && !hasDisabled) {
    const { extends: _unused, ...value } = top.source.value;
    return { source: { value, locate: top.source.locate }, issues };
  }
  let value: Mapping = {};
  let tree: Tree = { origin: { file: undefined, source: top.source, path: [] }, keys: new Map() };
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i] as PolicyLayer;
    const layerTree: Tree = {
      origin: { file: i === 0 ? undefined : layer.display, source: layer.source, path: [] },
    };
    const extendsSomething = i < layers.length - 1;
    [value, tree] = mergeMapping(value, tree, layer.source.value, layerTree, [], {
      extendsSomething,
      layer,
      issues,
    });
  }
  delete value.extends;
  tree.keys?.delete('extends');
  const finalTree = tree;
  const locate = (at: readonly PathSegment[], where: 'key' | 'value' = 'value'): Position => {
    let node = finalTree;
    let i = 0;
    for (; i < at.length; i++) {
      const segment = at[i] as PathSegment;
      const next = typeof segment === 'number' ? node.items?.[segment] : node.keys?.get(segment);
      if (!next) break;
      node = next;
    }
    const { file, source, path: base } = node.origin;
    const position = source.locate([...base, ...at.slice(i)], where);
    return file === undefined ? position : { ...position, file };
  };
  return { source: { value, locate }, issues };
}

interface MergeContext {
  /** whether the layer being merged extends a base (so a `disabled` rule must name one of its rules) */
  extendsSomething: boolean;
  layer: PolicyLayer;
  issues: PolicyIssue[];
}

function mergeMapping(
  base: Mapping,
  baseTree: Tree,
  near: Mapping,
  nearTree: Tree,
  at: string[],
  context: MergeContext,
): [Mapping, Tree] {
  const entries: [string, unknown][] = [];
  const keys = new Map<string, Tree>();
  const keep = (key: string, value: unknown, tree: Tree) => {
    entries.push([key, value]);
    keys.set(key, tree);
  };
  for (const [key, value] of Object.entries(base)) {
    if (Object.hasOwn(near, key)) continue;
    keep(key, value, child(baseTree, key));
  }
  for (const [key, value] of Object.entries(near)) {
    const path = [...at, key];
    const nearChild = child(nearTree, key);
    const baseChild = child(baseTree, key);
    const inBase = Object.hasOwn(base, key);
    if (path.length === 1 && key === 'rules' && Array.isArray(value)) {
      const baseRules = inBase && Array.isArray(base[key]) ? (base[key] as unknown[]) : [];
      const [rules, tree] = mergeRules(baseRules, baseChild, value, nearChild, context);
      keep(key, rules, tree);
    } else if (!inBase) {
      keep(key, value, nearChild);
    } else if (APPENDED.has(path.join('.')) && Array.isArray(base[key]) && Array.isArray(value)) {
      const before = base[key] as unknown[];
      keep(key, [...before, ...value], {
        origin: nearChild.origin,
        items: [...before.map((_, i) => child(baseChild, i)), ...value.map((_, i) => child(nearChild, i))],
      });
    } else if (isMapping(base[key]) && isMapping(value)) {
      const [merged, tree] = mergeMapping(base[key], baseChild, value, nearChild, path, context);
      keep(key, merged, tree);
    } else {
      keep(key, value, nearChild);
    }
  }
  // base keys first, in their order, then the keys only the nearer file has
  const order = new Map(Object.keys(base).map((k, i) => [k, i]));
  const rank = (k: string) => order.get(k) ?? Number.MAX_SAFE_INTEGER;
  entries.sort((a, b) => rank(a[0]) - rank(b[0]));
  return [Object.fromEntries(entries), { origin: nearTree.origin, keys }];
}

function isDisabled(rule: unknown): boolean {
  return isMapping(rule) && rule.disabled === true;
}

function mergeRules(
  base: unknown[],
  baseTree: Tree,
  near: unknown[],
  nearTree: Tree,
  context: MergeContext,
): [unknown[], Tree] {
  const ruleId = (rule: unknown) => (isMapping(rule) && typeof rule.id === 'string' ? rule.id : undefined);
  const merged = base.map((value, i) => ({
    value,
    tree: child(baseTree, i),
    id: ruleId(value),
    near: false,
  }));
  for (const [i, value] of near.entries()) {
    const id = ruleId(value);
    const tree = child(nearTree, i);
    // only the base's rules are replaced: a second rule of the same id in one file stays a duplicate
    const index = id === undefined ? -1 : merged.findIndex((r) => !r.near && r.id === id);
    if (isDisabled(value)) {
      if (index >= 0) merged.splice(index, 1);
      else if (context.extendsSomething && id !== undefined) {
        const guess = nearest(
          id,
          merged.filter((r) => !r.near && r.id !== undefined).map((r) => r.id as string),
        );
        context.issues.push({
          file: context.layer.display,
          ...context.layer.source.locate(['rules', i, 'id']),
          code: 'policy.disabled-unknown-rule',
          message: `The rule \`${id}\` is disabled, but no base policy has a rule with that id.`,
          hint: guess
            ? `did you mean \`${guess}\`?`
            : 'Use the id of a rule of the base policy, or remove the entry.',
        });
      }
      continue;
    }
    const entry = { value, tree, id, near: true };
    if (index >= 0) merged[index] = entry;
    else merged.push(entry);
  }
  return [merged.map((r) => r.value), { origin: nearTree.origin, items: merged.map((r) => r.tree) }];
}
