using CleanShop.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanShop.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> product)
    {
        product.ToTable("products");
        product.Property(p => p.Name).HasMaxLength(Product.NameMaxLength);
        product.Property(p => p.Description).HasMaxLength(Product.DescriptionMaxLength);
        product.Property(p => p.Price).HasPrecision(10, 2);
        // By name, as the Django service stored its choices: readable, and safe to reorder the enum.
        product.Property(p => p.Category).HasConversion<string>().HasMaxLength(32);
        product.HasIndex(p => p.Category);
    }
}
