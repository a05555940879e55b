// @ts-check
// JavaScript, not TypeScript: `next start` would load the SWC compiler (~25 MB of resident memory
// for the server's whole life) only to read a next.config.ts (docs/decisions/026-server-heap.md).

// Paths whose clients send both spellings (with and without a trailing slash) and do not follow
// redirects on POST/PUT (HubSpot legacy v1 clients): both are answered directly, never with a 308.
const BOTH_SPELLINGS_PREFIXES = ['api/hubspot'];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its .wasm/.data files from node_modules at run time; bundling them breaks the paths.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/schema-engine-wasm', 'pg', 'pg-boss', 'standardwebhooks'],
  poweredByHeader: false,
  // Settings → Import uploads CSV files through server actions (lib/actions/imports.ts): up to the
  // import's own limit (lib/services/imports/import-options.ts), not the default 1 MB
  experimental: { serverActions: { bodySizeLimit: '50mb' } },
  // NEXT_DIST_DIR lets two builds live side by side (parallel end-to-end runs while developing)
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Next's built-in trailing-slash redirect runs before any rewrite and cannot exempt a path, so it is
  // turned off here and re-created below as an ordinary redirect for every other path.
  skipTrailingSlashRedirect: true,
  // hardened defaults on every answer (pages also get a nonce-based Content-Security-Policy from proxy.ts)
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
  async redirects() {
    const exempt = BOTH_SPELLINGS_PREFIXES.map((prefix) => `${prefix}(?:/|$)`).join('|');
    return [
      // what Next does by default (trailingSlash: false): /about/ → 308 /about (segments matched the
      // way Next's own trailing-slash rules match them)
      { source: `/:path((?!${exempt})(?:[^/]+/)*[^/]+)/`, destination: '/:path', permanent: true },
    ];
  },
};

export default nextConfig;
