using System.Reflection;
using CleanShop.Application.Products.Queries.GetProductWithImages;
using CleanShop.Domain.Products;
using NetArchTest.Rules;

namespace CleanShop.ArchitectureTests;

/// <summary>The assemblies under test, one per layer, and how a failed rule reports itself.</summary>
internal static class Layers
{
    public static readonly Assembly Domain = typeof(Product).Assembly;
    public static readonly Assembly Application = typeof(GetProductWithImagesQuery).Assembly;
    public static readonly Assembly Infrastructure = typeof(Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly Api = typeof(Api.DependencyInjection).Assembly;
    public static readonly Assembly Cli = typeof(Cli.CliApp).Assembly;

    /// <summary>The rule, then every type that broke it, one a line.</summary>
    public static string Offenders(string rule, TestResult result) => Offenders(rule, result.FailingTypeNames ?? []);

    public static string Offenders(string rule, IEnumerable<string> typeNames) =>
        $"{rule}. Offending types:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", typeNames)}";
}
