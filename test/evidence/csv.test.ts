import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvTable, parseCsv, restoreCell } from '../../src/evidence/csv.js';
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
