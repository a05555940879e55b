-- Fixes to the change record's triggers (20261207090206_change_record).
--
-- 1. A deal's position (its place in a board column) is bookkeeping, not a change to the deal: a
--    drag within a column wrote a deal.updated event, and renumbering a column (when a drop lands
--    between two cards with no room left) wrote one for every deal in it, as "system" (it runs
--    outside the mover's transaction). Position joins the deal's quiet columns.
-- 2. An activity or task taken off its deal (deal_id set to null) carried no deal, so the deal's
--    own feed never showed it leaving; it now belongs to the deal it left.

CREATE OR REPLACE FUNCTION dealboard_record_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind text := TG_ARGV[0];
  quiet text[] := string_to_array(coalesce(TG_ARGV[1], ''), ',');
  hidden text[] := string_to_array(coalesce(TG_ARGV[2], ''), ',');
  old_row jsonb;
  new_row jsonb;
  rec jsonb;
  diff jsonb := '{}'::jsonb;
  event_type text;
  deal integer;
  pipeline integer;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - hidden; END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - hidden; END IF;
  rec := coalesce(new_row, old_row);
  IF kind = 'setting' AND rec ->> 'key' ILIKE '%secret%' THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('from', old_row -> k, 'to', new_row -> k)), '{}'::jsonb) INTO diff
    FROM jsonb_object_keys(new_row) AS k
    WHERE NOT (k = ANY (quiet)) AND (old_row -> k) IS DISTINCT FROM (new_row -> k);
    IF diff = '{}'::jsonb THEN RETURN NULL; END IF;
  END IF;

  IF kind IN ('deal_contact', 'deal_company') THEN
    event_type := 'deal.' || substr(kind, 6) || CASE TG_OP WHEN 'INSERT' THEN '_linked' WHEN 'DELETE' THEN '_unlinked' ELSE '_updated' END;
  ELSIF kind = 'setting' THEN
    event_type := 'setting.updated';
  ELSIF TG_OP = 'INSERT' THEN
    event_type := kind || '.created';
  ELSIF TG_OP = 'DELETE' OR (diff ? 'deleted_at' AND new_row ->> 'deleted_at' IS NOT NULL) THEN
    event_type := kind || '.deleted';
  ELSIF kind = 'deal' AND diff ? 'status' AND new_row ->> 'status' IN ('won', 'lost') THEN
    event_type := 'deal.' || (new_row ->> 'status');
  ELSIF kind = 'deal' AND diff ? 'stage_id' THEN
    event_type := 'deal.stage_changed';
  ELSE
    event_type := kind || '.updated';
  END IF;

  IF kind = 'deal' THEN
    deal := (rec ->> 'id')::integer;
    pipeline := (rec ->> 'pipeline_id')::integer;
  ELSIF coalesce(new_row ->> 'deal_id', old_row ->> 'deal_id') IS NOT NULL THEN
    -- a row taken off its deal (an activity or task detached) belongs to the deal it left
    deal := coalesce(new_row ->> 'deal_id', old_row ->> 'deal_id')::integer;
    SELECT d.pipeline_id INTO pipeline FROM deals d WHERE d.id = deal;
  ELSIF kind = 'stage' THEN
    pipeline := (rec ->> 'pipeline_id')::integer;
  ELSIF kind = 'pipeline' THEN
    pipeline := (rec ->> 'id')::integer;
  END IF;

  PERFORM dealboard_record_event(event_type, kind,
    coalesce(rec ->> 'id', rec ->> 'key', concat_ws(':', rec ->> 'deal_id', rec ->> 'contact_id', rec ->> 'company_id')),
    deal, pipeline, diff, rec);
  RETURN NULL;
END $$;

DROP TRIGGER deals_change_record ON deals;
CREATE CONSTRAINT TRIGGER deals_change_record AFTER INSERT OR UPDATE OR DELETE ON deals DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('deal', 'updated_at,version,last_activity_at,position', '');
