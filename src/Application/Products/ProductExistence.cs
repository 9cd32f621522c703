using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Application.Products;

public static class ProductExistence
{
    /// <summary>Throws <see cref="NotFoundException"/> (404, or exit code 2 on the command line) when there is no such product.</summary>
    public static async Task EnsureProductExistsAsync(this ICatalogDbContext db, int productId, CancellationToken cancellationToken)
    {
        if (!await db.Products.AnyAsync(p => p.Id == productId, cancellationToken))
            throw new NotFoundException(nameof(Product), productId);
    }
}
