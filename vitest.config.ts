import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

// Services start with `import 'server-only'`; outside Next's react-server build that marker
// resolves to the empty module, as it does on the server.
const resolve = {
  alias: [
    { find: /^server-only$/, replacement: path.join(root, 'node_modules/server-only/empty.js') },
    { find: /^@\//, replacement: `${root}/` },
  ],
};

const integration = (name: string, engine: 'embedded' | 'postgresql') => ({
  resolve,
  test: {
    name,
    // each compatibility dialect keeps its tests in its own folder (lib/dialects/<dialect>/tests/)
    include: ['tests/integration/**/*.test.ts', 'lib/dialects/*/tests/**/*.test.ts'],
    globalSetup: ['tests/setup/global-database.ts'],
    setupFiles: ['tests/setup/database.ts'],
    env: { TEST_ENGINE: engine, NODE_ENV: 'test' as const },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/cli/**/*.test.ts'], env: { NODE_ENV: 'test' as const }, testTimeout: 60_000 },
      },
      integration('integration-pglite', 'embedded'),
      ...(process.env.TEST_DATABASE_URL ? [integration('integration-postgresql', 'postgresql')] : []),
    ],
  },
});
