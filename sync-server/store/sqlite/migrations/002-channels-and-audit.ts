import type { Database } from 'better-sqlite3';

/**
 * Version 2: a row may sit in several channels (a thread shared to therapy pages is in its
 * community and in each therapy's channel), so channels move to their own table; lookups of a
 * thread's posts get an index; and an append-only audit table.
 *
 * Rows written by version 1 keep their one channel, then the two placements that version 2
 * adds are derived here once, in SQL, mirroring sync/placement.ts: a profile is visible in the
 * communities where its user is active, and a shared thread (with its posts) in its therapies'
 * channels. No client holds a position in those channels yet, so their old seqs are enough.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE document_channels (
      collection TEXT    NOT NULL,
      id         TEXT    NOT NULL,
      channel    TEXT    NOT NULL,
      -- always the document's current seq: re-placing a row renumbers its channels
      seq        INTEGER NOT NULL,
      PRIMARY KEY (collection, id, channel)
    );
    CREATE INDEX document_channels_by_channel ON document_channels (collection, channel, seq);

    INSERT INTO document_channels (collection, id, channel, seq)
      SELECT collection, id, channel, seq FROM documents WHERE collection <> 'profiles';

    INSERT OR IGNORE INTO document_channels (collection, id, channel, seq)
      SELECT 'profiles', p.id, 'community:' || json_extract(m.body, '$.communityId'), p.seq
      FROM documents AS p
      JOIN documents AS m
        ON m.collection = 'memberships' AND m.owner_id = p.id AND m.deleted = 0
       AND json_extract(m.body, '$.status') = 'active'
      WHERE p.collection = 'profiles';

    CREATE TEMP TABLE shared_threads AS
      SELECT t.id AS thread_id, 'therapy:' || therapy.value AS channel
      FROM documents AS t
      JOIN documents AS c
        ON c.collection = 'communities' AND c.id = json_extract(t.body, '$.communityId')
      JOIN json_each(json_extract(t.body, '$.therapyIds')) AS therapy
      WHERE t.collection = 'threads'
        AND json_extract(t.body, '$.shareToTherapyPages') = 1
        AND json_extract(c.body, '$.allowTherapySharing') = 1
        AND c.deleted = 0;
    INSERT OR IGNORE INTO document_channels (collection, id, channel, seq)
      SELECT 'threads', t.id, s.channel, t.seq
      FROM shared_threads AS s JOIN documents AS t ON t.collection = 'threads' AND t.id = s.thread_id;
    INSERT OR IGNORE INTO document_channels (collection, id, channel, seq)
      SELECT 'posts', p.id, s.channel, p.seq
      FROM shared_threads AS s
      JOIN documents AS p
        ON p.collection = 'posts' AND json_extract(p.body, '$.threadId') = s.thread_id;
    DROP TABLE shared_threads;

    DROP INDEX documents_by_channel;
    ALTER TABLE documents DROP COLUMN channel;

    CREATE INDEX documents_posts_by_thread
      ON documents (json_extract(body, '$.threadId')) WHERE collection = 'posts';

    -- Append-only: sign-ins, refusals, moderation and role changes. Ids and codes, never content.
    CREATE TABLE audit_log (
      n       INTEGER PRIMARY KEY AUTOINCREMENT,
      at      INTEGER NOT NULL,
      kind    TEXT    NOT NULL,
      user_id TEXT,
      subject TEXT    NOT NULL,
      detail  TEXT    NOT NULL
    );
    CREATE INDEX audit_log_by_kind ON audit_log (kind, n);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `);
}
