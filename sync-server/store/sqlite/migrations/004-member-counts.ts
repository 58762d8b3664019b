import type { Database } from 'better-sqlite3';

/**
 * Version 4: every community carries its number of active members (`memberCount`), which the
 * server keeps from now on with each membership write (sync/member-count.ts). Here the count is
 * filled in once for the communities already stored, counted from their memberships.
 *
 * Each community is written with a new seq (past every seq handed out so far, in its channels
 * too), so that clients which already hold the community receive it again with its count
 * through their ordinary pull. `updatedAt` stays, as with every later count change.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TEMP TABLE member_counts AS
      SELECT c.id AS id,
             ROW_NUMBER() OVER (ORDER BY c.seq) AS k,
             COALESCE(a.n, 0) AS n
      FROM documents AS c
      LEFT JOIN (
        SELECT json_extract(body, '$.communityId') AS community_id, COUNT(*) AS n
        FROM documents
        WHERE collection = 'memberships' AND deleted = 0
          AND json_extract(body, '$.status') = 'active'
        GROUP BY 1
      ) AS a ON a.community_id = c.id
      WHERE c.collection = 'communities' AND c.deleted = 0;

    UPDATE documents
      SET body = json_set(body, '$.memberCount', m.n),
          seq = (SELECT value FROM counters WHERE name = 'seq') + m.k
      FROM member_counts AS m
      WHERE documents.collection = 'communities' AND documents.id = m.id;

    UPDATE document_channels
      SET seq = d.seq
      FROM documents AS d
      WHERE document_channels.collection = 'communities'
        AND d.collection = 'communities' AND d.id = document_channels.id
        AND d.id IN (SELECT id FROM member_counts);

    UPDATE counters SET value = value + (SELECT COUNT(*) FROM member_counts) WHERE name = 'seq';
    DROP TABLE member_counts;
  `);
}
