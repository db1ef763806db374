import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/report/console.js';
import { renderSummary } from '../../src/report/summary.js';
import type { Mode } from '../../src/report/model.js';
import { report } from './fixtures.js';

const firstLine = (text: string) => text.split('\n')[0] ?? '';
const headline = (mode: Mode) => {
  const r = report([], { ctx: { mode } });
  return {
    console: firstLine(renderConsole(r, { color: false })),
    summary: renderSummary(r).split('\n').slice(0, 3).join('\n'),
  };
};

describe('the headline', () => {
  it.each(['audit', 'apply'] as const)('of %s says what fails the run', (mode) => {
    expect(headline(mode).console).toContain('fails on high or above');
    expect(headline(mode).summary).toContain('fails on high or above');
  });

  it.each(['validate', 'discover', 'undo'] as const)(
    'of %s says nothing of fail-on, which does not apply',
    (mode) => {
      expect(headline(mode).console).not.toMatch(/fails on/);
      expect(headline(mode).summary).not.toMatch(/fails on/);
      expect(headline(mode).console).toMatch(new RegExp(`ServiceTitan ${mode} · .*policy [^·]+$`));
    },
  );
});

describe('a YAML syntax error on the console', () => {
  it('quotes the policy line with a caret under the column', () => {
    const r = report([], {
      ctx: { mode: 'validate' },
      errors: [
        {
          code: 'policy.yaml-syntax',
          message: 'YAML syntax error: this line is indented with a tab; YAML indents with spaces only.',
          hint: 'Indent it by 4 spaces, like line 20.',
          file: 'policy.yml',
          line: 21,
          column: 1,
          sourceLine: '\tlabel: Generate API Application Key',
        },
        {
          code: 'policy.yaml-syntax',
          message:
            'YAML syntax error: this line is indented further than line 29, which already has a value.',
          file: 'policy.yml',
          line: 30,
          column: 6,
          sourceLine: '     forbid: { account: true }',
        },
      ],
    });
    const text = renderConsole(r, { color: false });
    expect(text).toContain(
      [
        '  policy.yaml-syntax (policy.yml:21:1)',
        '    YAML syntax error: this line is indented with a tab; YAML indents with spaces only.',
        '      21 | →label: Generate API Application Key',
        '         | ^',
        '    Indent it by 4 spaces, like line 20.',
      ].join('\n'),
    );
    expect(text).toContain(['      30 |      forbid: { account: true }', '         |      ^'].join('\n'));
  });

  it('keeps a hostile policy line inert', () => {
    const r = report([], {
      ctx: { mode: 'validate' },
      errors: [
        {
          code: 'policy.yaml-syntax',
          message: 'YAML syntax error',
          file: 'policy.yml',
          line: 2,
          column: 3,
          sourceLine: '::add-mask::x \u001b[31mred',
        },
      ],
    });
    const text = renderConsole(r, { color: false });
    expect(text).not.toContain('::add-mask::');
    expect(text).not.toContain('\u001b[31m');
  });
});
