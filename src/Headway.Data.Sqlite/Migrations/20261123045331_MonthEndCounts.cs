using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headway.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MonthEndCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MonthEndCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MonthEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    L1 = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    L2 = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Workload = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthEndCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonthEndCounts_Fingerprint_L1_MonthEnd_L2_Workload_Region_Country_PartnerId_Priority",
                table: "MonthEndCounts",
                columns: new[] { "Fingerprint", "L1", "MonthEnd", "L2", "Workload", "Region", "Country", "PartnerId", "Priority" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MonthEndCounts_Fingerprint_L1_MonthEnd_L2_Workload_Region_Country_PartnerId_Priority_Count",
                table: "MonthEndCounts",
                columns: new[] { "Fingerprint", "L1", "MonthEnd", "L2", "Workload", "Region", "Country", "PartnerId", "Priority", "Count" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonthEndCounts");
        }
    }
}
