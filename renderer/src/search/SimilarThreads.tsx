/**
 * "Others asked about this": while a new thread is being written, existing threads that share
 * its distinctive words, so the writer can read or join them instead of asking again.
 */
import { useEffect, useMemo, useState } from 'react';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';

const WAIT_MS = 400;
/** The title and the start of the message say what a thread is about. */
const BODY_WORDS = 40;

export function SimilarThreads({ title, body }: { title: string; body: string }) {
  const { search } = useServices();
  const text = `${title} ${body.split(/\s+/).slice(0, BODY_WORDS).join(' ')}`.trim();
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), WAIT_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const hits = useMemo(
    () =>
      settled.length < 8
        ? []
        : search
            .search(settled, { mode: 'similar', filters: { kinds: ['thread'] }, limit: 5 })
            // One shared word is chance; two start to be a topic.
            .filter((h) => h.terms.length >= 2),
    [search, settled],
  );
  if (hits.length === 0) return null;
  return (
    <aside className="similar-threads" aria-labelledby="similar-threads-title">
      <h2 id="similar-threads-title">Others asked about this</h2>
      <ul>
        {hits.map((hit) => (
          <li key={hit.key}>
            <a href={hrefFor({ name: 'thread', threadId: hit.docId })}>{hit.title}</a>
          </li>
        ))}
      </ul>
    </aside>
  );
}
