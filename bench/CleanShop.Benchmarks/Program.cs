using BenchmarkDotNet.Running;

namespace CleanShop.Benchmarks;

/// <summary>
/// build/bench drives these modes; each is also usable on its own:
///   ceiling --urls URL --body FILE   the same product JSON, pre-serialized, from memory: the upper bound
///   naive   --urls URL               the real API with the image cache bypassed (ListObjectsV2 + presign per request)
///   micro   [BenchmarkDotNet args]   presign, response building, HybridCache L1 and L2 hits
///   s3-cost --api URL                request-path ListObjectsV2 calls for 10,000 reads of one product, and for 200 concurrent cold reads
///   request-path-s3 --api URL        S3 calls requests have waited for so far (cleanshop_s3_requests_total{path="request"})
///   coherence --api URL --image FILE ListObjectsV2 per sweep for 2,000 extra objects, and how soon an out-of-band put is listed
///   instances --image FILE           how soon a write through one instance shows in another, over 20 writes and across a Redis blip
///   variants [--runs N]              seconds to make the variants of a 12 MP JPEG, thumb bytes over original bytes, peak RSS
/// (Not a top-level Program: that name is the API's entry point, which the naive mode hosts.)
/// </summary>
public static class BenchmarkHost
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["ceiling", .. var rest] => await CeilingServer.RunAsync(rest),
        ["naive", .. var rest] => await NaiveApiServer.RunAsync(rest),
        ["micro", .. var rest] => Micro(rest),
        ["s3-cost", .. var rest] => await S3CostProbe.RunAsync(rest),
        ["coherence", .. var rest] => await CoherenceProbe.RunAsync(rest),
        ["instances", .. var rest] => await InstancesProbe.RunAsync(rest),
        ["request-path-s3", .. var rest] => await S3CostProbe.PrintRequestPathCallsAsync(rest),
        ["variants", .. var rest] => VariantProbe.Run(rest),
        _ => Usage(),
    };

    private static int Micro(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(ImagePathBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: CleanShop.Benchmarks ceiling --urls URL --body FILE | naive --urls URL | micro [BenchmarkDotNet args]");
        return 2;
    }
}
