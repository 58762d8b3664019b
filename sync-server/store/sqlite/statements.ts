import type { Database, Statement } from 'better-sqlite3';

export interface DocRow {
  collection: string;
  id: string;
  seq: number;
  owner_id: string | null;
  body: string;
  /** JSON array of the row's channels */
  channels: string;
}

type StatementName =
  | 'nextSeq'
  | 'upsertDoc'
  | 'deleteChannels'
  | 'insertChannel'
  | 'getDoc'
  | 'getRow'
  | 'postsByThread'
  | 'ownedBy'
  | 'anyDoc'
  | 'pullChannel'
  | 'pullOwn'
  | 'insertAudit'
  | 'listAudit'
  | 'listAuditByKind'
  | 'insertUser'
  | 'userByName'
  | 'userById'
  | 'insertSession'
  | 'sessionUser'
  | 'revokeSession'
  | 'countFailures'
  | 'insertFailure'
  | 'pruneFailures'
  | 'clearFailures'
  | 'hitRateLimit'
  | 'pruneRateLimits'
  | 'ping';

const CHANNELS_OF = (alias: string) => `(
  SELECT json_group_array(channel) FROM document_channels
  WHERE collection = ${alias}.collection AND id = ${alias}.id) AS channels`;

const USER_COLUMNS = `user_id AS userId, username_key AS usernameKey,
  display_name AS displayName, password_hash AS passwordHash, created_at AS createdAt`;

/** Every statement of the SQLite store, prepared once per connection. */
export function prepareStatements(db: Database): Record<StatementName, Statement> {
  return {
    nextSeq: db.prepare("UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value"),
    upsertDoc: db.prepare(`
      INSERT INTO documents (collection, id, seq, owner_id, deleted, body)
      VALUES (@collection, @id, @seq, @owner_id, @deleted, @body)
      ON CONFLICT (collection, id) DO UPDATE SET
        seq = excluded.seq, owner_id = excluded.owner_id,
        deleted = excluded.deleted, body = excluded.body`),
    deleteChannels: db.prepare('DELETE FROM document_channels WHERE collection = ? AND id = ?'),
    insertChannel: db.prepare(
      'INSERT OR IGNORE INTO document_channels (collection, id, channel, seq) VALUES (?, ?, ?, ?)',
    ),
    getDoc: db.prepare('SELECT body FROM documents WHERE collection = ? AND id = ?'),
    getRow: db.prepare(`
      SELECT d.collection, d.id, d.seq, d.owner_id, d.body, ${CHANNELS_OF('d')}
      FROM documents AS d WHERE d.collection = ? AND d.id = ?`),
    // Matches the partial index documents_posts_by_thread exactly.
    postsByThread: db.prepare(`
      SELECT body FROM documents
      WHERE collection = 'posts' AND json_extract(body, '$.threadId') = ? ORDER BY seq`),
    ownedBy: db.prepare(
      'SELECT body FROM documents WHERE collection = ? AND owner_id = ? ORDER BY seq',
    ),
    anyDoc: db.prepare('SELECT 1 FROM documents LIMIT 1'),
    // Visibility is decided here, before LIMIT. The store asks each of the reader's channels
    // (and their own documents) for its next `limit` rows past their position — each an index
    // range scan that stops after `limit` rows — and merges them: the first `limit` of the
    // merge are the page. (One query over all channels had to sort every remaining row before
    // its LIMIT, so each page of a first sync cost in proportion to what was left.)
    pullChannel: db.prepare(`
      SELECT id, seq FROM document_channels
      WHERE collection = @collection AND channel = @channel AND seq > @position
      ORDER BY seq LIMIT @limit`),
    pullOwn: db.prepare(`
      SELECT id, seq FROM documents
      WHERE collection = @collection AND owner_id = @owner AND seq > @position
      ORDER BY seq LIMIT @limit`),

    insertAudit: db.prepare(`
      INSERT INTO audit_log (at, kind, user_id, subject, detail)
      VALUES (@at, @kind, @userId, @subject, @detail)`),
    listAudit: db.prepare(`
      SELECT at, kind, user_id AS userId, subject, detail FROM audit_log
      ORDER BY n DESC LIMIT ?`),
    listAuditByKind: db.prepare(`
      SELECT at, kind, user_id AS userId, subject, detail FROM audit_log
      WHERE kind = ? ORDER BY n DESC LIMIT ?`),

    insertUser: db.prepare(`
      INSERT INTO users (user_id, username_key, display_name, password_hash, created_at)
      VALUES (@userId, @usernameKey, @displayName, @passwordHash, @createdAt)`),
    userByName: db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE username_key = ?`),
    userById: db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = ?`),
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
    // One statement, so the read-and-increment is atomic even with a second process on the file.
    hitRateLimit: db.prepare(`
      INSERT INTO rate_limits (key, count, reset_at) VALUES (@key, 1, @now + @windowMs)
      ON CONFLICT (key) DO UPDATE SET
        count    = CASE WHEN reset_at <= @now THEN 1 ELSE count + 1 END,
        reset_at = CASE WHEN reset_at <= @now THEN @now + @windowMs ELSE reset_at END
      RETURNING count, reset_at AS resetAt`),
    pruneRateLimits: db.prepare('DELETE FROM rate_limits WHERE reset_at <= ?'),
    ping: db.prepare('SELECT 1'),
  };
}
