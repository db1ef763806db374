/**
 * CSV that opens safely in a spreadsheet (RFC 4180, UTF-8, CRLF, a header row). A user's name is
 * attacker-controlled: a cell that begins with `=`, `+`, `-`, `@`, tab or carriage return would be
 * read by Excel, LibreOffice or Google Sheets as a formula (`=HYPERLINK(…)` exfiltrates, DDE runs
 * commands), so it gets a leading apostrophe, which spreadsheets treat as "text" and do not show.
 * A cell that already begins with an apostrophe gets one too, so reading the file back
 * (`parseCsv` + `restoreCell`) gives the original value exactly, unless it held an invisible
 * character.
 *
 * Invisible characters are written as a visible `\u{XXXX}` instead: ESC would drive a terminal
 * that `cat`s the file, a right-to-left override or isolate makes `moc.live@` read as a different
 * address, and zero-width characters make two names look the same to a reviewer. Tab, line feed
 * and carriage return stay (a cell may hold several lines; quoting keeps them in the cell).
 */

const FORMULA_START = /^[=+\-@\t\r']/;
/**
 * Controls (C0 but tab, LF and CR; DEL; C1), format characters (bidi embeddings, overrides,
 * isolates and marks; zero-width space, joiners, word joiner, BOM; tags), the line and paragraph
 * separators, and lone surrogates.
 */
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;
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

/** `text` with each invisible character written as `\u{XXXX}`. */
export function showInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`,
  );
}

/** One RFC 4180 cell: invisible characters shown, neutralised against formula injection, quoted as needed. */
export function csvCell(value: unknown): string {
  let text = showInvisible(cellText(value));
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

/** CSV that cannot be read; `line` is 1-based, where the problem starts. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'CsvSyntaxError';
  }
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * Parses RFC 4180 text into rows of raw cells (neutralisation left in place). Accepts LF line ends
 * too, since a pack may pass through tools that rewrite them; throws a `CsvSyntaxError` on an
 * unterminated quote.
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
        if (q < 0) throw new CsvSyntaxError(lineAt(text, i), 'a quoted cell starts here and is never closed');
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
