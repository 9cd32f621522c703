using NetArchTest.Rules;

namespace CleanShop.ArchitectureTests;

public sealed class LayerDependencyTests
{
    [Fact]
    public void Domain_depends_on_no_other_layer_and_no_framework()
    {
        var result = Types.InAssembly(Layers.Domain)
            .ShouldNot().HaveDependencyOnAny(
                "CleanShop.Application", "CleanShop.Infrastructure", "CleanShop.Api",
                "Microsoft.EntityFrameworkCore", "Amazon", "Microsoft.AspNetCore", "Npgsql",
                "StackExchange.Redis", "Mediator", "FluentValidation")
            .GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("The Domain depends on an outer layer or a framework", result));
    }

    [Fact]
    public void Application_does_not_depend_on_outer_layers_or_their_packages()
    {
        var result = Types.InAssembly(Layers.Application)
            .ShouldNot().HaveDependencyOnAny(
                "CleanShop.Infrastructure", "CleanShop.Api",
                "Npgsql", "Amazon", "Microsoft.AspNetCore", "StackExchange.Redis",
                "Microsoft.Extensions.Caching.Hybrid", "Microsoft.Extensions.Caching.StackExchangeRedis")
            .GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("The Application depends on Infrastructure, the API or their packages", result));
    }

    [Fact]
    public void The_command_line_reaches_the_domain_only_through_Application()
    {
        // A second composition root beside the API: it sends Application's messages and wires Infrastructure, nothing more.
        var result = Types.InAssembly(Layers.Cli)
            .ShouldNot().HaveDependencyOnAny(
                "CleanShop.Domain", "CleanShop.Api", "Microsoft.AspNetCore",
                "Microsoft.EntityFrameworkCore", "Npgsql", "Amazon", "StackExchange.Redis")
            .GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("The command line depends on the Domain, the API or a storage package", result));
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_the_api_or_AspNetCore()
    {
        var result = Types.InAssembly(Layers.Infrastructure)
            .ShouldNot().HaveDependencyOnAny("CleanShop.Api", "Microsoft.AspNetCore")
            .GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("Infrastructure depends on the API or ASP.NET Core", result));
    }
}
