import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP } from '../../src/cli/help.js';

/** The hand-written pages a newcomer reads; docs/policy.md is generated and checked elsewhere. */
const PAGES = ['README.md', 'SECURITY.md', 'CHANGELOG.md', 'docs/troubleshooting.md', 'docs/permission-ids.md'];
const read = (file: string) => readFileSync(file, 'utf8');

/** Markdown outside fenced code blocks, where links are links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

function links(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
  const html = [...text.matchAll(/href="([^"]+)"/g)].map((m) => m[1] as string);
  return [...inline, ...html];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const slugs = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (heading as string)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    slugs.add(slug);
  }
  return slugs;
}

describe.each(PAGES)('%s', (page) => {
  it('links only to files that exist in the repository', () => {
    const broken = links(read(page))
      .filter((link) => !/^[a-z]+:/.test(link) && !link.startsWith('#'))
      .map((link) => link.split('#')[0] as string)
      .filter((target) => !existsSync(normalize(join(dirname(page), decodeURI(target)))));
    expect(broken).toEqual([]);
  });

  it('links only to headings that exist', () => {
    const broken = links(read(page))
      .filter((link) => !/^[a-z]+:/.test(link) && link.includes('#'))
      .filter((link) => {
        const [file, anchor] = link.split('#') as [string, string];
        const target = file === '' ? page : normalize(join(dirname(page), file));
        return target.endsWith('.md') && !anchors(read(target)).has(anchor);
      });
    expect(broken).toEqual([]);
  });

  it('names only st-access-guard commands that exist', () => {
    const used = [...read(page).matchAll(/(?:st-access-guard|node dist\/cli\.js) ([a-z]+)\b/g)].map(
      (m) => m[1] as string,
    );
    const unknown = used.filter((command) => !(command in HELP) && command !== 'help');
    expect(unknown).toEqual([]);
  });

  it('uses only st-access-guard flags that exist', () => {
    const cli = read('src/cli.ts');
    const flags = read(page)
      .split('\n')
      .filter((line) => /st-access-guard|dist\/cli\.js/.test(line))
      .flatMap((line) => [...line.matchAll(/--([a-z][a-z-]+)/g)].map((m) => m[1] as string));
    const unknown = flags.filter((flag) => !cli.includes(`'${flag}':`) && !cli.includes(`  ${flag}:`));
    expect(unknown).toEqual([]);
  });
});

describe('README.md', () => {
  const readme = read('README.md');

  it('shows each example workflow exactly as it is in examples/workflows/', () => {
    const shown = [...readme.matchAll(/<!-- example: (\S+) -->\n\n```yaml\n([\s\S]*?)\n```\n/g)];
    expect(shown.map((m) => m[1])).toEqual([
      'examples/workflows/audit.yml',
      'examples/workflows/policy-check.yml',
      'examples/workflows/remediate.yml',
      'examples/workflows/undo.yml',
    ]);
    for (const [, file, yaml] of shown) {
      expect(`${yaml}\n`, `README.md's copy of ${file} differs from the file`).toBe(read(file as string));
    }
  });

  it('has the inputs and outputs tables generated from action.yml', () => {
    // Exits non-zero (and the test fails) when the generated block has drifted.
    execFileSync(process.execPath, ['scripts/readme-usage.mjs', '--check'], { stdio: 'pipe' });
  });

  it('documents every input and output of action.yml', () => {
    const action = read('action.yml');
    const names = [...action.matchAll(/^ {2}([a-z][a-z-]*):$/gm)].map((m) => m[1] as string);
    const missing = names.filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(names.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('names the four secrets the example workflows use', () => {
    for (const secret of ['ST_TENANT', 'ST_CLIENT_ID', 'ST_CLIENT_SECRET', 'ST_APP_KEY']) {
      expect(read('examples/workflows/audit.yml')).toContain(`secrets.${secret}`);
      expect(readme).toContain(`| \`${secret}\` |`);
    }
  });

  it('has the sections a newcomer looks for', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    for (const heading of [
      'Quick start',
      'First real audit in five minutes',
      'Workflows',
      'Inputs and outputs',
      'Command line',
      'What apply can and cannot fix',
      'Evidence for access reviews',
      'Performance',
      'Versioning and releases',
    ]) {
      expect(headings).toContain(heading);
    }
  });
});
