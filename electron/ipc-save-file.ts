// The main process's half of `saveFile`: the native save dialog, then the write. The renderer
// only ever names a file; the folder (and so the path written) is the user's own choice.
import path from 'node:path';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { BridgeResult, SaveFileOutcome, SaveFileRequest } from '../shared/bridge';
import { writeFileAtomic } from './atomic-file';

export interface SaveFileDeps {
  /** `dialog.showSaveDialog`, attached to the app's window where there is one. */
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  /** The folder the dialog opens in (the user's documents). */
  defaultDir(): string;
  /** Defaults to an atomic write: an export is never left half written. */
  writeFile?(file: string, text: string): Promise<void>;
}

/** Asks where to save `request.text`, then writes it there; a value for every outcome. */
export async function saveFile(
  request: SaveFileRequest,
  deps: SaveFileDeps,
): Promise<BridgeResult<SaveFileOutcome>> {
  const chosen = await deps.showSaveDialog({
    defaultPath: path.join(deps.defaultDir(), request.suggestedName),
    filters: request.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (chosen.canceled || !chosen.filePath) return { ok: true, value: 'cancelled' };
  try {
    await (deps.writeFile ?? writeFileAtomic)(chosen.filePath, request.text);
  } catch {
    // The path is the user's and the text is their journal: neither goes to a log.
    return { ok: false, error: 'write-failed' };
  }
  return { ok: true, value: 'saved' };
}
