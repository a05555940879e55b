import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { e2eOidc } from './e2e/support/oidc';

// End-to-end tests drive Debian's Chromium against a production build (next build + next start)
// on a fresh embedded database seeded with the demo workspace (scripts/e2e-server.ts).
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const port = Number(process.env.E2E_PORT ?? 3210);
const emptyPort = port + 1;
// the OpenID Connect provider the demo server offers single sign-on with (e2e/sso.spec.ts)
const oidc = e2eOidc(port);

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? './test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // signed in as the demo manager; a spec that needs someone else (or nobody) says so
    storageState: 'e2e/.auth/manager.json',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
  webServer: [
    {
      // listed first: the demo server reads its discovery document
      command: `tsx scripts/e2e-oidc-provider.ts`,
      url: `${oidc.issuer}/.well-known/openid-configuration`,
      env: { E2E_PORT: String(port) },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: `tsx --conditions=react-server scripts/e2e-server.ts`,
      url: `http://127.0.0.1:${port}/api/health`,
      env: {
        E2E_PORT: String(port),
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
        OIDC_NAME: oidc.name,
        // e2e/webhooks.spec.ts's receiver listens on 127.0.0.1
        WEBHOOKS_ALLOW_PRIVATE: 'true',
        ...(process.env.E2E_DATA_DIR ? { E2E_DATA_DIR: process.env.E2E_DATA_DIR } : {}),
        ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
      },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // an empty workspace (no users): the first-run test creates its admin here
      command: `tsx --conditions=react-server scripts/e2e-server.ts`,
      url: `http://127.0.0.1:${emptyPort}/api/health`,
      env: {
        E2E_PORT: String(emptyPort),
        E2E_SEED_DEMO: 'false',
        E2E_DATA_DIR: `${process.env.E2E_DATA_DIR ?? 'e2e/.data'}-empty`,
        ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
      },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
