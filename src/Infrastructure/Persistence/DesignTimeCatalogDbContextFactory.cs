using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanShop.Infrastructure.Persistence;

/// <summary>For `dotnet ef migrations add`: the tools need a context without starting the API.</summary>
internal sealed class DesignTimeCatalogDbContextFactory : IDesignTimeDbContextFactory<CatalogDbContext>
{
    public CatalogDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CatalogDbContext>();
        options.UseCatalogDatabase("Host=127.0.0.1;Port=55432;Username=postgres;Database=cleanshop");
        return new CatalogDbContext(options.Options);
    }
}
