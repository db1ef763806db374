import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_ISSUE_CODES } from '../../src/policy/codes.js';
import { documentedCodes, entries, inputNames, scanSourceCodes } from './error-codes.js';

const PAGE = 'docs/troubleshooting.md';
const markdown = readFileSync(PAGE, 'utf8');
const documented = documentedCodes(markdown);
const { codes, unexpanded } = scanSourceCodes();

describe('docs/troubleshooting.md', () => {
  it('finds the codes the source prints, including those built from input names', () => {
    // Guards the scanner itself: an empty scan would make the next test pass vacuously.
    expect(codes.size).toBeGreaterThan(60);
    for (const code of ['tenant.not-found', 'auth.invalid-client', 'policy.unknown-key', 'apply.max-changes'])
      expect(codes.has(code), code).toBe(true);
    expect(inputNames()).toContain('tenant');
    expect(codes.has('input.invalid-tenant')).toBe(true);
    expect(codes.has('policy.yml'), 'a quoted file name is not a code').toBe(false);
  });

  it('recognises a code of a new area by where it stands, and flags a template it cannot expand', () => {
    const root = mkdtempSync(join(tmpdir(), 'codes-'));
    try {
      mkdirSync(join(root, 'src'));
      writeFileSync(join(root, 'src/settings.ts'), "export type InputName = | 'mode' | 'tenant';\n");
      writeFileSync(
        join(root, 'src/errors.ts'),
        [
          "throw new ConfigurationError(\n  'billing.over-quota', 'message');",
          "const refusal = { code: 'apply.max-changes' };",
          'const dynamic = `input.invalid-${name}`;',
          'const unknown = `auth.failed-${status}`;',
          "const file = 'policy.yml';",
        ].join('\n'),
      );
      const scan = scanSourceCodes(root);
      expect([...scan.codes.keys()].sort()).toEqual([
        'apply.max-changes',
        'billing.over-quota',
        'input.invalid-mode',
        'input.invalid-tenant',
      ]);
      expect([...scan.unexpanded.keys()]).toEqual(['auth.failed-']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('has a `### `code`` heading for every error code in src/', () => {
    const missing = [...codes.keys()]
      .filter((code) => !documented.includes(code))
      .sort()
      .map((code) => `${code} (${codes.get(code)?.join(', ')})`);
    expect(missing, `add a "### \`code\`" entry to ${PAGE} for each of these`).toEqual([]);
  });

  it('knows how to expand every error code built at run time', () => {
    const unknown = [...unexpanded].map(([prefix, files]) => `${prefix}… (${files.join(', ')})`);
    expect(
      unknown,
      'a code is built from a template: list its possible values in test/docs/error-codes.ts',
    ).toEqual([]);
  });

  it('documents every policy problem of POLICY_ISSUE_CODES', () => {
    const missing = Object.keys(POLICY_ISSUE_CODES).filter((code) => !documented.includes(code));
    expect(missing).toEqual([]);
  });

  it('documents no code that the source no longer has', () => {
    const stale = documented.filter((code) => !codes.has(code));
    expect(stale, `remove these entries from ${PAGE}, or rename them`).toEqual([]);
  });

  it('has one entry per code', () => {
    const repeated = documented.filter((code, i) => documented.indexOf(code) !== i);
    expect(repeated).toEqual([]);
  });

  it('says under every code what it means and what to do, in at least a sentence or two', () => {
    const thin = [...entries(markdown)].filter(([, text]) => text.length < 60).map(([code]) => code);
    expect(thin).toEqual([]);
  });
});
