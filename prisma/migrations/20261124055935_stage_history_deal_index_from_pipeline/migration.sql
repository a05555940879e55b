-- DropIndex
DROP INDEX "stage_history_deal_id_changed_at_id_to_pipeline_id_to_stage_idx";

-- CreateIndex
CREATE INDEX "stage_history_deal_id_changed_at_id_to_pipeline_id_to_stage_idx" ON "stage_history"("deal_id", "changed_at", "id", "to_pipeline_id", "to_stage_id", "value", "currency", "from_pipeline_id");
