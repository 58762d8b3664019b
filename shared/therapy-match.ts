/**
 * Finds the therapies a text talks about, by generic name or any brand name or alias, so that
 * "Keytruda" and "pembrolizumab" both mean the same therapy. Pure: used by the composer's
 * suggestions and by search's alias expansion.
 */
export interface NamedTherapy {
  id: string;
  name: string;
  aliases: string[];
}

/** Lower case, accents removed: "Rémicade" and "remicade" are the same word. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Therapy ids mentioned in `text`, in catalog order, each once. */
export function therapiesMentioned(text: string, therapies: readonly NamedTherapy[]): string[] {
  const folded = foldText(text);
  const found: string[] = [];
  for (const therapy of therapies) {
    const names = [therapy.name, ...therapy.aliases].map(foldText).filter((n) => n.length >= 3);
    const mentioned = names.some((name) =>
      new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name)}($|[^\\p{L}\\p{N}])`, 'u').test(folded),
    );
    if (mentioned) found.push(therapy.id);
  }
  return found;
}

/** Every name a therapy goes by, for expanding a search for one of them. */
export function namesOfTherapiesMatching(
  term: string,
  therapies: readonly NamedTherapy[],
): string[] {
  const folded = foldText(term.trim());
  if (!folded) return [];
  const hits = therapies.filter((t) => [t.name, ...t.aliases].some((n) => foldText(n) === folded));
  return hits.flatMap((t) => [t.name, ...t.aliases]);
}
