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

  it('keeps an email free of invisible characters: its @ renders and copies as @', () => {
    const out = inlineMarkdown('jane.roe@contractor.example');
    expect(out).toBe('jane.roe&commat;contractor.example');
    expect(out).not.toMatch(/[\u200b-\u200d\u2060\ufeff]/);
  });

  it('breaks only the @ that GitHub reads as a mention: at a word start', () => {
    expect(inlineMarkdown('ask @octocat')).toBe('ask @\u200boctocat');
    expect(inlineMarkdown('(@octocat)')).toBe('\\(@\u200boctocat\\)');
    expect(inlineMarkdown('@everyone@ortega-it.example')).toBe('@\u200beveryone&commat;ortega-it.example');
    // a masked email's @ follows `*`, which does not end a word
    expect(inlineMarkdown('j***@gmail.com')).toBe('j\\*\\*\\*@\u200bgmail.com');
    expect(inlineMarkdown('an @ alone')).toBe('an &commat; alone');
  });

  it('breaks only the # that starts an issue reference', () => {
    expect(inlineMarkdown('see #12')).toBe('see \\#\u200b12');
    expect(inlineMarkdown('acme/widgets#12')).toBe('acme/widgets\\#\u200b12');
    expect(inlineMarkdown('GH-12 and gh-12')).toBe('GH-\u200b12 and gh-12');
    expect(inlineMarkdown('ops#1@acme.example')).toBe('ops&num;1&commat;acme.example');
    expect(inlineMarkdown('# heading')).toBe('\\# heading');
    expect(inlineMarkdown('#hashtag')).toBe('\\#hashtag');
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
