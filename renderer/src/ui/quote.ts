/** Turns a passage into a Markdown quote with its author, ready to go above a reply. */
export function quoteMarkdown(passage: string, author: string): string {
  const lines = passage.trim().split(/\r?\n/);
  return `> **${author}** wrote:\n${lines.map((line) => `> ${line}`).join('\n')}\n\n`;
}

/** The text selected inside `container`, or null when the selection is elsewhere or empty. */
export function selectedTextWithin(container: HTMLElement | null): string | null {
  const selection = window.getSelection();
  if (!container || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.commonAncestorContainer)) return null;
  const text = selection.toString().trim();
  return text || null;
}

/** The `@partial` being typed just before the caret, if any. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([\p{L}\p{N}._-]{0,40})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}
