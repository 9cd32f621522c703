using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanShop.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RemoveLegacyImageS3Path : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "image_s3_path",
                table: "products");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "image_s3_path",
                table: "products",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }
    }
}
