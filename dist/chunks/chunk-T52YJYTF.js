import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  truncate
} from "./chunk-LXH2JKLY.js";

// src/report/console-table.ts
var ansi = (color) => (text, code) => color && text.length > 0 ? `\x1B[${code}m${text}\x1B[0m` : text;
var length = (s) => Array.from(s).length;
function pad(s, width) {
  return s + " ".repeat(Math.max(0, width - length(s)));
}
function fitWidths(columns, rows, available) {
  const widths = columns.map(
    (c, i) => Math.min(c.max, Math.max(c.min, length(c.header), ...rows.map((r) => length(r[i] ?? ""))))
  );
  const gaps = 2 * (columns.length - 1);
  let excess = widths.reduce((a, b) => a + b, 0) + gaps - available;
  for (const includeKept of [false, true]) {
    while (excess > 0) {
      let widest = -1;
      widths.forEach((w, i) => {
        const shrinkable = w > columns[i].min && (includeKept || !columns[i].keep);
        if (shrinkable && (widest < 0 || w > widths[widest])) widest = i;
      });
      if (widest < 0) break;
      widths[widest] -= 1;
      excess -= 1;
    }
  }
  return widths;
}
function renderTable(columns, rows, opts) {
  const widths = fitWidths(columns, rows, opts.width - 2);
  const line = (cells, paintCell) => "  " + cells.map((cell, i) => {
    const text = pad(truncate(cell, widths[i]), widths[i]);
    return paintCell ? paintCell(i, text) : text;
  }).join("  ").trimEnd();
  return [
    line(
      columns.map((c) => c.header),
      (_i, text) => opts.paint(text, "2")
    ),
    ...rows.map((r, ri) => line(r, opts.paintCell ? (ci, text) => opts.paintCell(ri, ci, text) : void 0))
  ];
}

export {
  ansi,
  renderTable
};
