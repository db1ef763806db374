/**
 * CSV that opens safely in a spreadsheet (RFC 4180, UTF-8, CRLF, a header row). A user's name is
 * attacker-controlled: a cell that begins with `=`, `+`, `-`, `@`, tab or carriage return would be
 * read by Excel, LibreOffice or Google Sheets as a formula (`=HYPERLINK(…)` exfiltrates, DDE runs
 * commands), so it gets a leading apostrophe, which spreadsheets treat as "text" and do not show.
 * A cell that already begins with an apostrophe gets one too, so reading the file back
 * (`parseCsv` + `restoreCell`) gives the original value exactly.
 */

const FORMULA_START = /^[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]/;
const CRLF = '\r\n';

/** Text for one cell: null/undefined empty, booleans yes/no, arrays `;`-joined. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(cellText).join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | bigint);
}

/** One RFC 4180 cell, neutralised against formula injection, then quoted as needed. */
export function csvCell(value: unknown): string {
  let text = cellText(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole table: header row, then one row per record, CRLF line ends (RFC 4180 §2). */
export function csvTable(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + CRLF).join('');
}

/** Undoes the formula neutralisation of `csvCell`. */
export function restoreCell(cell: string): string {
  return cell.length >= 2 && cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * Parses RFC 4180 text into rows of raw cells (neutralisation left in place). Accepts LF line ends
 * too, since a pack may pass through tools that rewrite them; throws on an unterminated quote.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && cell === '') {
      // a quoted cell runs to the next lone quote
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error('unterminated quoted cell');
        if (text[q + 1] === '"') {
          cell += text.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        cell += text.slice(j, q);
        i = q + 1;
        break;
      }
      continue;
    }
    if (ch === ',') endCell();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 1;
    } else if (ch === '\n') endRow();
    else cell += ch;
    i += 1;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

/** The header and the rows, cells restored; each row padded or cut to the header's width. */
export function parseCsvRecords(text: string): { header: string[]; records: string[][] } {
  const [header = [], ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return {
    header: header.map(restoreCell),
    records: rows.map((r) => header.map((_h, i) => restoreCell(r[i] ?? ''))),
  };
}
