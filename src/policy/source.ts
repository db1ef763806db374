/**
 * Reading the policy's YAML safely and remembering where every node stands. Only YAML's core
 * schema is accepted (strings, numbers, booleans, null, lists, mappings): tags that would build
 * other objects, alias bombs, duplicate keys and several documents are refused with a location.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import type { PolicyIssue } from '../errors.js';
import type { Position } from './types.js';
import { syntaxProblems } from './yaml-syntax.js';

/** The longest line an issue quotes (with a caret under the column). */
const MAX_SOURCE_LINE = 500;
/** Bounds the work YAML aliases may cause; a policy needs a handful at most. */
const MAX_ALIAS_COUNT = 100;

const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq', 'timestamp'].map((t) => `tag:yaml.org,2002:${t}`),
);

export type PathSegment = string | number;

export interface PolicySource {
  /** the document as plain data */
  value: Record<string, unknown>;
  /** where the node at `path` starts; `at: 'key'` points at a mapping key instead of its value */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): Position;
}

export type ReadResult = { ok: true; source: PolicySource } | { ok: false; issues: PolicyIssue[] };

export function readPolicyYaml(text: string, file: string): ReadResult {
  const lineCounter = new LineCounter();
  const issue = (offset: number, code: string, message: string, hint?: string): PolicyIssue => {
    const { line, col } = lineCounter.linePos(offset);
    return {
      file,
      line: Math.max(1, line),
      column: Math.max(1, col),
      code,
      message,
      ...(hint ? { hint } : {}),
    };
  };

  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/.exec(text);
  if (control) {
    const before = text.slice(0, control.index);
    const line = before.split('\n').length;
    const column = control.index - before.lastIndexOf('\n');
    return {
      ok: false,
      issues: [
        {
          file,
          line,
          column,
          code: 'policy.not-text',
          message: 'The file contains binary data or control characters, so it is not a YAML policy.',
          hint: 'Check that the path points at the policy file, saved as UTF-8 text.',
        },
      ],
    };
  }

  const parse = (source: string) =>
    parseAllDocuments(source, {
      lineCounter: source === text ? lineCounter : new LineCounter(),
      schema: 'core',
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
    });
  let documents: Document.Parsed[];
  try {
    documents = Array.from(parse(text));
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, issues: [tooDeep(issue, 0)] };
    throw error;
  }
  const first = documents[0];
  if (!first || (documents.length === 1 && first.contents === null && first.errors.length === 0)) {
    return {
      ok: false,
      issues: [
        issue(0, 'policy.empty', 'The policy file is empty.', 'Start from examples/policies/starter.yml.'),
      ],
    };
  }
  const second = documents[1];
  if (second) {
    return {
      ok: false,
      issues: [
        issue(
          second.range[0],
          'policy.multiple-documents',
          `The file holds ${documents.length} YAML documents; a policy file holds one.`,
          'Remove the `---` separator and the documents after the first.',
        ),
      ],
    };
  }

  if (first.errors.length > 0) {
    // one issue per problem, not one per message of yaml's (see yaml-syntax.ts)
    const reparse = (source: string) => {
      try {
        return Array.from(parse(source))[0]?.errors ?? [];
      } catch {
        return null;
      }
    };
    const lines = text.split('\n');
    const issues = syntaxProblems(text, first.errors, reparse).map((p): PolicyIssue => {
      if (p.code === 'policy.too-deep') return { ...tooDeep(issue, 0), line: p.line, column: p.column };
      // the line, for a caret under the column; not a line so long it is not one a person wrote
      const sourceLine = lines[p.line - 1]?.replace(/\r$/, '');
      return {
        file,
        line: p.line,
        column: p.column,
        code: p.code,
        message: p.message,
        ...(p.hint ? { hint: p.hint } : {}),
        ...(sourceLine !== undefined && sourceLine.length <= MAX_SOURCE_LINE ? { sourceLine } : {}),
      };
    });
    return { ok: false, issues };
  }

  const tags: PolicyIssue[] = [];
  visit(first, (_key, node) => {
    if (!isNode(node) || !node.tag || CORE_TAGS.has(node.tag)) return;
    const written = node.tag.replace('tag:yaml.org,2002:', '!!');
    // A node's range starts after its tag; point at the tag as written, when it can be found.
    const start = node.range?.[0] ?? 0;
    const tagOffset = text.lastIndexOf(written, start);
    tags.push(
      issue(
        tagOffset >= 0 && text.slice(tagOffset, start).trim() === written ? tagOffset : start,
        'policy.custom-tag',
        `The YAML tag \`${written}\` is not allowed in a policy.`,
        'Remove the tag: a policy uses only plain strings, numbers, booleans, lists and mappings.',
      ),
    );
  });
  if (tags.length > 0) return { ok: false, issues: tags };
  // An explicit `!!timestamp` date stays the date text the user wrote, like an unquoted one.
  visit(first, {
    Scalar(_key, node) {
      if (node.value instanceof Date) node.value = node.value.toISOString().replace('T00:00:00.000Z', '');
    },
  });

  let value: unknown;
  try {
    value = first.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, issues: [tooDeep(issue, 0)] };
    if (error instanceof ReferenceError) {
      return {
        ok: false,
        issues: [
          issue(
            firstAliasOffset(first),
            'policy.alias-limit',
            `The file expands YAML aliases more than ${MAX_ALIAS_COUNT} times, as an alias bomb would.`,
            'Write the lists out instead of nesting aliases (`*name`).',
          ),
        ],
      };
    }
    throw error;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      issues: [
        issue(
          (isNode(first.contents) && first.contents.range?.[0]) || 0,
          'policy.not-a-mapping',
          `The policy must be a mapping of keys (\`version:\`, \`rules:\` …), not ${describeValue(value)}.`,
          'Start from examples/policies/starter.yml.',
        ),
      ],
    };
  }

  const locate = (path: readonly PathSegment[], at: 'key' | 'value' = 'value'): Position => {
    let node: unknown = first.contents;
    let offset = (isNode(node) && node.range?.[0]) || 0;
    for (const [index, segment] of path.entries()) {
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
        if (!pair) break;
        const keyOffset = isNode(pair.key) ? pair.key.range?.[0] : undefined;
        if (last && at === 'key' && keyOffset !== undefined) {
          offset = keyOffset;
          break;
        }
        // `key:` with nothing after it: point at the key, the value has no place of its own.
        const empty = !isNode(pair.value) || (isScalar(pair.value) && pair.value.value === null);
        if (empty && keyOffset !== undefined) {
          offset = keyOffset;
          break;
        }
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (!isNode(item)) break;
        node = item;
      } else {
        break;
      }
      offset = (isNode(node) && node.range?.[0]) || offset;
    }
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };

  return { ok: true, source: { value: value as Record<string, unknown>, locate } };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function firstAliasOffset(document: Document.Parsed): number {
  let offset = 0;
  visit(document, {
    Alias(_key, node: Node) {
      if (isAlias(node)) offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function tooDeep(
  issue: (offset: number, code: string, message: string, hint?: string) => PolicyIssue,
  at: number,
) {
  return issue(
    at,
    'policy.too-deep',
    'The YAML nests too deeply to be a policy.',
    'A policy nests a few levels at most.',
  );
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length <= 40 ? `the text \`${value}\`` : 'text';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `\`${value}\``;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}
