using System.Reflection;
using BenchmarkDotNet.Attributes;
using CleanShop.Benchmarks;

namespace CleanShop.ArchitectureTests;

/// <summary>build/bench never runs in build/test; this keeps its project compiling and its benchmarks discoverable.</summary>
public sealed class BenchmarkProjectTests
{
    [Fact]
    public void The_bench_project_builds_and_declares_the_image_path_micro_benchmarks()
    {
        var benchmarks = typeof(ImagePathBenchmarks).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => m.GetCustomAttribute<BenchmarkAttribute>()?.Description)
            .OfType<string>()
            .ToArray();

        Assert.Equal(
            ["presign one URL", "a cached product's answer (the same response, its kept bytes)", "build + serialize one product response (a product read again)", "image set from memory (the read path's hit)", "image set from Redis (HybridCache's shared level)"],
            benchmarks);
    }
}
