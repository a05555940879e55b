import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its .wasm/.data files from node_modules at run time; bundling them breaks the paths.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/schema-engine-wasm', 'pg'],
  poweredByHeader: false,
};

export default nextConfig;
