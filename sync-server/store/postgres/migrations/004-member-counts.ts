/**
 * Version 4: every community's `memberCount` filled in from its active memberships, each
 * community written with a new seq past every other (in its channels too), as in SQLite's 004.
 * The body goes through jsonb to gain the field: communities are the server's own documents, so
 * no client's exact text is at stake.
 */
export const up = `
  CREATE TEMP TABLE member_counts ON COMMIT DROP AS
    SELECT c.id AS id,
           ROW_NUMBER() OVER (ORDER BY c.seq) AS k,
           COALESCE(a.n, 0) AS n
    FROM documents AS c
    LEFT JOIN (
      SELECT body ->> 'communityId' AS community_id, COUNT(*) AS n
      FROM documents
      WHERE collection = 'memberships' AND NOT deleted AND body ->> 'status' = 'active'
      GROUP BY 1
    ) AS a ON a.community_id = c.id
    WHERE c.collection = 'communities' AND NOT c.deleted;

  UPDATE documents AS d
    SET body = (d.body::jsonb || jsonb_build_object('memberCount', m.n))::json,
        seq = (SELECT value FROM counters WHERE name = 'seq') + m.k
    FROM member_counts AS m
    WHERE d.collection = 'communities' AND d.id = m.id;

  UPDATE document_channels AS dc
    SET seq = d.seq
    FROM documents AS d, member_counts AS m
    WHERE dc.collection = 'communities' AND d.collection = 'communities'
      AND d.id = dc.id AND m.id = dc.id;

  UPDATE counters SET value = value + (SELECT COUNT(*) FROM member_counts) WHERE name = 'seq';
`;
