import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'happy-dom',
            include: ['src/**/*.test.ts'],
            // vitest's 5 s default stops a component test on a busy CI machine; these limits
            // only catch a hung test (a flaky test is a defect, speed lives in bench/).
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            environment: 'node',
            include: ['e2e/**/*.e2e.ts'],
            globalSetup: ['e2e/global-setup.ts'],
            fileParallelism: false,
            // A busy CI machine can be ten times slower than a quiet one: a test that runs out of
            // time there is a flaky test, not a slow product (speed is measured in bench/).
            testTimeout: 300_000,
            hookTimeout: 300_000,
          },
        },
      ],
    },
  }),
);
