import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests run in parallel; real-browser tests
// run one file at a time because each one starts a whole browser.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{shared,extension,verifier}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.{ts,tsx}', '**/node_modules/**', 'dist/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['{extension,verifier}/**/*.browser.test.{ts,tsx}'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
