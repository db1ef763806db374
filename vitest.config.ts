import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * One run of every test file (`npm test`); `npm run test:unit`, `test:integration` and `test:e2e`
 * pick by folder: test/integration runs the pipeline in-process against a sandbox, test/e2e
 * spawns the committed bundles in dist/, and the rest are unit tests.
 */

/**
 * Vitest's own order (the longest first, as far as it remembers; else the largest), but the
 * in-process pipeline runs first: they take long while doing little (the fault matrix waits out
 * retry budgets and slow answers), so the others fill the time they leave.
 */
class IntegrationFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const integration = (file: TestSpecification) => /[\\/]test[\\/]integration[\\/]/.test(file.moduleId);
    return [...sorted.filter(integration), ...sorted.filter((file) => !integration(file))];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Worker threads that keep their module cache from file to file: importing the source
    // (zod, undici, yaml) once per worker rather than once per file is most of the suite's time
    // saved. No test mocks modules or fakes globals, and the few that set process.env restore it.
    pool: 'threads',
    isolate: false,
    // Two cores, and one worker more: many files mostly wait, and another file runs meanwhile.
    maxWorkers: 3,
    sequence: { sequencer: IntegrationFirst },
  },
});
