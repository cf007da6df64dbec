using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headway.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportHygieneIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Entitlements_L1_NoteGrade_TargetDate_ProjectedUnblockDate_LastChangedAt_PartnerId",
                table: "Entitlements",
                columns: new[] { "L1", "NoteGrade", "TargetDate", "ProjectedUnblockDate", "LastChangedAt", "PartnerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entitlements_L1_NoteGrade_TargetDate_ProjectedUnblockDate_LastChangedAt_PartnerId",
                table: "Entitlements");
        }
    }
}
