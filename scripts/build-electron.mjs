// Bundles the main process and the preload into dist/electron/ as single CommonJS files.
// Both are bundles (not tsc output) so the packaged app needs no node_modules at all, and
// because a sandboxed preload cannot `require` anything but Electron's renderer modules.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');

/** Modules a sandboxed preload may require (Electron docs, "Process Sandboxing"). */
const SANDBOXED_PRELOAD_MODULES = new Set(['electron', 'events', 'timers', 'url']);

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 ships Node 22 and a recent Chromium; node22 syntax suits both processes.
  target: 'node22',
  external: ['electron'],
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'info',
  tsconfig: path.join(root, 'electron', 'tsconfig.json'),
};

await rm(outdir, { recursive: true, force: true });

await build({
  ...common,
  entryPoints: [path.join(root, 'electron', 'main.ts')],
  outfile: path.join(outdir, 'main.cjs'),
});

const preload = await build({
  ...common,
  entryPoints: [path.join(root, 'electron', 'preload.ts')],
  outfile: path.join(outdir, 'preload.cjs'),
});

const preloadImports = Object.values(preload.metafile.outputs).flatMap((output) =>
  output.imports.filter((imported) => imported.external).map((imported) => imported.path),
);
const forbidden = preloadImports.filter((name) => !SANDBOXED_PRELOAD_MODULES.has(name));
if (forbidden.length > 0) {
  console.error(
    `preload.cjs requires modules a sandboxed preload cannot load: ${forbidden.join(', ')}`,
  );
  process.exit(1);
}
