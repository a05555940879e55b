-- left_at, cheaper for the common insert (decision 006): a statement that adds one row per deal, each
-- after every row its deal already has (a move, a new deal), only closes the deal's previous stay —
-- one backward index probe and one update per row — instead of recomputing the order of all the
-- deal's rows with a window function. Anything else (several rows of one deal at once, a row
-- inserted before later ones: imports of past moves) takes the full recompute as before.
CREATE OR REPLACE FUNCTION "stage_history_set_left_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) = count(DISTINCT i."deal_id") FROM "inserted_rows" i)
     AND NOT EXISTS (
       SELECT 1 FROM "inserted_rows" i
       WHERE EXISTS (SELECT 1 FROM "stage_history" x
                     WHERE x."deal_id" = i."deal_id" AND (x."changed_at", x."id") > (i."changed_at", i."id"))
     ) THEN
    UPDATE "stage_history" h SET "left_at" = i."changed_at"
    FROM "inserted_rows" i
    CROSS JOIN LATERAL (
      SELECT x."id" FROM "stage_history" x
      WHERE x."deal_id" = i."deal_id" AND (x."changed_at", x."id") < (i."changed_at", i."id")
      ORDER BY x."changed_at" DESC, x."id" DESC
      LIMIT 1
    ) p
    WHERE h."id" = p."id" AND h."left_at" IS DISTINCT FROM i."changed_at";
    RETURN NULL;
  END IF;
  UPDATE "stage_history" h SET "left_at" = n."next_at"
  FROM (
    SELECT x."id", lead(x."changed_at") OVER (PARTITION BY x."deal_id" ORDER BY x."changed_at", x."id") AS "next_at"
    FROM "stage_history" x
    WHERE x."deal_id" IN (SELECT DISTINCT i."deal_id" FROM "inserted_rows" i)
  ) n
  WHERE h."id" = n."id" AND h."left_at" IS DISTINCT FROM n."next_at";
  RETURN NULL;
END;
$$;
