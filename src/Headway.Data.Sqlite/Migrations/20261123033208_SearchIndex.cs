using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headway.Data.Sqlite.Migrations
{
    /// <summary>
    /// A trigram full-text index over tenant names, status notes and overall notes, so that a search finds
    /// any substring of three or more characters in any script (防火墙, ファイアウォール, Firewall).
    /// Triggers keep it current; the row id tells what a row indexes: id * 4 + 0 tenant, + 1 entitlement, + 2 overall note.
    /// While "SearchIndexPaused" has a row (a bulk load), the triggers stand still and the loader rebuilds the index once.
    /// </summary>
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "SearchIndex" USING fts5("TenantId" UNINDEXED, "PartnerId" UNINDEXED, "At" UNINDEXED, "Text", tokenize = 'trigram');
                CREATE TABLE "SearchIndexPaused" ("Since" INTEGER NOT NULL);

                CREATE TRIGGER "SearchIndex_TenantInsert" AFTER INSERT ON "Tenants" WHEN NOT EXISTS (SELECT 1 FROM "SearchIndexPaused") BEGIN
                    INSERT INTO "SearchIndex" (rowid, "TenantId", "PartnerId", "At", "Text")
                    VALUES (new."Id" * 4, new."Id", new."PartnerId", new."CreatedAt", new."Name" || coalesce(' ' || new."BrandName", ''));
                END;
                CREATE TRIGGER "SearchIndex_TenantUpdate" AFTER UPDATE OF "Name", "BrandName", "PartnerId" ON "Tenants" WHEN NOT EXISTS (SELECT 1 FROM "SearchIndexPaused") BEGIN
                    DELETE FROM "SearchIndex" WHERE rowid = old."Id" * 4;
                    INSERT INTO "SearchIndex" (rowid, "TenantId", "PartnerId", "At", "Text")
                    VALUES (new."Id" * 4, new."Id", new."PartnerId", new."CreatedAt", new."Name" || coalesce(' ' || new."BrandName", ''));
                END;
                CREATE TRIGGER "SearchIndex_TenantDelete" AFTER DELETE ON "Tenants" WHEN NOT EXISTS (SELECT 1 FROM "SearchIndexPaused") BEGIN
                    DELETE FROM "SearchIndex" WHERE rowid = old."Id" * 4;
                END;

                CREATE TRIGGER "SearchIndex_EntitlementInsert" AFTER INSERT ON "Entitlements" WHEN NOT EXISTS (SELECT 1 FROM "SearchIndexPaused") AND new."Note" IS NOT NULL BEGIN
                    INSERT INTO "SearchIndex" (rowid, "TenantId", "PartnerId", "At", "Text")
                    VALUES (new."Id" * 4 + 1, new."TenantId", new."PartnerId", new."LastChangedAt", new."Note");
                END;
                CREATE TRIGGER "SearchIndex_EntitlementUpdate" AFTER UPDATE OF "Note", "PartnerId" ON "Entitlements" WHEN NOT EXISTS (SELECT 1 FROM "SearchIndexPaused") BEGIN
                    DELETE FROM "SearchIndex" WHERE rowid = old."Id" * 4 + 1;
                    INSERT INTO "SearchIndex" (rowid, "TenantId", "PartnerId", "At", "Text")
                    SELECT new."Id" * 4 + 1, new."TenantId", new."PartnerId", new."LastChangedAt", new."Note" WHERE new."Note" IS NOT NULL;
                END;
                CREATE TRIGGER "SearchIndex_EntitlementDelete" AFTER DELETE ON "Entitlements" WHEN NOT EXISTS (SELECT 1 FROM "SearchIndexPaused") BEGIN
                    DELETE FROM "SearchIndex" WHERE rowid = old."Id" * 4 + 1;
                END;

                CREATE TRIGGER "SearchIndex_NoteInsert" AFTER INSERT ON "OverallNotes" WHEN NOT EXISTS (SELECT 1 FROM "SearchIndexPaused") BEGIN
                    INSERT INTO "SearchIndex" (rowid, "TenantId", "PartnerId", "At", "Text")
                    VALUES (new."Id" * 4 + 2, new."TenantId", new."PartnerId", new."CreatedAt", new."Text");
                END;
                CREATE TRIGGER "SearchIndex_NoteUpdate" AFTER UPDATE OF "Text", "PartnerId" ON "OverallNotes" WHEN NOT EXISTS (SELECT 1 FROM "SearchIndexPaused") BEGIN
                    DELETE FROM "SearchIndex" WHERE rowid = old."Id" * 4 + 2;
                    INSERT INTO "SearchIndex" (rowid, "TenantId", "PartnerId", "At", "Text")
                    VALUES (new."Id" * 4 + 2, new."TenantId", new."PartnerId", new."CreatedAt", new."Text");
                END;
                CREATE TRIGGER "SearchIndex_NoteDelete" AFTER DELETE ON "OverallNotes" WHEN NOT EXISTS (SELECT 1 FROM "SearchIndexPaused") BEGIN
                    DELETE FROM "SearchIndex" WHERE rowid = old."Id" * 4 + 2;
                END;

                INSERT INTO "SearchIndex" (rowid, "TenantId", "PartnerId", "At", "Text")
                    SELECT "Id" * 4, "Id", "PartnerId", "CreatedAt", "Name" || coalesce(' ' || "BrandName", '') FROM "Tenants";
                INSERT INTO "SearchIndex" (rowid, "TenantId", "PartnerId", "At", "Text")
                    SELECT "Id" * 4 + 1, "TenantId", "PartnerId", "LastChangedAt", "Note" FROM "Entitlements" WHERE "Note" IS NOT NULL;
                INSERT INTO "SearchIndex" (rowid, "TenantId", "PartnerId", "At", "Text")
                    SELECT "Id" * 4 + 2, "TenantId", "PartnerId", "CreatedAt", "Text" FROM "OverallNotes";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "TenantInsert", "TenantUpdate", "TenantDelete", "EntitlementInsert", "EntitlementUpdate", "EntitlementDelete", "NoteInsert", "NoteUpdate", "NoteDelete" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"SearchIndex_{trigger}\";");
            }

            migrationBuilder.Sql("DROP TABLE IF EXISTS \"SearchIndex\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"SearchIndexPaused\";");
        }
    }
}
