using Mediator;

namespace CleanShop.Application.Catalog.Commands.MigrateCatalog;

/// <summary>Applies the catalog database's pending migrations; answers the names of those applied (none when current).</summary>
public sealed record MigrateCatalogCommand : ICommand<IReadOnlyList<string>>;
