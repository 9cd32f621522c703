using CleanShop.Application.Common.Interfaces;
using Mediator;

namespace CleanShop.Application.Catalog.Commands.MigrateCatalog;

public sealed class MigrateCatalogHandler(ICatalogMigrator migrator) : ICommandHandler<MigrateCatalogCommand, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(MigrateCatalogCommand command, CancellationToken cancellationToken) =>
        await migrator.MigrateAsync(cancellationToken);
}
