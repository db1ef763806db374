/**
 * Aligned plain-text tables for the terminal: columns sized to their content, shrunk to fit the
 * width, long values cut with `…`. Colour is applied after padding so it never breaks alignment.
 */
import { truncate } from './text.js';

export interface Column {
  header: string;
  /** never narrower than this */
  min: number;
  /** never wider than this */
  max: number;
  /** identifiers a reader needs whole (rule ids, record refs): shrunk only when nothing else can be */
  keep?: boolean;
}

export type Paint = (text: string, code: string) => string;

export const ansi =
  (color: boolean): Paint =>
  (text, code) =>
    color && text.length > 0 ? `\u001b[${code}m${text}\u001b[0m` : text;

const length = (s: string) => Array.from(s).length;

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - length(s)));
}

function fitWidths(columns: Column[], rows: string[][], available: number): number[] {
  const widths = columns.map((c, i) =>
    Math.min(c.max, Math.max(c.min, length(c.header), ...rows.map((r) => length(r[i] ?? '')))),
  );
  const gaps = 2 * (columns.length - 1);
  let excess = widths.reduce((a, b) => a + b, 0) + gaps - available;
  // shrink the widest free-text column first, one character at a time, never below its minimum
  for (const includeKept of [false, true]) {
    while (excess > 0) {
      let widest = -1;
      widths.forEach((w, i) => {
        const shrinkable = w > columns[i]!.min && (includeKept || !columns[i]!.keep);
        if (shrinkable && (widest < 0 || w > widths[widest]!)) widest = i;
      });
      if (widest < 0) break;
      widths[widest]! -= 1;
      excess -= 1;
    }
  }
  return widths;
}

/**
 * Renders rows under a header, indented by two spaces. `paintCell` colours a cell by row and
 * column index; cells must already be inert single-line text.
 */
export function renderTable(
  columns: Column[],
  rows: string[][],
  opts: { width: number; paint: Paint; paintCell?: (row: number, column: number, text: string) => string },
): string[] {
  const widths = fitWidths(columns, rows, opts.width - 2);
  const line = (cells: string[], paintCell?: (column: number, text: string) => string) =>
    '  ' +
    cells
      .map((cell, i) => {
        const text = pad(truncate(cell, widths[i]!), widths[i]!);
        return paintCell ? paintCell(i, text) : text;
      })
      .join('  ')
      .trimEnd();
  return [
    line(
      columns.map((c) => c.header),
      (_i, text) => opts.paint(text, '2'),
    ),
    ...rows.map((r, ri) => line(r, opts.paintCell ? (ci, text) => opts.paintCell!(ri, ci, text) : undefined)),
  ];
}
