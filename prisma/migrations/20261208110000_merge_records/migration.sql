-- Merging contacts and companies (docs/decisions/020-merging-records.md): a merged record is soft-deleted
-- and points at the record it was merged into, so a read of its old ID can say where it went.

-- AlterTable
ALTER TABLE "companies" ADD COLUMN     "merged_into_company_id" INTEGER;

-- AlterTable
ALTER TABLE "contacts" ADD COLUMN     "merged_into_contact_id" INTEGER;

-- CreateIndex
CREATE INDEX "companies_merged_into_company_id_idx" ON "companies"("merged_into_company_id");

-- CreateIndex
CREATE INDEX "contacts_merged_into_contact_id_idx" ON "contacts"("merged_into_contact_id");

-- AddForeignKey
ALTER TABLE "companies" ADD CONSTRAINT "companies_merged_into_company_id_fkey" FOREIGN KEY ("merged_into_company_id") REFERENCES "companies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_merged_into_contact_id_fkey" FOREIGN KEY ("merged_into_contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
