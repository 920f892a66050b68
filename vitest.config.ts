import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests spawn real processes (the built bundles, fake scanners); two cores, so keep it modest.
    testTimeout: 20_000,
    pool: 'forks',
  },
});
