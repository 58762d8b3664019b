/** The private health journal (sealed on the device, end-to-end when synced). */
export function JournalPage() {
  return (
    <section aria-labelledby="journal-title">
      <h1 id="journal-title">Journal</h1>
      <p className="muted">Your private journal is coming soon.</p>
    </section>
  );
}
