import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonFile, serialQueue, writeFileAtomic, writeFileAtomicSync } from './atomic-file';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kindred-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomic files', () => {
  it('a reader always sees a whole file: old or new, never a mix, never a temp file left', async () => {
    const file = path.join(dir, 'state.json');
    const versions = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ i, pad: 'x'.repeat(i * 500) }),
    );
    await writeFileAtomic(file, versions[0] as string);
    const seen = new Set<string>();
    let writing = true;
    const reader = (async () => {
      while (writing) seen.add(await readFile(file, 'utf8'));
    })();
    for (const version of versions) await writeFileAtomic(file, version);
    writing = false;
    await reader;
    for (const content of seen) expect(versions).toContain(content);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('files are private to the user', async () => {
    const file = path.join(dir, 'nested', 'secret.json');
    await writeFileAtomic(file, '{}');
    writeFileAtomicSync(path.join(dir, 'sync.json'), '{}');
    if (process.platform !== 'win32') {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(path.join(dir, 'sync.json'))).mode & 0o777).toBe(0o600);
    }
  });

  it('readJsonFile: missing is undefined, garbage is null', async () => {
    expect(await readJsonFile(path.join(dir, 'none.json'))).toBeUndefined();
    await writeFile(path.join(dir, 'bad.json'), '{');
    expect(await readJsonFile(path.join(dir, 'bad.json'))).toBeNull();
  });

  it('serialQueue runs tasks in order and keeps going after a failure', async () => {
    const run = serialQueue();
    const order: number[] = [];
    const slow = run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push(1);
    });
    const failing = run(async () => {
      throw new Error('boom');
    });
    const last = run(async () => void order.push(3));
    await Promise.all([slow, failing.catch(() => undefined), last]);
    expect(order).toEqual([1, 3]);
  });
});
