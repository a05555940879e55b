-- A deal's place in its board column is a change again (20261208090000 made it bookkeeping): open
-- boards follow a reorder, and a deal added at the top of a column (created, then placed) shows at
-- the top on everyone's board. A drag within a column is one deal.updated with changes.position;
-- the rare renumbering of a crowded column writes one per deal.
DROP TRIGGER deals_change_record ON deals;
CREATE CONSTRAINT TRIGGER deals_change_record AFTER INSERT OR UPDATE OR DELETE ON deals DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION dealboard_record_row_change('deal', 'updated_at,version,last_activity_at', '');
