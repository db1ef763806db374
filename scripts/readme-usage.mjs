// Generates the README's inputs/outputs tables from action.yml, between the usage markers.
// `node scripts/readme-usage.mjs` rewrites README.md; `--check` exits 1 when it has drifted.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const START = '<!-- usage:start (generated from action.yml by `npm run docs`) -->';
const END = '<!-- usage:end -->';

const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

export function usageTables(actionYml) {
  const action = parse(actionYml);
  const inputs = Object.entries(action.inputs)
    .map(
      ([name, i]) =>
        `| \`${name}\` | ${i.default ? `\`${cell(i.default)}\`` : ''} | ${cell(i.description)} |`,
    )
    .join('\n');
  const outputs = Object.entries(action.outputs)
    .map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)
    .join('\n');
  return `### Inputs\n\n| input | default | meaning |\n|---|---|---|\n${inputs}\n\n### Outputs\n\n| output | meaning |\n|---|---|\n${outputs}\n`;
}

export function renderReadme(readme, actionYml) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md has no usage markers');
  return readme.slice(0, a + START.length) + '\n\n' + usageTables(actionYml) + '\n' + readme.slice(b);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync('README.md', 'utf8');
  const next = renderReadme(readme, readFileSync('action.yml', 'utf8'));
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md usage tables differ from action.yml: run `npm run docs` and commit README.md');
      process.exit(1);
    }
  } else {
    writeFileSync('README.md', next);
  }
}
