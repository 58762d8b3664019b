import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_PORT, APP_URL, SERVER_PORT, SERVER_URL } from './ports';

// The renderer's production build (vite preview) against a real sync server on a fresh SQLite
// file, in Debian's Chromium: Playwright never downloads browsers on our machines.
// Made once by the runner; its workers inherit it (tests run the admin command on this file).
process.env.KINDRED_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'kindred-e2e-'));
const dataDir = process.env.KINDRED_E2E_DATA_DIR;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `npx tsx sync-server/main.ts --port ${SERVER_PORT} --db ${join(dataDir, 'kindred.sqlite')} --seed demo`,
      url: `${SERVER_URL}/api/v1/health`,
      cwd: '..',
      env: {
        KINDRED_CORS_ORIGINS: APP_URL,
        KINDRED_LOG_LEVEL: 'warn',
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
    {
      command: `npx vite preview --config renderer/vite.config.ts --port ${APP_PORT} --strictPort`,
      url: APP_URL,
      cwd: '..',
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
