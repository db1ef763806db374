/**
 * One message per YAML syntax problem. The yaml parser reports a mistake several times over (a
 * line indented by 3 spaces instead of 4 gives two messages about "compact mappings" at the line
 * before it; a tab gives up to eight, on lines that are fine). Here each reported problem is
 * located on the line that is wrong and said in the reader's terms; then that line is re-indented
 * in a scratch copy and the copy parsed again, so what yaml reports next is a separate problem,
 * not an echo of the first. Only leading whitespace is ever changed, so a problem that re-indenting
 * fixes is an indentation problem, and lines keep their numbers. A problem that is not about
 * indentation ends the list: what yaml says after it is too often a consequence of it.
 */
import { Parser, type YAMLError } from 'yaml';

/** More syntax problems than this add nothing for the reader. */
export const MAX_SYNTAX_ISSUES = 10;
/** Parses of repaired copies, all problems together, at most… */
const MAX_REPARSES = 40;
/** …and at most this many characters parsed again in all: bounds the work on a large broken file. */
const MAX_REPARSED_CHARS = 2_000_000;
/** Indentations tried per line. */
const MAX_CANDIDATES = 4;

export interface SyntaxProblem {
  line: number;
  column: number;
  code: 'policy.yaml-syntax' | 'policy.duplicate-key' | 'policy.too-deep';
  /** empty for `policy.too-deep`, whose wording the caller owns */
  message: string;
  hint?: string;
}

/** Parses `text` as the policy reader does and returns the errors of its first document. */
export type ReparseErrors = (text: string) => readonly YAMLError[] | null;

class Lines {
  readonly lines: string[];
  private readonly starts: number[] = [];

  constructor(text: string) {
    this.lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    let offset = 0;
    for (const line of text.split('\n')) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
  }

  /** 1-based line and column of an offset */
  pos(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }

  text(line: number): string {
    return this.lines[line - 1] ?? '';
  }

  isContent(line: number): boolean {
    const trimmed = this.text(line).trim();
    return trimmed !== '' && !trimmed.startsWith('#');
  }

  /** the first content line at or after `line` (or `line` itself when there is none) */
  contentFrom(line: number): number {
    for (let l = line; l <= this.lines.length; l++) if (this.isContent(l)) return l;
    return line;
  }

  nextContent(line: number): number | null {
    for (let l = line + 1; l <= this.lines.length; l++) if (this.isContent(l)) return l;
    return null;
  }

  previousContent(line: number): number | null {
    for (let l = line - 1; l >= 1; l--) if (this.isContent(l)) return l;
    return null;
  }
}

const leading = (line: string) => /^[ \t]*/.exec(line)?.[0] ?? '';
const spaces = (line: string) => /^ */.exec(line)?.[0].length ?? 0;
/** `key:` or `key: |` with nothing after it: the lines below it may be indented further. */
const opensBlock = (line: string) =>
  /:[ \t]*([|>][-+0-9]*)?[ \t]*(#.*)?$/.test(line) || /^[ \t]*-[ \t]*$/.test(line);
/** where the keys of a list item start: `  - id: a` → 4 */
const itemContent = (line: string): number | null => {
  const match = /^( *)((?:- +)+)\S/.exec(line);
  return match ? (match[1] ?? '').length + (match[2] ?? '').length : null;
};

/**
 * The indentations a line could have had, most likely first: like the content line above it (or
 * that line's list item keys), one step inside it when it opens a block, else a level still open.
 */
function candidateIndents(lines: Lines, line: number): { indent: number; like: number }[] {
  const current = lines.text(line);
  const own = spaces(current);
  const hasTab = leading(current).includes('\t');
  const found: { indent: number; like: number }[] = [];
  const add = (indent: number | null, like: number) => {
    if (indent === null || indent < 0) return;
    if (!hasTab && indent === own) return;
    if (!found.some((c) => c.indent === indent)) found.push({ indent, like });
  };
  const above = lines.previousContent(line);
  if (above !== null) {
    const text = lines.text(above);
    if (opensBlock(text) && hasTab) add(spaces(text) + 2, above);
    add(itemContent(text), above);
    add(spaces(text), above);
    if (opensBlock(text) && !hasTab) add(spaces(text) + 2, above);
  }
  // the levels still open above: each content line that is less indented than all below it
  const open: { indent: number; like: number }[] = [];
  let ceiling = Infinity;
  for (let l = line - 1; l >= 1 && ceiling > 0; l--) {
    if (!lines.isContent(l)) continue;
    const text = lines.text(l);
    if (leading(text).includes('\t')) continue;
    const indent = spaces(text);
    if (indent >= ceiling) continue;
    open.push({ indent, like: l });
    const item = itemContent(text);
    if (item !== null && item < ceiling) open.push({ indent: item, like: l });
    ceiling = indent;
  }
  open.sort((a, b) => Math.abs(a.indent - own) - Math.abs(b.indent - own) || b.indent - a.indent);
  for (const level of open) add(level.indent, level.like);
  return found.slice(0, MAX_CANDIDATES);
}

function reindent(lines: Lines, line: number, indent: number): string {
  const copy = [...lines.lines];
  const text = copy[line - 1] ?? '';
  copy[line - 1] = ' '.repeat(indent) + text.slice(leading(text).length);
  return copy.join('\n');
}

/** The offset of a quoted value that is never closed, from yaml's CST; null if none is found. */
function unclosedQuote(text: string): { offset: number; quote: string } | null {
  let found: { offset: number; quote: string } | null = null;
  const walk = (node: unknown): void => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const token = node as { type?: unknown; offset?: unknown; source?: unknown };
    if (
      typeof token.type === 'string' &&
      token.type.endsWith('quoted-scalar') &&
      typeof token.source === 'string' &&
      typeof token.offset === 'number'
    ) {
      const quote = token.source[0] ?? '"';
      const closed = token.source.length > 1 && new RegExp(`${quote}\\s*$`).test(token.source);
      if (!closed) found = { offset: token.offset, quote };
      return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'source') walk(value);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found;
}

function plainYamlMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`;
}

function indentationProblem(
  lines: Lines,
  line: number,
  fix: { indent: number; like: number },
): SyntaxProblem {
  const text = lines.text(line);
  const whitespace = leading(text);
  const tab = whitespace.indexOf('\t');
  const hint =
    fix.indent === 0
      ? `Start it at the beginning of the line, like line ${fix.like}.`
      : `Indent it by ${fix.indent} space${fix.indent === 1 ? '' : 's'}, like line ${fix.like}.`;
  if (tab >= 0) {
    return {
      line,
      column: tab + 1,
      code: 'policy.yaml-syntax',
      message: 'YAML syntax error: this line is indented with a tab; YAML indents with spaces only.',
      hint,
    };
  }
  const own = whitespace.length;
  const above = lines.previousContent(line);
  const aboveText = above === null ? '' : lines.text(above);
  const message =
    above !== null && own > spaces(aboveText) && !opensBlock(aboveText) && itemContent(aboveText) !== own
      ? `YAML syntax error: this line is indented further than line ${above}, which already has a value.`
      : `YAML syntax error: this line's indentation (${own} space${own === 1 ? '' : 's'}) lines up with no key or list item above it.`;
  return { line, column: own + 1, code: 'policy.yaml-syntax', message, hint };
}

