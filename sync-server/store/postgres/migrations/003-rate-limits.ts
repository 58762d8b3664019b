/** Version 3: request rate-limit counters, as in SQLite's 003 (shared by every instance). */
export const up = `
  CREATE TABLE rate_limits (
    key      text   PRIMARY KEY,
    count    bigint NOT NULL,
    reset_at bigint NOT NULL
  );
  CREATE INDEX rate_limits_by_reset ON rate_limits (reset_at);
`;
