import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/report/console-table.ts
var ansi = (color) => (text, code) => color && text.length > 0 ? `\x1B[${code}m${text}\x1B[0m` : text;
var length = (s) => Array.from(s).length;
var MAX_ROW_LINES = 3;
function pad(s, width) {
  return s + " ".repeat(Math.max(0, width - length(s)));
}
var longestWord = (s) => Math.max(0, ...s.split(" ").map(length));
function wrap(text, width, split) {
  const room = Math.max(1, width);
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (word === "") continue;
    const joined = line === "" ? word : `${line} ${word}`;
    if (length(joined) <= room) {
      line = joined;
      continue;
    }
    if (line !== "") lines.push(line);
    line = word;
    while (split && length(line) > room) {
      const chars = Array.from(line);
      lines.push(chars.slice(0, room).join(""));
      line = chars.slice(room).join("");
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}
function floor(column, cells) {
  const measure = column.nowrap ? length : longestWord;
  const longest = Math.max(0, ...cells.map(measure));
  const content = column.keep || column.nowrap ? longest : Math.min(column.max, Math.max(column.min, longest));
  return Math.max(longestWord(column.header), content);
}
function fitWidths(columns, rows, available) {
  const floors = columns.map(
    (c, i) => floor(
      c,
      rows.map((r) => r[i] ?? "")
    )
  );
  const widths = columns.map((c, i) => {
    const natural = Math.max(c.min, length(c.header), ...rows.map((r) => length(r[i] ?? "")));
    return Math.max(floors[i], c.keep || c.nowrap ? natural : Math.min(c.max, natural));
  });
  const gaps = 2 * (columns.length - 1);
  let excess = widths.reduce((a, b) => a + b, 0) + gaps - available;
  for (const includeKept of [false, true]) {
    while (excess > 0) {
      let widest = -1;
      widths.forEach((w, i) => {
        const shrinkable = w > floors[i] && (includeKept || !columns[i].keep);
        if (shrinkable && (widest < 0 || w > widths[widest])) widest = i;
      });
      if (widest < 0) break;
      widths[widest] -= 1;
      excess -= 1;
    }
  }
  return excess > 0 ? null : widths;
}
var wrapCells = (columns, cells, widths) => cells.map((cell, i) => columns[i].nowrap ? [cell] : wrap(cell, widths[i], !columns[i].keep));
function renderColumns(columns, rows, widths, opts) {
  const out = [];
  const spaced = rows.some((row) => wrapCells(columns, row, widths).some((lines) => lines.length > 1));
  const emit = (cells, paintCell) => {
    const wrapped = wrapCells(columns, cells, widths);
    const height = Math.max(...wrapped.map((lines) => lines.length));
    for (let k = 0; k < height; k++) {
      const line = wrapped.map((lines, i) => {
        const text = pad(lines[k] ?? "", widths[i]);
        return text.trim() === "" ? text : paintCell(i, text);
      }).join("  ");
      out.push(`  ${line}`.trimEnd());
    }
  };
  emit(
    columns.map((c) => c.header),
    (_i, text) => opts.paint(text, "2")
  );
  rows.forEach((row, ri) => {
    if (spaced && ri > 0) out.push("");
    emit(row, (ci, text) => opts.paintCell ? opts.paintCell(ri, ci, text) : text);
  });
  return out;
}
function renderList(columns, rows, opts) {
  const labelWidth = Math.max(0, ...columns.slice(1).map((c) => length(c.header)));
  const room = opts.width - 4 - labelWidth - 2;
  const paintCell = (ri, ci, text) => opts.paintCell ? opts.paintCell(ri, ci, text) : text;
  const out = [];
  rows.forEach((row, ri) => {
    if (ri > 0) out.push("");
    for (const line of wrap(row[0] ?? "", opts.width - 2, !columns[0].keep))
      out.push(`  ${paintCell(ri, 0, line)}`);
    columns.slice(1).forEach((column, j) => {
      const value = row[j + 1] ?? "";
      if (value === "") return;
      wrap(value, room, !column.keep).forEach((line, k) => {
        const label = k === 0 ? opts.paint(pad(column.header, labelWidth), "2") : " ".repeat(labelWidth);
        out.push(`    ${label}  ${paintCell(ri, j + 1, line)}`);
      });
    });
  });
  return out;
}
function renderTable(columns, rows, opts) {
  const widths = fitWidths(columns, rows, opts.width - 2);
  const fits = widths !== null && rows.every((row) => wrapCells(columns, row, widths).every((lines) => lines.length <= MAX_ROW_LINES));
  return fits ? renderColumns(columns, rows, widths, opts) : renderList(columns, rows, opts);
}

export {
  ansi,
  wrap,
  renderTable
};
