import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // A test that runs out of time on a busy machine is a flaky test, not a finding: speed is
    // measured in bench/, and budgets count commands. The limits only stop a hung test, so
    // they are long (CI shares two cores with other runs), and no test sets a shorter one.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
