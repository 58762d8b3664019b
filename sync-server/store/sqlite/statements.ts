import type { Database, Statement } from 'better-sqlite3';

export interface DocRow {
  collection: string;
  id: string;
  seq: number;
  channel: string;
  owner_id: string | null;
  body: string;
}

type StatementName =
  | 'nextSeq'
  | 'upsertDoc'
  | 'getDoc'
  | 'anyDoc'
  | 'activeCommunities'
  | 'pull'
  | 'insertUser'
  | 'userByName'
  | 'userById'
  | 'insertSession'
  | 'sessionUser'
  | 'revokeSession'
  | 'countFailures'
  | 'insertFailure'
  | 'pruneFailures'
  | 'clearFailures';

const DOC_COLUMNS = 'collection, id, seq, channel, owner_id, body';

/** Every statement of the SQLite store, prepared once per connection. */
export function prepareStatements(db: Database): Record<StatementName, Statement> {
  return {
    nextSeq: db.prepare("UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value"),
    upsertDoc: db.prepare(`
      INSERT INTO documents (collection, id, seq, channel, owner_id, deleted, body)
      VALUES (@collection, @id, @seq, @channel, @owner_id, @deleted, @body)
      ON CONFLICT (collection, id) DO UPDATE SET
        seq = excluded.seq, channel = excluded.channel, owner_id = excluded.owner_id,
        deleted = excluded.deleted, body = excluded.body`),
    getDoc: db.prepare('SELECT body FROM documents WHERE collection = ? AND id = ?'),
    anyDoc: db.prepare('SELECT 1 FROM documents LIMIT 1'),
    // A membership row is owned by its user, so the owner index finds a user's communities.
    activeCommunities: db.prepare(`
      SELECT json_extract(body, '$.communityId') AS community_id FROM documents
      WHERE collection = 'memberships' AND owner_id = ? AND deleted = 0
        AND json_extract(body, '$.status') = 'active'`),
    // Visibility is decided here, before LIMIT: each channel part is an index range scan
    // (collection, channel, seq > position); the owner part likewise. UNION drops a row that
    // matches both parts.
    pull: db.prepare(`
      SELECT ${DOC_COLUMNS} FROM (
        SELECT ${DOC_COLUMNS.split(', ')
          .map((c) => `d.${c}`)
          .join(', ')}
        FROM json_each(@channels) AS c
        JOIN documents AS d
          ON d.collection = @collection AND d.channel = c.key AND d.seq > c.value
        UNION
        SELECT ${DOC_COLUMNS} FROM documents
        WHERE collection = @collection AND owner_id = @owner AND seq > @ownPos
      )
      ORDER BY seq
      LIMIT @limit`),

    insertUser: db.prepare(`
      INSERT INTO users (user_id, username_key, display_name, password_hash, created_at)
      VALUES (@userId, @usernameKey, @displayName, @passwordHash, @createdAt)`),
    userByName: db.prepare(`
      SELECT user_id AS userId, username_key AS usernameKey, display_name AS displayName,
             password_hash AS passwordHash, created_at AS createdAt
      FROM users WHERE username_key = ?`),
    userById: db.prepare(`
      SELECT user_id AS userId, username_key AS usernameKey, display_name AS displayName,
             password_hash AS passwordHash, created_at AS createdAt
      FROM users WHERE user_id = ?`),
    insertSession: db.prepare(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    sessionUser: db.prepare(
      'SELECT user_id FROM sessions WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?',
    ),
    revokeSession: db.prepare(
      'UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL',
    ),
    countFailures: db.prepare(
      'SELECT COUNT(*) AS n FROM login_failures WHERE username_key = ? AND at > ?',
    ),
    insertFailure: db.prepare('INSERT INTO login_failures (username_key, at) VALUES (?, ?)'),
    pruneFailures: db.prepare('DELETE FROM login_failures WHERE username_key = ? AND at < ?'),
    clearFailures: db.prepare('DELETE FROM login_failures WHERE username_key = ?'),
  };
}
