import { describe, expect, it } from 'vitest';
import { inlineMarkdown, inlinePlain, neutraliseWorkflowCommands, truncate } from '../../src/report/text.js';

describe('inlineMarkdown', () => {
  it('keeps hyphens inside text readable but escapes a leading one, which could start a list', () => {
    expect(inlineMarkdown('no-external-api-access')).toBe('no-external-api-access');
    expect(inlineMarkdown('- [x] done')).toBe('\\- \\[x\\] done');
    expect(inlineMarkdown('+1')).toBe('\\+1');
  });

  it('escapes Markdown punctuation so nothing formats', () => {
    expect(inlineMarkdown('**bold** [x](y) `c` | _i_ ~s~')).toBe(
      '\\*\\*bold\\*\\* \\[x\\]\\(y\\) \\`c\\` \\| \\_i\\_ \\~s\\~',
    );
  });

  it('turns HTML into entities', () => {
    expect(inlineMarkdown('<img src=x onerror="a">&')).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;');
  });

  it('breaks @mentions and issue references with a zero-width space', () => {
    const out = inlineMarkdown('@octocat see #12');
    expect(out).not.toMatch(/@[A-Za-z]/);
    expect(out).not.toMatch(/#\d/);
    expect(out).toContain('@\u200boctocat');
  });

  it('folds newlines and strips control characters', () => {
    expect(inlineMarkdown('a\r\nb\u0007\u001b[31mc\u202e')).toBe('a b\\[31mc');
  });

  it('truncates to the limit with an ellipsis', () => {
    const out = inlineMarkdown('A'.repeat(10_000), 50);
    expect(Array.from(out)).toHaveLength(50);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('neutraliseWorkflowCommands', () => {
  it('leaves no "::" that could start a workflow command', () => {
    const out = neutraliseWorkflowCommands('x\n::error::forged\n  ::add-mask::y\n##[error]old');
    expect(out).not.toContain('::');
    expect(out).not.toContain('##[');
    for (const line of out.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
  });
});

describe('inlinePlain', () => {
  it('is one inert, bounded line', () => {
    const out = inlinePlain('Mallory\n::error::forged\u001b[2J', 20);
    expect(out).not.toContain('\n');
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('::');
    expect(Array.from(out).length).toBeLessThanOrEqual(20);
  });

  it('keeps short text as it is', () => {
    expect(truncate('héllo', 5)).toBe('héllo');
  });
});
