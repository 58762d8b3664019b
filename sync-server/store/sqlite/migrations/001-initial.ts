import type { Database } from 'better-sqlite3';

/**
 * Version 1: documents with their visibility placement and commit-order seq, users, sessions
 * and login failures.
 */
export function up(db: Database): void {
  db.exec(`
    -- One counter row: seq is taken inside the write transaction, so seq order = commit order.
    CREATE TABLE counters (
      name  TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    );
    INSERT INTO counters (name, value) VALUES ('seq', 0);

    -- Every document of every collection. body is the wire JSON exactly as written.
    CREATE TABLE documents (
      collection TEXT    NOT NULL,
      id         TEXT    NOT NULL,
      seq        INTEGER NOT NULL UNIQUE,
      channel    TEXT    NOT NULL,
      owner_id   TEXT,
      deleted    INTEGER NOT NULL,
      body       TEXT    NOT NULL,
      PRIMARY KEY (collection, id)
    );
    CREATE INDEX documents_by_channel ON documents (collection, channel, seq);
    CREATE INDEX documents_by_owner   ON documents (collection, owner_id, seq);

    CREATE TABLE users (
      user_id       TEXT PRIMARY KEY,
      username_key  TEXT NOT NULL UNIQUE,
      display_name  TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      created_at    INTEGER NOT NULL
    );

    -- Only the SHA-256 of a token is stored: a copy of the database cannot sign anyone in.
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id    TEXT NOT NULL REFERENCES users (user_id),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      revoked_at INTEGER
    );
    CREATE INDEX sessions_by_user ON sessions (user_id);

    CREATE TABLE login_failures (
      username_key TEXT    NOT NULL,
      at           INTEGER NOT NULL
    );
    CREATE INDEX login_failures_by_user ON login_failures (username_key, at);
  `);
}
