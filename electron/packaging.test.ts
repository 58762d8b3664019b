import { readFile } from 'node:fs/promises';
import path from 'node:path';
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
    expect(config.mac?.target).toBe('dmg');
    expect(config.directories).toMatchObject({ output: 'release', buildResources: 'build' });
  });

  it('has a 512x512 icon', async () => {
    const png = await readFile(path.join(projectDir, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
