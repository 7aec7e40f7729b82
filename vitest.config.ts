import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (`*.spec.ts`, beside the code) and `integration` (`*.int.spec.ts`: real
 * training runs on small budgets, the CLI end to end). Files run in forked workers so each has its
 * own TF.js engine; two workers fit the 2-core machines we target.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/**/src/**/*.spec.ts', 'plugins/**/src/**/*.spec.ts', 'simulators/**/src/**/*.spec.ts', 'examples/**/src/**/*.spec.ts', 'test/**/*.spec.ts', 'bench/src/**/*.spec.ts'],
          exclude: ['**/*.int.spec.ts', '**/node_modules/**'],
          testTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.spec.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 900_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
