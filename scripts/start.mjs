#!/usr/bin/env node
/**
 * `npm start`: build, start the local sync server (SQLite with demo data), open the desktop app.
 * `npm run web` (or no Electron binary on this machine): the same, with the renderer served
 * at http://127.0.0.1:4173 for a browser instead of the desktop window.
 *
 * Every child process is stopped when this script is (Ctrl+C), and the script stops when the
 * app window is closed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const wantWeb = process.argv.includes('--web');
const children = new Set();

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function start(command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: options.stdio ?? 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, ...options.env },
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function stopAll(code = 0) {
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

/** Starts the sync server and resolves with its URL once it prints its ready line. */
function startServer() {
  return new Promise((resolve) => {
    const server = start('npx', ['tsx', 'sync-server/main.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let resolved = false;
    server.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
      if (match && !resolved) {
        resolved = true;
        resolve(match[1]);
      }
    });
    server.on('exit', (code) => {
      if (!resolved) {
        console.error(
          `The sync server stopped (code ${code}). If another Kindred server already runs on port 8787, the app will use it.`,
        );
        resolved = true;
        resolve(null);
      }
    });
  });
}

function electronPath() {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const installed = () =>
    existsSync(pathFile) && existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8')));
  if (!installed()) {
    // Electron downloads its binary on first use; machines that cannot reach it get the web app.
    console.log('Fetching the Electron binary (first start only)…');
    const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    if (result.status !== 0 || !installed()) return null;
  }
  return join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
}

run('npm', ['run', '--silent', 'build:renderer']);
const serverUrl = await startServer();
if (serverUrl) console.log(`Sync server ready at ${serverUrl} (data in ./data/kindred.sqlite)`);

const electron = wantWeb
  ? null
  : (run('npm', ['run', '--silent', 'build:electron']), electronPath());
if (electron) {
  const app = start(electron, ['.']);
  app.on('exit', (code) => stopAll(code ?? 0));
} else {
  if (!wantWeb) {
    console.log(
      '\nThe Electron binary is not available on this machine, so Kindred opens as a web app instead.',
    );
  }
  const preview = start('npx', ['vite', 'preview', '--config', 'renderer/vite.config.ts']);
  preview.on('exit', (code) => stopAll(code ?? 0));
  console.log(
    '\nKindred is running at http://127.0.0.1:4173 — open it in Chromium or Chrome. Ctrl+C stops it.\n',
  );
}
