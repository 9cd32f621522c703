using CleanShop.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Application.Common.Interfaces;

/// <summary>
/// The catalog's unit of work. Handlers query EF Core directly through it: a repository over
/// DbSet would only hide LINQ (see jasontaylordev/CleanArchitecture's ADR on this choice).
/// </summary>
public interface ICatalogDbContext
{
    DbSet<Product> Products { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
