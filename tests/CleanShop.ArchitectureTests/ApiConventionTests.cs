using NetArchTest.Rules;

namespace CleanShop.ArchitectureTests;

public sealed class ApiConventionTests
{
    private const string EndpointsNamespace = "CleanShop.Api.Endpoints";

    [Fact]
    public void Endpoint_classes_are_static()
    {
        var endpoints = Types.InAssembly(Layers.Api).That()
            .ResideInNamespace(EndpointsNamespace).And().HaveNameEndingWith("Endpoints", StringComparison.Ordinal);

        var result = endpoints.Should().BeStatic().GetResult();

        Assert.NotEmpty(endpoints.GetTypes());
        Assert.True(result.IsSuccessful, Layers.Offenders("Endpoint classes must be static", result));
    }

    [Fact]
    public void Endpoints_talk_to_the_mediator_only_never_to_Infrastructure_or_EF_Core()
    {
        var result = Types.InAssembly(Layers.Api).That().ResideInNamespace(EndpointsNamespace)
            .ShouldNot().HaveDependencyOnAny("CleanShop.Infrastructure", "Microsoft.EntityFrameworkCore")
            .GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("Endpoints depend on Infrastructure or EF Core", result));
    }
}
