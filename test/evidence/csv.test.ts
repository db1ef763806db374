import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, CsvSyntaxError, csvTable, parseCsv, restoreCell } from '../../src/evidence/csv.js';
import { readCsv } from './fixtures.js';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['@SUM(1)', "'@SUM(1)"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['\tTab', "'\tTab"],
    ['\rCR', `"'\rCR"`],
    ["'quoted", "''quoted"],
  ])('neutralises %j as a formula and quotes it as needed', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('Roe, Jane')).toBe('"Roe, Jane"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('leaves ordinary text, numbers and a formula character inside a value alone', () => {
    expect(csvCell('Jane Roe')).toBe('Jane Roe');
    expect(csvCell(42)).toBe('42');
    expect(csvCell('a=b+c')).toBe('a=b+c');
  });

  it.each([
    [
      'ESC',
      'Eve\u001b[2J\u001b]8;;http://x.example\u0007Admin',
      'Eve\\u{001B}[2J\\u{001B}]8;;http://x.example\\u{0007}Admin',
    ],
    ['a right-to-left override', 'Bob \u202Emoc.evil@', 'Bob \\u{202E}moc.evil@'],
    [
      'bidi embeddings, isolates and marks',
      '\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C',
      '\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{200E}\\u{200F}\\u{061C}',
    ],
    [
      'zero-width characters and a BOM',
      'Al\u200Bi\u200Cc\u200De\u2060\uFEFF',
      'Al\\u{200B}i\\u{200C}c\\u{200D}e\\u{2060}\\u{FEFF}',
    ],
    [
      'NUL, DEL and C1 controls',
      'a\u0000b\u007Fc\u0085d\u009Be',
      'a\\u{0000}b\\u{007F}c\\u{0085}d\\u{009B}e',
    ],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u{2028}b\\u{2029}c'],
    ['a tag character and a lone surrogate', 'x\u{E0041}y\uD800z', 'x\\u{E0041}y\\u{D800}z'],
  ])('shows %s as visible escapes', (_what, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('keeps tab, line feed and carriage return inside a cell, and letters of every script', () => {
    expect(csvCell('one\ttwo\r\nthree')).toBe('"one\ttwo\r\nthree"');
    expect(csvCell('José Ñúñez 李雷 محمد')).toBe('José Ñúñez 李雷 محمد');
  });

  it('still neutralises a formula hidden behind an invisible character or in a header', () => {
    expect(csvCell('\u202E=HYPERLINK("x")')).toBe('"\\u{202E}=HYPERLINK(""x"")"');
    expect(csvTable(['=perm\u001b'], [])).toBe("'=perm\\u{001B}\r\n");
  });

  it('writes booleans as yes/no, lists joined with ";" and nothing for null', () => {
    expect([
      csvCell(true),
      csvCell(false),
      csvCell(['Admin', 'Office']),
      csvCell(null),
      csvCell(undefined),
    ]).toEqual(['yes', 'no', 'Admin;Office', '', '']);
  });
});

describe('parseCsv', () => {
  it('names the line where a quoted cell opens and is never closed', () => {
    const error = (() => {
      try {
        parseCsv('user,rules\r\na,b\r\n"unclosed,c\r\nd,e\r\n');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toMatchObject({
      line: 3,
      message: 'line 3: a quoted cell starts here and is never closed',
    });
  });
});

describe('csvTable', () => {
  it('writes a header row and CRLF line ends', () => {
    expect(csvTable(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('reads back, through an independent RFC 4180 reader, as the neutralised values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 5 }),
        (rows) => {
          const parsed = readCsv(csvTable(['a', 'b'], rows));
          expect(parsed[0]).toEqual(['a', 'b']);
          parsed.slice(1).forEach((row, i) => {
            row.forEach((cell, j) => {
              expect(cell).not.toMatch(/^[=+\-@\t\r]/);
              expect(restoreCell(cell)).toBe(rows[i]![j]);
            });
          });
        },
      ),
    );
  });

  it('writes no control, bidi or zero-width character whatever the input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 4 }), (cells) => {
        const text = csvTable(['a'], [cells]);
        expect(text).not.toMatch(/(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u);
      }),
    );
  });

  it("round-trips through the project's own reader", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 3, maxLength: 3 }), { maxLength: 5 }),
        (rows) => {
          const back = parseCsv(csvTable(['a', 'b', 'c'], rows))
            .slice(1)
            .map((r) => r.map(restoreCell));
          expect(back).toEqual(rows);
        },
      ),
    );
  });
});
