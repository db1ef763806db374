/**
 * `npm ci` on the Node the README names must not warn EBADENGINE: every package the lockfile
 * installs (development ones included: CI and contributors install those too) supports it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/harness.js';

type Version = [number, number, number];

/** The current release of a major line, as a user of "Node.js 20 or later" runs it. */
const latestOf = (major: number): Version => [major, Number.MAX_SAFE_INTEGER, 0];

/** npm's engines ranges as packages write them: `>=18`, `^20.19.0 || >=22.12.0`, `20 || >=22`, `>= 12.11.*`. */
function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((comparator) => {
        const match = /^(>=|<=|>|<|=|\^|~)?v?(\d+|[x*])(?:\.(\d+|[x*]))?(?:\.(\d+|[x*]))?/.exec(comparator);
        if (!match) throw new Error(`unreadable engines range: ${range}`);
        const op = match[1] ?? '=';
        const parts = [match[2], match[3], match[4]];
        const fixed = parts.findIndex((p) => p === undefined || p === 'x' || p === '*');
        const bound = parts.map((p) => (p === undefined || p === 'x' || p === '*' ? 0 : Number(p))) as Version;
        const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
        const c = compare(version, bound);
        const sameLine = (n: number) => version.slice(0, n).every((v, i) => v === bound[i]);
        if (op === '>=') return c >= 0;
        if (op === '>') return c > 0;
        if (op === '<=') return c <= 0 || (fixed >= 0 && sameLine(fixed));
        if (op === '<') return c < 0;
        if (op === '^') return c >= 0 && sameLine(bound[0] === 0 ? 2 : 1);
        if (op === '~') return c >= 0 && sameLine(2);
        return fixed >= 0 ? sameLine(fixed) : c === 0;
      }),
  );
}

describe('satisfies', () => {
  it('reads the ranges packages use', () => {
    expect(satisfies(latestOf(20), '>=18')).toBe(true);
    expect(satisfies(latestOf(20), '>=22')).toBe(false);
    expect(satisfies(latestOf(20), '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies(latestOf(20), '^18.18.0 || ^20.9.0 || >=21.1.0')).toBe(true);
    expect(satisfies(latestOf(20), '20 || >=22')).toBe(true);
    expect(satisfies(latestOf(20), '>= 12.11.*')).toBe(true);
    expect(satisfies(latestOf(20), '>=0.6.11 <=0.7.0 || >=0.7.3')).toBe(true);
    expect(satisfies(latestOf(20), '^22.0.0')).toBe(false);
  });
});

describe('the Node the README names', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const major = Number(/Node\.js (\d+) or later/.exec(readme)?.[1]);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
  };

  it('is the minimum package.json declares', () => {
    expect(major).toBeGreaterThan(0);
    expect(pkg.engines.node).toBe(`>=${major}`);
  });

  it('is supported by every package npm ci installs, so it warns no EBADENGINE', () => {
    const unsupported = Object.entries(lock.packages)
      .filter(([name]) => name !== '')
      .map(([name, entry]) => ({ name, engines: Array.isArray(entry.engines) ? undefined : entry.engines?.node }))
      .filter(({ engines }) => engines !== undefined && !satisfies(latestOf(major), engines))
      .map(({ name, engines }) => `${name.replace(/^.*node_modules\//, '')} (${lock.packages[name]?.version}): node ${engines}`);
    expect(unsupported).toEqual([]);
  });
});
