import { defineConfig } from 'vitest/config';

// Fault tests spawn the built daemon (run `npm run build` first; `npm run test:faults` does) and
// kill it, Redis and its peers on purpose: one file at a time, with long timeouts.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default'],
  },
});
