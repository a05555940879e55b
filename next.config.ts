import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its .wasm/.data files from node_modules at run time; bundling them breaks the paths.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/schema-engine-wasm', 'pg'],
  poweredByHeader: false,
  // NEXT_DIST_DIR lets two builds live side by side (parallel end-to-end runs while developing)
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
