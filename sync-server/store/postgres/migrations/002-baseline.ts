/**
 * Version 2 of the schema, created at once: PostgreSQL support arrived when SQLite was at
 * version 2, so no PostgreSQL database was ever at version 1. Same tables, columns and indexes
 * as SQLite's 001 + 002 (test/store-contract/schema.test.ts compares them); types are
 * PostgreSQL's own (bigint for seq and ms timestamps, boolean, json).
 *
 * `body` is `json`, not `jsonb`: json keeps the text exactly as the client pushed it (key
 * order, spacing of numbers), which the protocol promises; jsonb would normalise it.
 */
export const up = `
  -- One counter row. Write transactions lock it first (SELECT ... FOR UPDATE) and hold it until
  -- commit, so seq order is commit order: see docs/scale-out.md.
  CREATE TABLE counters (
    name  text   PRIMARY KEY,
    value bigint NOT NULL
  );
  INSERT INTO counters (name, value) VALUES ('seq', 0);

  CREATE TABLE documents (
    collection text    NOT NULL,
    id         text    NOT NULL,
    seq        bigint  NOT NULL UNIQUE,
    owner_id   text,
    deleted    boolean NOT NULL,
    body       json    NOT NULL,
    PRIMARY KEY (collection, id)
  );
  CREATE INDEX documents_by_owner ON documents (collection, owner_id, seq);
  CREATE INDEX documents_posts_by_thread
    ON documents ((body ->> 'threadId')) WHERE collection = 'posts';

  CREATE TABLE document_channels (
    collection text   NOT NULL,
    id         text   NOT NULL,
    channel    text   NOT NULL,
    -- always the document's current seq: re-placing a row renumbers its channels
    seq        bigint NOT NULL,
    PRIMARY KEY (collection, id, channel)
  );
  CREATE INDEX document_channels_by_channel ON document_channels (collection, channel, seq);

  CREATE TABLE users (
    user_id       text   PRIMARY KEY,
    username_key  text   NOT NULL UNIQUE,
    display_name  text   NOT NULL,
    password_hash text   NOT NULL,
    created_at    bigint NOT NULL
  );

  -- Only the SHA-256 of a token is stored: a copy of the database cannot sign anyone in.
  CREATE TABLE sessions (
    token_hash text   PRIMARY KEY,
    user_id    text   NOT NULL REFERENCES users (user_id),
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    revoked_at bigint
  );
  CREATE INDEX sessions_by_user ON sessions (user_id);

  CREATE TABLE login_failures (
    username_key text   NOT NULL,
    at           bigint NOT NULL
  );
  CREATE INDEX login_failures_by_user ON login_failures (username_key, at);

  -- Append-only: sign-ins, refusals, moderation and role changes. Ids and codes, never content.
  CREATE TABLE audit_log (
    n       bigserial PRIMARY KEY,
    at      bigint    NOT NULL,
    kind    text      NOT NULL,
    user_id text,
    subject text      NOT NULL,
    detail  json      NOT NULL
  );
  CREATE INDEX audit_log_by_kind ON audit_log (kind, n);
  CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END
  $$;
  CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`;