/**
 * The problems behind yaml's `errors` for `text`, one each, in file order (at most
 * MAX_SYNTAX_ISSUES). `reparse` parses a repaired copy the same way the original was parsed.
 */
export function syntaxProblems(
  text: string,
  errors: readonly YAMLError[],
  reparse: ReparseErrors,
): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  let lines = new Lines(text);
  let current: readonly YAMLError[] = errors;
  let handled = 0; // the last line a problem was reported on
  let reparses = 0;
  const maxReparses = Math.min(MAX_REPARSES, Math.floor(MAX_REPARSED_CHARS / Math.max(1, text.length)));
  const lineOf = (error: YAMLError) => lines.pos(error.pos[0]).line;

  while (problems.length < MAX_SYNTAX_ISSUES) {
    const pending = [...current].filter((e) => lineOf(e) > handled).sort((a, b) => a.pos[0] - b.pos[0]);
    const error = pending[0];
    if (!error) break;
    const at = lines.pos(error.pos[0]);

    if (error.code === 'RESOURCE_EXHAUSTION') {
      problems.push({ ...at, code: 'policy.too-deep', message: '' });
      break;
    }
    if (error.code === 'DUPLICATE_KEY') {
      problems.push({
        ...at,
        code: 'policy.duplicate-key',
        message: 'This key appears twice in the same mapping.',
        hint: 'Keep one of them.',
      });
      handled = at.line;
      continue;
    }
    if (error.code === 'MISSING_CHAR' && /closing ["']?quote/i.test(error.message)) {
      const open = unclosedQuote(lines.lines.join('\n'));
      const quote = open?.quote ?? '"';
      problems.push({
        ...(open ? lines.pos(open.offset) : at),
        code: 'policy.yaml-syntax',
        message: `YAML syntax error: this quoted value has no closing ${quote}, so YAML reads the rest of the file into it.`,
        hint: `Add the closing ${quote} where the value ends.`,
      });
      break;
    }

    // yaml reports an over-indented line at the key before it ("compact mappings"): try the next line first
    const start = lines.contentFrom(at.line);
    const next = lines.nextContent(start);
    const suspects =
      error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY'
        ? [next, start]
        : [start, next];
    let repaired: {
      line: number;
      fix: { indent: number; like: number };
      text: string;
      errors: readonly YAMLError[];
    } | null = null;
    for (const line of suspects) {
      if (line === null || repaired) continue;
      for (const fix of candidateIndents(lines, line)) {
        if (reparses >= maxReparses) break;
        reparses++;
        const candidate = reindent(lines, line, fix.indent);
        const after = reparse(candidate);
        if (after === null) continue;
        const candidateLines = new Lines(candidate);
        const stillBroken = after.some(
          (e) => e.code !== 'DUPLICATE_KEY' && candidateLines.pos(e.pos[0]).line <= line,
        );
        if (!stillBroken) {
          repaired = { line, fix, text: candidate, errors: after };
          break;
        }
      }
    }
    if (!repaired) {
      problems.push({ ...at, code: 'policy.yaml-syntax', message: plainYamlMessage(error.message) });
      break;
    }
    problems.push(indentationProblem(lines, repaired.line, repaired.fix));
    handled = repaired.line;
    lines = new Lines(repaired.text);
    current = repaired.errors;
  }
  return problems;
}
