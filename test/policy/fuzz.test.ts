import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/policy/load.js';
import { NOW } from './support.js';
import { parsesOrRefusesCleanly, VALID } from './fuzz.support.js';

// 5,000 generated documents here and 5,000 in fuzz-near-valid.test.ts (two files, so that they
// run side by side); the YAML parser dominates the time.
describe('parsePolicy on generated input', { timeout: 60_000 }, () => {
  it('accepts the unmutated base policy', () => {
    expect(() => parsePolicy(stringify(VALID), 'fuzz.yml', { now: NOW })).not.toThrow();
  });

  it('never fails other than with a located PolicyError on arbitrary YAML values', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (value) => {
        let text: string | undefined;
        try {
          text = stringify(value);
        } catch {
          return; // some generated values (e.g. symbols) cannot be written as YAML at all
        }
        if (typeof text === 'string') parsesOrRefusesCleanly(text);
      }),
      { numRuns: 2_500 },
    );
  });

  it('never fails other than with a located PolicyError on arbitrary JSON documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => parsesOrRefusesCleanly(stringify(value))),
      { numRuns: 2_500 },
    );
  });
});
