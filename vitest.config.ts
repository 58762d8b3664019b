import { defineConfig } from 'vitest/config';

// Unit and integration tests of every part run in Node: the server over real HTTP on real
// SQLite files, the renderer's data layer on fake-indexeddb, the Electron main-process logic
// with fakes (the Electron binary cannot run on our build machines). The UI is tested end to
// end in Chromium by Playwright (e2e/), not here.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['{shared,sync-server,renderer,electron,scripts}/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
