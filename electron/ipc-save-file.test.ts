import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC } from '../shared/bridge';
import { APP_PAGE, setUp } from './ipc-fixture';
import { saveFile } from './ipc-save-file';

const REQUEST = {
  suggestedName: 'kindred-journal-2025-03-04.md',
  text: '# 2025-03-04 — Rough week\n\nShort walks helped.\n',
  filters: [{ name: 'Markdown', extensions: ['md'] }],
};

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kindred-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The native dialog, answering as a user would. */
function dialogAnswering(answer: { canceled: boolean; filePath?: string }) {
  return vi.fn(async () => ({ canceled: answer.canceled, filePath: answer.filePath ?? '' }));
}

describe('saving a file through the save dialog', () => {
  it('offers the suggested name in the documents folder, then writes the text where the user chose', async () => {
    const chosen = path.join(dir, 'my journal.md');
    const showSaveDialog = dialogAnswering({ canceled: false, filePath: chosen });
    const result = await saveFile(REQUEST, { showSaveDialog, defaultDir: () => '/home/ana/Docs' });
    expect(result).toEqual({ ok: true, value: 'saved' });
    expect(showSaveDialog).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({
        defaultPath: path.join('/home/ana/Docs', REQUEST.suggestedName),
        filters: REQUEST.filters,
      }),
    );
    expect(await readFile(chosen, 'utf8')).toBe(REQUEST.text);
    // Written atomically: no temporary file is left beside it.
    expect(await readdir(dir)).toEqual(['my journal.md']);
  });

  it('writes nothing when the user cancels the dialog', async () => {
    const writeFile = vi.fn(async () => undefined);
    const result = await saveFile(REQUEST, {
      showSaveDialog: dialogAnswering({ canceled: true }),
      defaultDir: () => dir,
      writeFile,
    });
    expect(result).toEqual({ ok: true, value: 'cancelled' });
    expect(writeFile).not.toHaveBeenCalled();
    expect(await readdir(dir)).toEqual([]);
  });

  it('a place that cannot be written is reported as write-failed, not thrown', async () => {
    // A file stands where the chosen folder should be: nothing can be written inside it.
    await writeFile(path.join(dir, 'blocker'), '');
    const showSaveDialog = dialogAnswering({
      canceled: false,
      filePath: path.join(dir, 'blocker', 'export.md'),
    });
    expect(await saveFile(REQUEST, { showSaveDialog, defaultDir: () => dir })).toEqual({
      ok: false,
      error: 'write-failed',
    });
  });
});

describe('the saveFile IPC handler', () => {
  it('passes the parsed request to the dialog and the write, and answers saved', async () => {
    const fake = setUp();
    expect(await fake.invoke(IPC.saveFile, APP_PAGE, REQUEST)).toEqual({
      ok: true,
      value: 'saved',
    });
    expect(fake.files.writeFile).toHaveBeenCalledExactlyOnceWith(
      '/home/ana/export.md',
      REQUEST.text,
    );
  });

  it('answers cancelled when the user closes the dialog, and writes nothing', async () => {
    const fake = setUp();
    fake.files.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await fake.invoke(IPC.saveFile, APP_PAGE, REQUEST)).toEqual({
      ok: true,
      value: 'cancelled',
    });
    expect(fake.files.writeFile).not.toHaveBeenCalled();
  });

  it('a dialog that throws becomes unavailable, never an exception', async () => {
    const fake = setUp();
    fake.files.showSaveDialog.mockRejectedValueOnce(new Error('no display'));
    expect(await fake.invoke(IPC.saveFile, APP_PAGE, REQUEST)).toEqual({
      ok: false,
      error: 'unavailable',
    });
  });
});
