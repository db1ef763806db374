/**
 * Finds the error codes the source can print, so the troubleshooting page can be checked against
 * them. A code is a quoted string such as 'tenant.not-found'; codes built at run time from a
 * template (`input.invalid-${name}`) are expanded from the names the source declares for them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const AREAS = 'policy|input|auth|tenant|servicetitan|apply|undo|evidence|sandbox|internal|config|fleet';
const QUOTED_CODE = new RegExp(`['"]((?:${AREAS})\\.[a-z0-9-]+)['"]`, 'g');
// A code of an area not listed above, recognised by where it stands: `code: '…'` or `…Error('…'`.
const CODE_IN_CONTEXT = /(?:\bcode:\s*|Error\(\s*)['"]([a-z]+\.[a-z0-9-]+)['"]/g;
const TEMPLATE_CODE = new RegExp(`\`((?:${AREAS})\\.[a-z0-9-]*)\\$\\{`, 'g');
// Quoted file names that look like codes ('policy.yml' is the policy's name inside an evidence pack).
const FILE_EXTENSION = /\.(ya?ml|json|csv|md|txt|sarif)$/;

export interface SourceCodes {
  /** every code, literal or expanded */
  codes: Map<string, string[]>;
  /** template prefixes the scanner does not know how to expand */
  unexpanded: Map<string, string[]>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The names of `export type InputName = | 'mode' | …` in src/settings.ts. */
export function inputNames(root = '.'): string[] {
  const settings = readFileSync(join(root, 'src/settings.ts'), 'utf8');
  const union = /export type InputName =([^;]+);/.exec(settings)?.[1] ?? '';
  return [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1] as string);
}

/** How each known template prefix expands into the codes it can produce. */
function expansions(root: string): Record<string, string[]> {
  return { 'input.invalid-': inputNames(root).map((name) => `input.invalid-${name}`) };
}

function add(map: Map<string, string[]>, key: string, where: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(where)) list.push(where);
  map.set(key, list);
}

export function scanSourceCodes(root = '.'): SourceCodes {
  const codes = new Map<string, string[]>();
  const unexpanded = new Map<string, string[]>();
  const known = expansions(root);
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of [QUOTED_CODE, CODE_IN_CONTEXT]) {
      for (const [, code] of text.matchAll(pattern)) {
        if (code && !FILE_EXTENSION.test(code)) add(codes, code, file);
      }
    }
    for (const [, prefix] of text.matchAll(TEMPLATE_CODE)) {
      if (prefix === undefined) continue;
      const expanded = known[prefix];
      if (expanded) for (const code of expanded) add(codes, code, file);
      else add(unexpanded, prefix, file);
    }
  }
  return { codes, unexpanded };
}

/** The codes documented in docs/troubleshooting.md, one `### \`code\`` heading each, in order. */
export function documentedCodes(markdown: string): string[] {
  return [...markdown.matchAll(/^### `([^`]+)`\s*$/gm)].map((m) => m[1] as string);
}

/** The text under each code's heading, up to the next heading. */
export function entries(markdown: string): Map<string, string> {
  const result = new Map<string, string>();
  const parts = markdown.split(/^(?=#{2,3} )/m);
  for (const part of parts) {
    const heading = /^### `([^`]+)`\s*\n/.exec(part);
    if (heading?.[1]) result.set(heading[1], part.slice(heading[0].length).trim());
  }
  return result;
}
