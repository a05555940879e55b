-- CreateEnum
CREATE TYPE "ImportEntity" AS ENUM ('deals', 'contacts', 'companies');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('queued', 'running', 'done', 'failed', 'undone');

-- CreateEnum
CREATE TYPE "ImportRowOutcome" AS ENUM ('created', 'updated', 'skipped', 'rejected');

-- CreateTable
CREATE TABLE "imports" (
    "id" SERIAL NOT NULL,
    "entity" "ImportEntity" NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'queued',
    "on_match" TEXT NOT NULL DEFAULT 'update',
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "file_name" TEXT NOT NULL,
    "file" BYTEA NOT NULL,
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "done_rows" INTEGER NOT NULL DEFAULT 0,
    "last_row" INTEGER NOT NULL DEFAULT 1,
    "created_count" INTEGER NOT NULL DEFAULT 0,
    "updated_count" INTEGER NOT NULL DEFAULT 0,
    "skipped_count" INTEGER NOT NULL DEFAULT 0,
    "rejected_count" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "undone_at" TIMESTAMP(3),

    CONSTRAINT "imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_rows" (
    "import_id" INTEGER NOT NULL,
    "row_number" INTEGER NOT NULL,
    "outcome" "ImportRowOutcome" NOT NULL,
    "record_id" INTEGER,
    "reason" TEXT,
    "cells" JSONB,

    CONSTRAINT "import_rows_pkey" PRIMARY KEY ("import_id","row_number")
);

-- CreateTable
CREATE TABLE "import_records" (
    "import_id" INTEGER NOT NULL,
    "record_type" TEXT NOT NULL,
    "record_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "previous" JSONB,

    CONSTRAINT "import_records_pkey" PRIMARY KEY ("import_id","record_type","record_id")
);

-- CreateIndex
CREATE INDEX "imports_created_at_idx" ON "imports"("created_at");

-- AddForeignKey
ALTER TABLE "imports" ADD CONSTRAINT "imports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_records" ADD CONSTRAINT "import_records_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;
