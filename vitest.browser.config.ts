import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the dashboard in a real headless Chromium (scripts/install-browser.sh
// installs Debian's `chromium`; playwright-core drives it). Not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
  },
});
