using NetArchTest.Rules;

namespace CleanShop.ArchitectureTests;

/// <summary>Infrastructure is internal: hosts see only what they wire up or configure.</summary>
public sealed class InfrastructureVisibilityTests
{
    /// <summary>EF Core's generated migrations are public by default; the tools find them either way.</summary>
    private const string MigrationsNamespace = "CleanShop.Infrastructure.Persistence.Migrations";

    private static readonly string[] PublicAllowList =
    [
        "CleanShop.Infrastructure.DependencyInjection",                       // AddInfrastructure, called by the hosts
        "CleanShop.Infrastructure.Stacks",                                    // the host picks its environment from it
        "CleanShop.Infrastructure.Hosting.CleanShopHost",                     // the set-up both hosts share
        "CleanShop.Infrastructure.Hosting.ImageStorageCredentials",           // the CLI refuses an AWS stack without credentials
        "CleanShop.Infrastructure.Telemetry.CatalogMetrics",                  // the API exports its meter
        "CleanShop.Infrastructure.Telemetry.ComponentTracing",                // the API traces the calls to PostgreSQL, Redis and S3
    ];

    [Fact]
    public void Infrastructure_types_are_internal_except_the_allow_list()
    {
        var result = Types.InAssembly(Layers.Infrastructure).That().DoNotResideInNamespace(MigrationsNamespace)
            .Should().NotBePublic().GetResult();

        var unexpected = (result.FailingTypes ?? []).Select(t => t.FullName!).Except(PublicAllowList).ToList();

        Assert.True(unexpected.Count == 0, Layers.Offenders("Infrastructure types must be internal unless allow-listed", unexpected));
    }

    [Fact]
    public void Every_type_on_the_allow_list_exists_and_is_public()
    {
        var stale = PublicAllowList.Where(name => Layers.Infrastructure.GetType(name) is not { IsPublic: true });

        Assert.True(!stale.Any(), Layers.Offenders("The allow-list names types that are missing or not public: shrink it", stale));
    }
}
