import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sandbox/**/*.test.ts', 'src/**/*.test.ts', 'content/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['sandbox/cluster/api/testing/freeze-stored-arrays.ts'],
    testTimeout: 30000,
  },
});
