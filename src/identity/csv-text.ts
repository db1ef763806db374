/**
 * CSV as RFC 4180 writes it (fields separated by commas, records by CRLF or LF, a field in double
 * quotes may hold commas, line breaks and doubled quotes), with every field's position kept, so a
 * problem can be shown at its line and column. A leading byte-order mark is not part of the text.
 */

export interface Cell {
  /** as written, quotes removed and doubled quotes undone; not trimmed */
  value: string;
  /** where the field starts (its opening quote, if any): 1-based */
  line: number;
  column: number;
}

export interface CsvRecord {
  cells: Cell[];
  line: number;
}

export interface CsvSyntaxProblem {
  line: number;
  column: number;
  message: string;
  hint: string;
}

const QUOTE_HINT =
  'Put a field that holds a quote inside double quotes, and double each quote within it: "Dwayne ""The Rock"" Johnson".';

/**
 * Splits text into records. A field whose quote is never closed ends the reading (everything
 * after it would be one field); other problems are reported and reading goes on.
 */
export function readCsv(input: string): { records: CsvRecord[]; problems: CsvSyntaxProblem[] } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvSyntaxProblem[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let cells: Cell[] = [];
  let recordLine = 1;
  const isEnd = (c: string | undefined) => c === ',' || c === '\n' || c === '\r';
  if (n === 0) return { records, problems };
  for (;;) {
    const cell: Cell = { value: '', line, column: i - lineStart + 1 };
    if (text[i] === '"') {
      let value = '';
      let closed = false;
      i++;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\n' || c === '\r') {
          const crlf = c === '\r' && text[i + 1] === '\n';
          value += crlf ? '\r\n' : c;
          i += crlf ? 2 : 1;
          line++;
          lineStart = i;
          continue;
        }
        value += c;
        i++;
      }
      if (!closed) {
        problems.push({
          line: cell.line,
          column: cell.column,
          message:
            'The quote that opens this field is never closed, so the rest of the file would be one field.',
          hint: 'Close the quote at the end of the field; a quote inside a quoted field is written twice ("").',
        });
        return { records, problems };
      }
      cell.value = value;
      if (i < n && !isEnd(text[i])) {
        problems.push({
          line,
          column: i - lineStart + 1,
          message: 'Text follows the closing quote of a field.',
          hint: QUOTE_HINT,
        });
        while (i < n && !isEnd(text[i])) i++;
      }
    } else {
      const from = i;
      let reported = false;
      while (i < n && !isEnd(text[i])) {
        if (text[i] === '"' && !reported) {
          reported = true;
          problems.push({
            line,
            column: i - lineStart + 1,
            message: 'A quote inside a field that does not start with one.',
            hint: QUOTE_HINT,
          });
        }
        i++;
      }
      cell.value = text.slice(from, i);
    }
    cells.push(cell);
    if (i >= n) {
      records.push({ cells, line: recordLine });
      break;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    records.push({ cells, line: recordLine });
    line++;
    lineStart = i;
    cells = [];
    recordLine = line;
    // a final line break ends the last record; it does not start an empty one
    if (i >= n) break;
  }
  return { records, problems };
}

/** A record that is an empty line. */
export function isBlank(record: CsvRecord): boolean {
  return record.cells.every((c) => c.value.trim() === '');
}
