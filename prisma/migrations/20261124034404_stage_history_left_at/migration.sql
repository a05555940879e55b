-- AlterTable
ALTER TABLE "stage_history" ADD COLUMN     "left_at" TIMESTAMP(3);

-- Backfill: each row is left when the deal's next row (by changed_at, then id) begins
UPDATE "stage_history" h SET "left_at" = n."next_at"
FROM (
  SELECT "id", lead("changed_at") OVER (PARTITION BY "deal_id" ORDER BY "changed_at", "id") AS "next_at"
  FROM "stage_history"
) n
WHERE h."id" = n."id" AND n."next_at" IS NOT NULL;

-- CreateIndex
CREATE INDEX "stage_history_to_pipeline_id_left_at_changed_at_deal_id_to__idx" ON "stage_history"("to_pipeline_id", "left_at", "changed_at", "deal_id", "to_stage_id", "value", "currency");

-- Keep left_at true for every writer (services, imports, bulk inserts): after each INSERT statement,
-- recompute left_at for the deals it touched from their rows in order. Statement-level with a
-- transition table, so a bulk insert of many rows costs one pass, and a row inserted out of time
-- order (an import of past moves) still gets both its own left_at and its predecessor's right.
-- Prisma's schema language cannot express triggers; prisma/schema.prisma documents the column.
CREATE FUNCTION "stage_history_set_left_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

CREATE TRIGGER "stage_history_left_at"
AFTER INSERT ON "stage_history"
REFERENCING NEW TABLE AS "inserted_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "stage_history_set_left_at"();
