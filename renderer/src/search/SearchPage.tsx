/** Search everything on the device, offline. */
export function SearchPage({ query }: { query: string }) {
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      <p className="muted">Search for “{query}” is coming soon.</p>
    </section>
  );
}
