/**
 * Saving what the journal makes (exports, the recovery key) as a file: the desktop's save
 * dialog through the bridge, a download in a browser. Either way the words shown are ours.
 */
import type { BridgeResult, SaveFileFilter, SaveFileOutcome } from '../../../shared/bridge';
import { getBridge } from '../platform/bridge';

export type TextFileKind = 'markdown' | 'json' | 'text';

const FILTERS: Record<TextFileKind, SaveFileFilter[]> = {
  markdown: [{ name: 'Markdown', extensions: ['md'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
  text: [{ name: 'Text', extensions: ['txt'] }],
};

export function saveTextFile(
  suggestedName: string,
  text: string,
  kind: TextFileKind,
): Promise<BridgeResult<SaveFileOutcome>> {
  return getBridge().saveFile({ suggestedName, text, filters: FILTERS[kind] });
}

/** What to tell the user after a save; null when there is nothing to say (they cancelled). */
export function saveOutcomeText(result: BridgeResult<SaveFileOutcome>): {
  error: boolean;
  text: string;
} | null {
  if (result.ok) return result.value === 'saved' ? { error: false, text: 'Saved.' } : null;
  return result.error === 'write-failed'
    ? { error: true, text: 'The file could not be saved there. Please choose another folder.' }
    : { error: true, text: 'The file could not be saved.' };
}
