import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

// Loaded and validated by electron-builder's own loader and JSON schema, the same code
// `electron-builder --config electron-builder.yml` runs before it packages anything.
const projectDir = path.resolve(import.meta.dirname, '..');
const load = () => getConfig(projectDir, path.join(projectDir, 'electron-builder.yml'), null);

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    await expect(
      validateConfiguration(await load(), new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('is checked for real: a misspelled fuse is refused', async () => {
    const config = await load();
    const misspelled = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(misspelled, new DebugLogger(false))).rejects.toThrow(
      /configuration/,
    );
  });

  it('flips the fuses that stop the binary being used as a Node runtime or loading other code', async () => {
    expect((await load()).electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs only the built app into an asar', async () => {
    const config = await load();
    expect(config.asar).toBe(true);
    // The loader normalizes `files` into one file set.
    const [fileSet] = config.files as [{ filter: string[] }];
    expect(fileSet.filter).toEqual(
      expect.arrayContaining([
        'dist/electron/**/*',
        'dist/renderer/**/*',
        'package.json',
        '!node_modules',
      ]),
    );
    const included = fileSet.filter.filter((pattern) => !pattern.startsWith('!'));
    for (const pattern of included)
      expect(pattern === 'package.json' || pattern.startsWith('dist/')).toBe(true);
  });

  it('points the app at the bundled main process', async () => {
    const pkg = JSON.parse(await readFile(path.join(projectDir, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('signs macOS builds with the hardened runtime and our entitlements', async () => {
    const config = await load();
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
    });
    const plist = await readFile(path.join(projectDir, 'build', 'entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]*)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('builds AppImage and deb on Linux, NSIS on Windows, dmg on macOS', async () => {
    const config = await load();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toBeTruthy();
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.directories).toMatchObject({ output: 'release', buildResources: 'build' });
  });

  it('has a 512x512 icon', async () => {
    const png = await readFile(path.join(projectDir, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('has an auto-update feed that npm run dist can never upload to', async () => {
    const config = await load();
    // electron-builder uploads to every provider but `generic`: only generic, only https.
    const publish = [config.publish].flat();
    expect(publish).toHaveLength(1);
    expect(publish[0]).toMatchObject({ provider: 'generic' });
    const url = new URL(String((publish[0] as { url: string }).url).replace(/\$\{\w+\}/g, 'x'));
    expect(url.protocol).toBe('https:');
    expect(url.hostname.endsWith('.invalid')).toBe(true);
  });
});

/** Every file electron-builder's own matcher would copy from `root` with our `files` patterns. */
async function packagedFiles(root: string, patterns: string[]): Promise<string[]> {
  const filter = new FileMatcher(root, '/', (pattern) => pattern, patterns).createFilter();
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const name of await readdir(dir)) {
      const file = path.join(dir, name);
      const info = await stat(file);
      if (!filter(file, info)) continue;
      if (info.isDirectory()) await walk(file);
      else found.push(path.relative(root, file).split(path.sep).join('/'));
    }
  };
  await walk(root);
  return found.sort();
}

describe('the packaged file list', () => {
  it('holds the built app only: no source maps, tests, sources, server code or node_modules', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'kindred-pack-'));
    const tree = [
      'package.json',
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/electron/main.cjs.map',
      'dist/renderer/index.html',
      'dist/renderer/sw.js',
      'dist/renderer/assets/index-3f2a.js',
      'dist/renderer/assets/index-3f2a.js.map',
      'dist/renderer/assets/index-3f2a.css',
      'dist/renderer/assets/thing.test.js',
      'dist/sync-server/main.js',
      'electron/main.ts',
      'electron/main.test.ts',
      'renderer/src/main.tsx',
      'shared/bridge.ts',
      'sync-server/main.ts',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/react/index.js',
      'data/kindred.sqlite',
      'docs/packaging.md',
      'release/Kindred-0.1.0.AppImage',
      'electron-builder.yml',
    ];
    try {
      for (const file of tree) {
        await mkdir(path.dirname(path.join(root, file)), { recursive: true });
        await writeFile(path.join(root, file), '');
      }
      const config = await getConfig(
        projectDir,
        path.join(projectDir, 'electron-builder.yml'),
        null,
      );
      const [fileSet] = config.files as [{ filter: string[] }];
      expect(await packagedFiles(root, fileSet.filter)).toEqual([
        'dist/electron/main.cjs',
        'dist/electron/preload.cjs',
        'dist/renderer/assets/index-3f2a.css',
        'dist/renderer/assets/index-3f2a.js',
        'dist/renderer/index.html',
        'dist/renderer/sw.js',
        'package.json',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
