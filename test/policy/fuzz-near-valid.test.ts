import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, it } from 'vitest';
import { mutate, mutation, parsesOrRefusesCleanly, VALID } from './fuzz.support.js';

// 5,000 generated documents here and 5,000 in fuzz.test.ts; the YAML parser dominates the time.
describe('parsePolicy on generated input', { timeout: 60_000 }, () => {
  it('never fails other than with a located PolicyError on near-valid policies', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (mutations, flow) => {
        const doc = mutations.reduce<unknown>((d, m) => mutate(d, m), VALID);
        parsesOrRefusesCleanly(stringify(doc, flow ? { collectionStyle: 'flow' } : {}));
      }),
      { numRuns: 3_500 },
    );
  });

  it('never fails other than with a located PolicyError on arbitrary text', () => {
    const yamlish = fc.string({
      unit: fc.constantFrom(
        'a',
        ':',
        ' ',
        '\n',
        '-',
        '[',
        ']',
        '{',
        '}',
        '&',
        '*',
        '!',
        '"',
        "'",
        '#',
        '|',
        '>',
        '%',
        '@',
        '\t',
        '1',
        'version: 1\n',
        'rules:\n',
        '---\n',
        '\u0000',
      ),
      maxLength: 80,
    });
    fc.assert(fc.property(yamlish, parsesOrRefusesCleanly), { numRuns: 1_500 });
  });
});
