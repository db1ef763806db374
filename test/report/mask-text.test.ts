import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PeopleMasker, replaceEmails, withoutPersonalData } from '../../src/report/mask-text.js';
import { maskName } from '../../src/report/redact.js';

/** A value in lower case, final sigma as sigma: the same for every case of it. */
const folded = (value: string) => value.toLowerCase().replaceAll('ς', 'σ');

/** A masker of `values`, each masked as `<value folded>`. */
function masker(...values: string[]): PeopleMasker {
  const m = new PeopleMasker(maskName);
  for (const value of values) m.add(value, (v) => `<${folded(v)}>`);
  return m;
}

/**
 * What the masker replaced: the regular expression it stands in for (whole values,
 * case-insensitive, not inside a longer word, the longest at a position first).
 */
function byPattern(values: readonly string[], text: string): string {
  const keys = [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (keys.length === 0) return text;
  const escaped = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(pattern, (m) => `<${folded(m)}>`);
}

describe('PeopleMasker', () => {
  it('masks a value whole, in any case, and not inside a longer word', () => {
    const m = masker('Al', 'Jane Roe');
    expect(m.mask('Al, AL and al hold Always-on access; JANE ROE too, not Jane Roes')).toBe(
      '<al>, <al> and <al> hold Always-on access; <jane roe> too, not Jane Roes',
    );
  });

  it('prefers the longest value at a position', () => {
    expect(masker('Jane', 'Jane Roe', 'jane.roe@x.example').mask('Jane Roe <jane.roe@x.example>, Jane')).toBe(
      '<jane roe> <<jane.roe@x.example>>, <jane>',
    );
  });

  it('matches values that start or end with punctuation, and across code points', () => {
    const m = masker('@everyone@ortega-it.example', 'Zoë Ünal', '𝒜da', 'Ǆemal');
    expect(m.mask('to @everyone@ortega-it.example: ZOË ÜNAL, 𝒜DA and ǆemal')).toBe(
      'to <@everyone@ortega-it.example>: <zoë ünal>, <𝒜da> and <ǆemal>',
    );
  });

  it('folds İ, final sigma and other case pairs the same way in values and text', () => {
    const m = masker('İlker Σοφος');
    expect(m.mask('İLKER ΣΟΦΟΣ and İlker σοφοσ')).toBe('<i̇lker σοφοσ> and <i̇lker σοφοσ>');
  });

  it('masks a value of 50,000 characters and every stretch of text that follows one part way', () => {
    const long = `Ann ${'Lee '.repeat(12_500)}End`;
    const m = masker(long);
    expect(m.mask(`before ${long} after`)).toBe(`before <${folded(long)}> after`);
    // the text agrees with the long value for 30,000 characters, then differs: all of that is masked
    const partial = m.mask(`before ${long.slice(0, 30_000)}Zed after`);
    expect(partial).toBe('before A*** L*** L*** L*** L*** L*** L*** L*** … Zed after');
  });

  it('stays linear when every position starts a long walk', () => {
    const m = masker(`${'a '.repeat(5_000)}b`, `${'a '.repeat(4_000)}c`);
    const text = 'a '.repeat(50_000);
    const started = performance.now();
    const out = m.mask(text);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(out).not.toContain('a a a a');
  });

  it('leaves a text without values as it is', () => {
    expect(masker().mask('Jane Roe')).toBe('Jane Roe');
    expect(masker('Jane').mask('')).toBe('');
  });

  it('agrees with the regular expression it replaces', () => {
    const alphabet = ['a', 'A', 'b', 'é', 'É', '1', ' ', '.', '@', '-', 'Σ', 'ς', 'σ', '𝒜', '😀'];
    const piece = fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 5 }),
        fc.array(fc.oneof(piece, fc.nat()), { maxLength: 12 }),
        (values, parts) => {
          // the text mixes filler with the values themselves, in varied case
          const text = parts
            .map((p) => {
              if (typeof p === 'string') return p;
              const v = values[p % Math.max(values.length, 1)] ?? '';
              return p % 2 === 0 ? v.toUpperCase() : v;
            })
            .join('');
          expect(masker(...values).mask(text)).toBe(byPattern(values, text));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('replaceEmails', () => {
  const emailPattern = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+/g;

  it('finds what the email pattern finds', () => {
    const unit = fc.constantFrom('a', 'b', '@', '.', ' ', '<', ',', ':', 'é', '\u00a0');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        expect(replaceEmails(text, (e) => `[${e}]`)).toBe(text.replace(emailPattern, (e) => `[${e}]`));
      }),
      { numRuns: 3_000 },
    );
  });

  it('scans a long run without an @ in linear time', () => {
    const text = `${'x'.repeat(300_000)} ${'w'.repeat(300_000)}@${'v'.repeat(10)}`;
    const started = performance.now();
    expect(replaceEmails(text, () => 'E')).toBe(`${'x'.repeat(300_000)} E`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('withoutPersonalData', () => {
  it('replaces a failure with one that names the step, not what failed', () => {
    const failing = () =>
      withoutPersonalData('report', () => {
        throw new SyntaxError('Invalid regular expression: /(?:Jane Roe|jane@x.example)/');
      });
    expect(failing).toThrow(/^Could not mask names and emails in the report \(SyntaxError\)/);
    try {
      failing();
    } catch (error) {
      expect((error as Error).cause).toBeUndefined();
      expect(String((error as Error).stack)).not.toMatch(/jane/i);
    }
  });
});
