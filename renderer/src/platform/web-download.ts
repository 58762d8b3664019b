/**
 * Saving a file from a plain browser: an `<a download>` click. The browser decides where the
 * file goes (or asks), and the page never learns whether the user kept it.
 */
const TYPES: Record<string, string> = {
  md: 'text/markdown',
  json: 'application/json',
  txt: 'text/plain',
};

/** The MIME type for a file name's extension; plain text when unknown. */
export function typeForName(filename: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  return `${TYPES[extension] ?? 'text/plain'};charset=utf-8`;
}

export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: typeForName(filename) }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
