import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One runner, one project per package. `pnpm test` runs them all; `--project x` runs one.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'shared',
          root: 'packages/shared',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          root: 'packages/api',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          // Timeouts catch hangs; on a busy machine (load average 18) the walk over the whole route
          // table took over 30 s.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      ...['staff-web', 'provider-portal'].map((name) => ({
        plugins: [react()],
        test: {
          name,
          root: `packages/${name}`,
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['src/testing/setup-tests.ts'],
          // Pages load lazily, as in the browser: a test's first render also transforms its page's
          // modules, which on a busy machine can take many seconds.
          testTimeout: 60_000,
          // The app's own API client talks to the same origin the MSW handlers answer on.
          env: { TZ: 'Europe/Helsinki', VITE_API_BASE: 'http://localhost/api/v1' },
        },
      })),
      {
        test: {
          name: 'e2e',
          root: 'e2e',
          include: ['**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['global-setup.ts'],
          // A timeout here catches a hang, not slowness (speed is measured in the benchmarks): a
          // journey that takes 20 s on a quiet machine took over 90 s at load average 11.
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
