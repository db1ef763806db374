/**
 * Plain-text tables for the terminal: columns sized to their content and shrunk to fit the width,
 * long values wrapped onto more lines rather than cut. Identifying columns (who, record, rule) are
 * never cut and never split inside a word, so an email or a rule id can always be read and copied
 * whole; when they cannot fit side by side, the table becomes a list, one block per row. Colour is
 * applied after padding so it never breaks alignment.
 */

export interface Column {
  header: string;
  /** free text is never narrower than this */
  min: number;
  /** free text is never wider than this (an identifying column is as wide as its values, room allowing) */
  max: number;
  /**
   * identifiers a reader needs whole (a name with its email, a rule id, a record ref): wrapped only
   * at spaces, and shrunk only when nothing else can be
   */
  keep?: boolean;
  /** short identifiers read as one (`employee 162`, a status): never wrapped at all */
  nowrap?: boolean;
}

export type Paint = (text: string, code: string) => string;

export interface TableOptions {
  /** the terminal's columns */
  width: number;
  paint: Paint;
  /** colours a piece of a cell, by row and column index */
  paintCell?: (row: number, column: number, text: string) => string;
}

export const ansi =
  (color: boolean): Paint =>
  (text, code) =>
    color && text.length > 0 ? `\u001b[${code}m${text}\u001b[0m` : text;

const length = (s: string) => Array.from(s).length;

/** A row taller than this reads better as a block of the list layout. */
const MAX_ROW_LINES = 3;

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - length(s)));
}

const longestWord = (s: string) => Math.max(0, ...s.split(' ').map(length));

/**
 * Lines of at most `width` characters, broken at spaces. A word longer than the width is split
 * when `split` (free text); otherwise it stays whole on a line of its own, longer than the width
 * (the terminal wraps it, and copying it still gives the whole word).
 */
export function wrap(text: string, width: number, split: boolean): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const joined = line === '' ? word : `${line} ${word}`;
    if (length(joined) <= room) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    while (split && length(line) > room) {
      const chars = Array.from(line);
      lines.push(chars.slice(0, room).join(''));
      line = chars.slice(room).join('');
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** How narrow a column may get: identifiers to their longest word (or value), free text to its longest word within `min`..`max`. */
function floor(column: Column, cells: string[]): number {
  const measure = column.nowrap ? length : longestWord;
  const longest = Math.max(0, ...cells.map(measure));
  const content =
    column.keep || column.nowrap ? longest : Math.min(column.max, Math.max(column.min, longest));
  return Math.max(longestWord(column.header), content);
}

/**
 * Column widths that fit `available`, or null when they cannot without splitting an identifier or
 * a word of free text (then the rows are better read as a list).
 */
function fitWidths(columns: Column[], rows: string[][], available: number): number[] | null {
  const floors = columns.map((c, i) =>
    floor(
      c,
      rows.map((r) => r[i] ?? ''),
    ),
  );
  const widths = columns.map((c, i) => {
    const natural = Math.max(c.min, length(c.header), ...rows.map((r) => length(r[i] ?? '')));
    return Math.max(floors[i]!, c.keep || c.nowrap ? natural : Math.min(c.max, natural));
  });
  const gaps = 2 * (columns.length - 1);
  let excess = widths.reduce((a, b) => a + b, 0) + gaps - available;
  // shrink the widest free-text column first, one character at a time, then identifying ones
  for (const includeKept of [false, true]) {
    while (excess > 0) {
      let widest = -1;
      widths.forEach((w, i) => {
        const shrinkable = w > floors[i]! && (includeKept || !columns[i]!.keep);
        if (shrinkable && (widest < 0 || w > widths[widest]!)) widest = i;
      });
      if (widest < 0) break;
      widths[widest]! -= 1;
      excess -= 1;
    }
  }
  return excess > 0 ? null : widths;
}

const wrapCells = (columns: Column[], cells: string[], widths: number[]) =>
  cells.map((cell, i) => (columns[i]!.nowrap ? [cell] : wrap(cell, widths[i]!, !columns[i]!.keep)));

function renderColumns(columns: Column[], rows: string[][], widths: number[], opts: TableOptions): string[] {
  const out: string[] = [];
  // once a row takes more than one line, a blank line between rows shows where each ends
  const spaced = rows.some((row) => wrapCells(columns, row, widths).some((lines) => lines.length > 1));
  const emit = (cells: string[], paintCell: (column: number, text: string) => string) => {
    const wrapped = wrapCells(columns, cells, widths);
    const height = Math.max(...wrapped.map((lines) => lines.length));
    for (let k = 0; k < height; k++) {
      const line = wrapped
        .map((lines, i) => {
          const text = pad(lines[k] ?? '', widths[i]!);
          return text.trim() === '' ? text : paintCell(i, text);
        })
        .join('  ');
      out.push(`  ${line}`.trimEnd());
    }
  };
  emit(
    columns.map((c) => c.header),
    (_i, text) => opts.paint(text, '2'),
  );
  rows.forEach((row, ri) => {
    if (spaced && ri > 0) out.push('');
    emit(row, (ci, text) => (opts.paintCell ? opts.paintCell(ri, ci, text) : text));
  });
  return out;
}

/**
 * A terminal too narrow for the columns side by side: each row is a block, its first cell on a
 * line of its own, then one labelled line per other non-empty cell.
 */
function renderList(columns: Column[], rows: string[][], opts: TableOptions): string[] {
  const labelWidth = Math.max(0, ...columns.slice(1).map((c) => length(c.header)));
  const room = opts.width - 4 - labelWidth - 2;
  const paintCell = (ri: number, ci: number, text: string) =>
    opts.paintCell ? opts.paintCell(ri, ci, text) : text;
  const out: string[] = [];
  rows.forEach((row, ri) => {
    if (ri > 0) out.push('');
    for (const line of wrap(row[0] ?? '', opts.width - 2, !columns[0]!.keep))
      out.push(`  ${paintCell(ri, 0, line)}`);
    columns.slice(1).forEach((column, j) => {
      const value = row[j + 1] ?? '';
      if (value === '') return;
      wrap(value, room, !column.keep).forEach((line, k) => {
        const label = k === 0 ? opts.paint(pad(column.header, labelWidth), '2') : ' '.repeat(labelWidth);
        out.push(`    ${label}  ${paintCell(ri, j + 1, line)}`);
      });
    });
  });
  return out;
}

/**
 * Renders rows under a header, indented by two spaces, or as a list when the columns cannot fit
 * side by side (or only with rows of more than `MAX_ROW_LINES` lines). Cells must already be
 * inert single-line text.
 */
export function renderTable(columns: Column[], rows: string[][], opts: TableOptions): string[] {
  const widths = fitWidths(columns, rows, opts.width - 2);
  const fits =
    widths !== null &&
    rows.every((row) => wrapCells(columns, row, widths).every((lines) => lines.length <= MAX_ROW_LINES));
  return fits ? renderColumns(columns, rows, widths, opts) : renderList(columns, rows, opts);
}
