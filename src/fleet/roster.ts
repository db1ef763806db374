/**
 * Reads an evidence pack's roster.csv for the fleet: only the columns the people view needs, one
 * row at a time, straight from the file's bytes. A fleet of 300 tenants reads 1.5 million rows;
 * decoding each file into one string and building every cell of every row (as the general reader,
 * evidence/csv.ts, does for `diff`) costs more in memory and garbage collection than the reading.
 * Each value kept is decoded on its own, so it never holds on to a whole file's text.
 *
 * The same RFC 4180 as the pack writes: quoted cells (with `""` for a quote, commas and line
 * breaks inside), CRLF or LF line ends, a leading apostrophe that neutralised a formula removed.
 */
import { restoreCell } from '../evidence/csv.js';

/** One row, reused from row to row: read what is needed before the next. */
export interface RosterRow {
  /** the email (else a login that is one), as bytes: `bytes[emailStart, emailEnd)`, empty for none */
  bytes: Uint8Array;
  emailStart: number;
  emailEnd: number;
  /** the same, as text */
  email(): string | null;
  aadUserId: string | null;
  active: boolean;
  locked: boolean;
  /** decoded only when asked: most people's names are never needed */
  name(): string | null;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const APOSTROPHE = 0x27;

/**
 * Calls `onRow` for every row; false when the bytes are not a roster (no header with `email`,
 * `active` and `locked`) or a quoted cell never closes.
 */
export function readRosterRows(bytes: Uint8Array, onRow: (row: RosterRow) => void): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.length;
  let at = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  // where each cell of the current row starts and ends; 1: quoted, 2: quoted with `""` inside
  const starts: number[] = [];
  const ends: number[] = [];
  const kinds: number[] = [];

  /** The cells of the next row; 0 at the end, -1 for a quoted cell that never closes. */
  const next = (): number => {
    if (at >= end) return 0;
    let cell = 0;
    for (;;) {
      if (buf[at] === QUOTE) {
        let from = at + 1;
        let kind = 1;
        for (;;) {
          const quote = buf.indexOf(QUOTE, from);
          if (quote < 0) return -1;
          if (buf[quote + 1] === QUOTE) {
            kind = 2;
            from = quote + 2;
            continue;
          }
          starts[cell] = at + 1;
          ends[cell] = quote;
          kinds[cell] = kind;
          at = quote + 1;
          break;
        }
      } else {
        let stop = at;
        while (stop < end) {
          const b = buf[stop];
          if (b === COMMA || b === LF || b === CR) break;
          stop++;
        }
        starts[cell] = at;
        ends[cell] = stop;
        kinds[cell] = 0;
        at = stop;
      }
      cell++;
      const b = buf[at];
      if (b === COMMA) {
        at++;
        continue;
      }
      if (b === CR && buf[at + 1] === LF) at += 2;
      else if (at < end) at++;
      return cell;
    }
  };
  const text = (cell: number): string => {
    const value = buf.toString('utf8', starts[cell], ends[cell]);
    return kinds[cell] === 2 ? value.replaceAll('""', '"') : value;
  };
  /** a value as the pack wrote it: empty is none, a neutralised formula restored */
  const value = (cell: number, width: number): string | null => {
    if (cell < 0 || cell >= width) return null;
    const start = starts[cell] as number;
    if (start === ends[cell]) return null;
    return buf[start] === APOSTROPHE ? restoreCell(text(cell)) : text(cell);
  };
  /** `yes` (as the pack writes booleans) or `true`, in any case */
  const yes = (cell: number, width: number): boolean => {
    if (cell < 0 || cell >= width) return false;
    const start = starts[cell] as number;
    const length = (ends[cell] as number) - start;
    const lower = (i: number) => (buf[start + i] as number) | 0x20;
    if (length === 3) return lower(0) === 0x79 && lower(1) === 0x65 && lower(2) === 0x73;
    if (length === 4) return lower(0) === 0x74 && lower(1) === 0x72 && lower(2) === 0x75 && lower(3) === 0x65;
    return false;
  };

  const headerWidth = next();
  if (headerWidth <= 0) return false;
  const header = Array.from({ length: headerWidth }, (_, i) => restoreCell(text(i)));
  const column = (name: string) => header.indexOf(name);
  const email = column('email');
  const login = column('login');
  const active = column('active');
  const locked = column('locked');
  const name = column('name');
  const aad = header.findIndex((h) => h.toLowerCase() === 'aaduserid');
  if (email < 0 || active < 0 || locked < 0) return false;

  let width = 0;
  /** a cell's bytes, as the pack wrote them: in place when plain, else decoded and copied */
  const place = (cell: number): boolean => {
    if (cell < 0 || cell >= width || starts[cell] === ends[cell]) return false;
    const start = starts[cell] as number;
    if (kinds[cell] === 2 || buf[start] === APOSTROPHE) {
      const copy = Buffer.from(value(cell, width) ?? '', 'utf8');
      row.bytes = copy;
      row.emailStart = 0;
      row.emailEnd = copy.length;
    } else {
      row.bytes = buf;
      row.emailStart = start;
      row.emailEnd = ends[cell] as number;
    }
    return true;
  };
  const row: RosterRow = {
    bytes: buf,
    emailStart: 0,
    emailEnd: 0,
    email: () =>
      row.emailStart < row.emailEnd
        ? Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength).toString(
            'utf8',
            row.emailStart,
            row.emailEnd,
          )
        : null,
    aadUserId: null,
    active: false,
    locked: false,
    name: () => value(name, width),
  };
  for (;;) {
    width = next();
    if (width === 0) return true;
    if (width < 0) return false;
    if (width === 1 && starts[0] === ends[0]) continue;
    if (!place(email)) {
      const loginValue = value(login, width);
      if (loginValue?.includes('@')) place(login);
      else {
        row.bytes = buf;
        row.emailStart = row.emailEnd = 0;
      }
    }
    row.aadUserId = value(aad, width);
    row.active = yes(active, width);
    row.locked = yes(locked, width);
    onRow(row);
  }
}
