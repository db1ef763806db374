/**
 * Errors about a file that `diff` reads (a pack's CSV or JSON, or a snapshot), named by file and
 * line so the user can open it there. Such a file may have been edited by hand or by a
 * spreadsheet since the tool wrote it: that is the user's to fix, not a bug.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import { ConfigurationError } from '../errors.js';
import { inlinePlain } from '../report/text.js';

export function invalidFile(file: string, line: number | null, problem: string): ConfigurationError {
  return new ConfigurationError(
    'evidence.invalid-file',
    `${file}${line === null ? '' : `:${line}`}: ${problem}.`,
    'The file was changed after the tool wrote it, or the tool did not write it. ' +
      '`st-access-guard evidence verify DIR` shows whether a pack changed; take the file from the ' +
      'original artifact, or give a snapshot written with `--snapshot FILE`.',
  );
}

/** The 1-based line of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Where `JSON.parse` stopped, from its message (Node names the position, not the line). */
export function jsonSyntaxLine(text: string, error: unknown): number | null {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAt(text, Number(position[1]));
  return /end of JSON input/.test(message) ? lineAt(text, text.length) : null;
}

/**
 * The line of the value at `path` (keys and indices) in JSON text. JSON is YAML, and YAML's parser
 * keeps each node's offset; only called to report a problem, so a large file is parsed twice only
 * when something is wrong with it.
 */
export function lineOfJsonValue(text: string, path: (string | number)[]): number | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const node: unknown = doc.getIn(path, true);
  const offset = isNode(node) ? node.range?.[0] : undefined;
  return offset === undefined ? null : lineCounter.linePos(offset).line;
}

/** A short, inert description of a JSON value, for a message about its type. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(inlinePlain(value, 40))}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value as boolean);
}
