-- An import's file in pieces of 1 MiB (read one at a time by the import) instead of one value
-- CreateTable
CREATE TABLE "import_file_chunks" (
    "import_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "import_file_chunks_pkey" PRIMARY KEY ("import_id","seq")
);

-- AddForeignKey
ALTER TABLE "import_file_chunks" ADD CONSTRAINT "import_file_chunks_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- the files kept so far become one piece each (the reader takes pieces of any size)
INSERT INTO "import_file_chunks" ("import_id", "seq", "data") SELECT "id", 0, "file" FROM "imports";

-- AlterTable
ALTER TABLE "imports" DROP COLUMN "file";
