// Every window (and every other web contents with preferences of its own) is created in one
// place, window.ts, from mainWindowOptions: a second `new BrowserWindow` added anywhere else in
// the main process fails here, before it can ship without the secure preferences.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ELECTRON_DIR = path.dirname(new URL(import.meta.url).pathname);

/** `new BrowserWindow(`, `new electron.BrowserWindow(`, `new BrowserWindowCtor(`, views too. */
const WINDOW_CONSTRUCTION =
  /\bnew\s+(?:[\w$]+\s*\.\s*)*[\w$]*(?:BrowserWindow|BrowserView|WebContentsView)[\w$]*\s*\(/g;

/** Main-process source files: everything in electron/ except tests and their fakes. */
function mainProcessSources(dir = ELECTRON_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : mainProcessSources(full);
    if (!/\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name)) return [];
    if (/\.test\.[cm]?[jt]s$/.test(entry.name)) return [];
    if (entry.name === 'fakes.ts' || entry.name === 'ipc-fixture.ts') return [];
    return [full];
  });
}

/** Where windows are constructed: file (relative to electron/) and the matched text. */
function windowConstructions(files: string[]): Array<{ file: string; code: string }> {
  return files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(WINDOW_CONSTRUCTION)].map((match) => ({
      file: path.relative(ELECTRON_DIR, file),
      code: match[0],
    })),
  );
}

describe('where windows are created', () => {
  it('the pattern finds every spelling of a window construction, and nothing else', () => {
    const found = (code: string) => [...code.matchAll(WINDOW_CONSTRUCTION)].map((m) => m[0]);
    expect(found('const w = new BrowserWindow({ show: false });')).toHaveLength(1);
    expect(found('new electron.BrowserWindow(opts)')).toHaveLength(1);
    expect(found('new  BrowserWindowCtor (options)')).toHaveLength(1);
    expect(found('new BrowserView(); new WebContentsView({})')).toHaveLength(2);
    expect(found('BrowserWindow.getAllWindows(); type T = BrowserWindow;')).toEqual([]);
  });

  it('only window.ts constructs a window, once, from mainWindowOptions', () => {
    const sources = mainProcessSources();
    // The scan reads the real tree: main.ts and window.ts must be among what it reads.
    expect(sources.map((file) => path.basename(file))).toEqual(
      expect.arrayContaining(['main.ts', 'window.ts', 'preload.ts']),
    );
    expect(windowConstructions(sources)).toEqual([
      { file: 'window.ts', code: 'new BrowserWindowCtor(' },
    ]);
    const windowTs = readFileSync(path.join(ELECTRON_DIR, 'window.ts'), 'utf8');
    expect(windowTs).toMatch(/new BrowserWindowCtor\(mainWindowOptions\(/);
  });
});
