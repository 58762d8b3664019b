/**
 * Every statement of the PostgreSQL store. Parameters are numbered ($1...); each constant
 * documents its parameters in order.
 */

/** The columns of a stored row, with its channels as a text[] (see toStoredRow). */
const ROW_COLUMNS = `d.collection, d.id, d.seq, d.owner_id, d.body,
  ARRAY(SELECT c.channel FROM document_channels AS c
        WHERE c.collection = d.collection AND c.id = d.id ORDER BY c.channel) AS channels`;

const USER_COLUMNS = `user_id AS "userId", username_key AS "usernameKey",
  display_name AS "displayName", password_hash AS "passwordHash", created_at AS "createdAt"`;

export const SQL = {
  /**
   * Taken first in every write transaction and held until it ends: the lock that makes seq
   * order commit order, and makes write transactions run one at a time (as SQLite's
   * BEGIN IMMEDIATE does), so a push's compare-then-write cannot interleave with another.
   */
  lockSeq: "SELECT value FROM counters WHERE name = 'seq' FOR UPDATE",
  /** $1 the last seq the transaction used */
  saveSeq: "UPDATE counters SET value = $1 WHERE name = 'seq'",

  /**
   * One round trip per written row: $1 collection, $2 id, $3 seq, $4 owner, $5 deleted,
   * $6 body (JSON text), $7 channels. The DELETE and the upsert touch disjoint channel rows, so
   * they can run in one statement (they see the same snapshot).
   */
  writeRow: `
    WITH doc AS (
      INSERT INTO documents (collection, id, seq, owner_id, deleted, body)
      VALUES ($1, $2, $3, $4, $5, $6::json)
      ON CONFLICT (collection, id) DO UPDATE SET
        seq = excluded.seq, owner_id = excluded.owner_id,
        deleted = excluded.deleted, body = excluded.body
      RETURNING 1
    ), gone AS (
      DELETE FROM document_channels
      WHERE collection = $1 AND id = $2 AND channel <> ALL ($7::text[])
    )
    INSERT INTO document_channels (collection, id, channel, seq)
    SELECT $1, $2, channel, $3 FROM unnest($7::text[]) AS channel
    ON CONFLICT (collection, id, channel) DO UPDATE SET seq = excluded.seq`,

  /** $1 collection, $2 id */
  getDoc: 'SELECT body FROM documents WHERE collection = $1 AND id = $2',
  /** $1 collection, $2 id */
  getRow: `SELECT ${ROW_COLUMNS} FROM documents AS d WHERE d.collection = $1 AND d.id = $2`,
  /** $1 thread id; matches the partial index documents_posts_by_thread */
  postsByThread: `SELECT body FROM documents
    WHERE collection = 'posts' AND body ->> 'threadId' = $1 ORDER BY seq`,
  /** $1 collection, $2 owner */
  ownedBy: 'SELECT body FROM documents WHERE collection = $1 AND owner_id = $2 ORDER BY seq',
  anyDoc: 'SELECT 1 FROM documents LIMIT 1',

  /**
   * Visibility decided before LIMIT, as in SQLite: $1 collection, $2 channels, $3 their
   * positions, $4 owner, $5 own position, $6 limit. Each channel is an index range scan of
   * document_channels (collection, channel, seq > position) cut at the limit; a row in several
   * of the reader's channels is one (id, seq) pair, which UNION keeps once.
   */
  pull: `
    WITH hits AS (
      SELECT h.id, h.seq
      FROM unnest($2::text[], $3::bigint[]) AS p (channel, position)
      CROSS JOIN LATERAL (
        SELECT l.id, l.seq FROM document_channels AS l
        WHERE l.collection = $1 AND l.channel = p.channel AND l.seq > p.position
        ORDER BY l.seq LIMIT $6
      ) AS h
      UNION
      (SELECT id, seq FROM documents
       WHERE collection = $1 AND owner_id = $4 AND seq > $5 ORDER BY seq LIMIT $6)
    ),
    page AS (SELECT id, seq FROM hits ORDER BY seq LIMIT $6)
    SELECT ${ROW_COLUMNS}
    FROM page JOIN documents AS d ON d.collection = $1 AND d.id = page.id
    ORDER BY d.seq`,

  /** $1 at, $2 kind, $3 user, $4 subject, $5 detail (JSON text) */
  insertAudit: `INSERT INTO audit_log (at, kind, user_id, subject, detail)
    VALUES ($1, $2, $3, $4, $5::json)`,
  /** $1 limit */
  listAudit: `SELECT at, kind, user_id AS "userId", subject, detail FROM audit_log
    ORDER BY n DESC LIMIT $1`,
  /** $1 kind, $2 limit */
  listAuditByKind: `SELECT at, kind, user_id AS "userId", subject, detail FROM audit_log
    WHERE kind = $1 ORDER BY n DESC LIMIT $2`,

  /** $1 user id, $2 username key, $3 display name, $4 password hash, $5 created at */
  insertUser: `INSERT INTO users (user_id, username_key, display_name, password_hash, created_at)
    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username_key) DO NOTHING RETURNING 1`,
  userByName: `SELECT ${USER_COLUMNS} FROM users WHERE username_key = $1`,
  userById: `SELECT ${USER_COLUMNS} FROM users WHERE user_id = $1`,
  /** $1 token hash, $2 user, $3 created at, $4 expires at */
  insertSession:
    'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
  /** $1 token hash, $2 now */
  sessionUser: `SELECT user_id FROM sessions
    WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
  /** $1 now, $2 token hash */
  revokeSession: 'UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL',

  /** $1 username key, $2 since */
  countFailures:
    'SELECT COUNT(*)::int AS n FROM login_failures WHERE username_key = $1 AND at > $2',
  /** $1 username key, $2 at, $3 prune before: keeps the table small, as in SQLite */
  recordFailure: `
    WITH pruned AS (DELETE FROM login_failures WHERE username_key = $1 AND at < $3)
    INSERT INTO login_failures (username_key, at) VALUES ($1, $2)`,
  /** $1 username key */
  clearFailures: 'DELETE FROM login_failures WHERE username_key = $1',

  /** $1 key, $2 now, $3 window; the row lock of ON CONFLICT makes concurrent hits count once each */
  hitRateLimit: `
    INSERT INTO rate_limits AS r (key, count, reset_at) VALUES ($1, 1, $2::bigint + $3::bigint)
    ON CONFLICT (key) DO UPDATE SET
      count    = CASE WHEN r.reset_at <= $2::bigint THEN 1 ELSE r.count + 1 END,
      reset_at = CASE WHEN r.reset_at <= $2::bigint THEN $2::bigint + $3::bigint
                      ELSE r.reset_at END
    RETURNING count, reset_at AS "resetAt"`,
  /** $1 now */
  pruneRateLimits: 'DELETE FROM rate_limits WHERE reset_at <= $1',

  ping: 'SELECT 1',
  /** $1 lock key; a session lock, released by the matching unlock or when the session ends */
  lock: 'SELECT pg_advisory_lock($1)',
  unlock: 'SELECT pg_advisory_unlock($1)',
  /** $1 channel, $2 payload */
  notify: 'SELECT pg_notify($1, $2)',
} as const;
