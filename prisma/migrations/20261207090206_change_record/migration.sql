-- CreateTable
CREATE TABLE "change_events" (
    "id" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "deal_id" INTEGER,
    "pipeline_id" INTEGER,
    "actor_user_id" INTEGER,
    "actor_api_key_id" INTEGER,
    "channel" TEXT NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '{}',
    "record" JSONB NOT NULL,

    CONSTRAINT "change_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "change_events_deal_id_id_idx" ON "change_events"("deal_id", "id");

-- CreateIndex
CREATE INDEX "change_events_record_type_record_id_id_idx" ON "change_events"("record_type", "record_id", "id");

-- CreateIndex
CREATE INDEX "change_events_pipeline_id_id_idx" ON "change_events"("pipeline_id", "id");

-- CreateIndex
CREATE INDEX "change_events_actor_user_id_id_idx" ON "change_events"("actor_user_id", "id");

-- CreateIndex
CREATE INDEX "change_events_occurred_at_idx" ON "change_events"("occurred_at");

-- The change record's writer. The acting user, API key and channel come from the transaction's
-- "dealboard.actor" setting ('<user id>:<api key id>:<channel>'), which every write sets first;
-- a write that did not say who acted is recorded as the channel "system".
CREATE FUNCTION dealboard_record_event(p_type text, p_record_type text, p_record_id text, p_deal_id integer, p_pipeline_id integer, p_changes jsonb, p_record jsonb)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  actor text := coalesce(current_setting('dealboard.actor', true), '');
  actor_user integer;
  actor_key integer;
  actor_channel text;
  new_id bigint;
BEGIN
  IF actor <> '' THEN
    actor_user := nullif(split_part(actor, ':', 1), '')::integer;
    actor_key := nullif(split_part(actor, ':', 2), '')::integer;
    actor_channel := nullif(split_part(actor, ':', 3), '');
  END IF;
  -- Ids in commit order: the lock is taken at commit (the row triggers are deferred) and held until
  -- the commit is visible, so no transaction can take a smaller id and commit after a larger one is
  -- seen, and a reader's "after <id>" cursor never skips an event.
  PERFORM pg_advisory_xact_lock(4201202612070001);
  INSERT INTO change_events (type, record_type, record_id, deal_id, pipeline_id, actor_user_id, actor_api_key_id, channel, changes, record, occurred_at)
  VALUES (p_type, p_record_type, p_record_id, p_deal_id, p_pipeline_id, actor_user, actor_key, coalesce(actor_channel, 'system'),
          coalesce(p_changes, '{}'::jsonb), coalesce(p_record, '{}'::jsonb), clock_timestamp() AT TIME ZONE 'UTC')
  RETURNING id INTO new_id;
  -- one notification per transaction (identical ones are folded), delivered only on commit
  PERFORM pg_notify('dealboard_events', '');
  RETURN new_id;
END $$;

-- Row changes become events. Arguments: the record type, the columns that are not reported as
-- changes (bookkeeping such as updated_at), and the columns never copied into an event (secrets).
-- An update that changes only quiet columns writes no event.
CREATE FUNCTION dealboard_record_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
  ELSIF rec ? 'deal_id' AND rec ->> 'deal_id' IS NOT NULL THEN
    deal := (rec ->> 'deal_id')::integer;
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

-- Deferred to commit: the event lock is then taken after every row lock the transaction needs, so
-- writers cannot deadlock on it, and it is held only for the commit.
CREATE CONSTRAINT TRIGGER deals_change_record AFTER INSERT OR UPDATE OR DELETE ON deals DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('deal', 'updated_at,version,last_activity_at', '');
CREATE CONSTRAINT TRIGGER deal_contacts_change_record AFTER INSERT OR UPDATE OR DELETE ON deal_contacts DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('deal_contact', '', '');
CREATE CONSTRAINT TRIGGER deal_companies_change_record AFTER INSERT OR UPDATE OR DELETE ON deal_companies DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('deal_company', '', '');
CREATE CONSTRAINT TRIGGER activities_change_record AFTER INSERT OR UPDATE OR DELETE ON activities DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('activity', 'updated_at', '');
CREATE CONSTRAINT TRIGGER tasks_change_record AFTER INSERT OR UPDATE OR DELETE ON tasks DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('task', 'updated_at', '');
CREATE CONSTRAINT TRIGGER contacts_change_record AFTER INSERT OR UPDATE OR DELETE ON contacts DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('contact', 'updated_at', '');
CREATE CONSTRAINT TRIGGER companies_change_record AFTER INSERT OR UPDATE OR DELETE ON companies DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('company', 'updated_at', '');
CREATE CONSTRAINT TRIGGER pipelines_change_record AFTER INSERT OR UPDATE OR DELETE ON pipelines DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('pipeline', 'updated_at', '');
CREATE CONSTRAINT TRIGGER stages_change_record AFTER INSERT OR UPDATE OR DELETE ON stages DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('stage', 'updated_at', '');
CREATE CONSTRAINT TRIGGER products_change_record AFTER INSERT OR UPDATE OR DELETE ON products DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('product', 'updated_at', '');
CREATE CONSTRAINT TRIGGER custom_fields_change_record AFTER INSERT OR UPDATE OR DELETE ON custom_field_definitions DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('custom_field', 'updated_at', '');
CREATE CONSTRAINT TRIGGER lost_reasons_change_record AFTER INSERT OR UPDATE OR DELETE ON lost_reasons DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('lost_reason', 'updated_at', '');
CREATE CONSTRAINT TRIGGER users_change_record AFTER INSERT OR UPDATE OR DELETE ON users DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('user', 'updated_at,last_sign_in_at,preferences', '');
CREATE CONSTRAINT TRIGGER api_keys_change_record AFTER INSERT OR UPDATE OR DELETE ON api_keys DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('api_key', 'last_used_at', 'key_hash');
CREATE CONSTRAINT TRIGGER settings_change_record AFTER INSERT OR UPDATE OR DELETE ON settings DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('setting', 'updated_at', '');
