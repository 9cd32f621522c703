using System.Text;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;
using CsCheck;
using Npgsql;
using Xunit.Abstractions;

namespace CleanShop.IntegrationTests.Fuzz;

/// <summary>
/// Generated requests (paths, query strings, headers, JSON and multipart bodies) written raw on a socket to the
/// API on a real Kestrel port, with the real PostgreSQL, Redis and S3 emulator. Properties: never a 5xx; every
/// 4xx is problem details without a stack trace or a raw control or format character; a refused write changes
/// neither the catalog nor the bucket.
/// Bounded in time (30 s; CLEANSHOP_FUZZ_SECONDS sets a longer hunt); CsCheck prints the seed of a failure, and
/// CLEANSHOP_FUZZ_SEED replays it.
/// </summary>
public sealed class HostileRequestFuzzTests(KestrelApiFactory api, ITestOutputHelper output) : IClassFixture<KestrelApiFactory>
{
    private static readonly int Seconds =
        int.TryParse(Environment.GetEnvironmentVariable("CLEANSHOP_FUZZ_SECONDS"), out var seconds) && seconds > 0 ? seconds : 30;

    public sealed record FuzzRequest(string Method, string Target, string? Authorization, string? ContentType, byte[] Body, (string Name, string Value)[] Headers)
    {
        public override string ToString() =>
            $"{Method} {Target} auth={Authorization?[..Math.Min(Authorization.Length, 12)]} type={ContentType} headers=[{string.Join(", ", Headers.Select(h => $"{h.Name}: {h.Value}"))}] body({Body.Length})={Convert.ToBase64String(Body.AsSpan(0, Math.Min(Body.Length, 300)))}";
    }

    // Tokens that Kestrel accepts in a request target; every escape is well formed. Not "%00" in the path: Kestrel
    // itself refuses it (400, no body) before the app sees the request.
    private static readonly string[] Segments =
    [
        "1", "2", "3", "0", "-1", "2147483648", "99999999999999999999", "abc", "front.png", "cache", "image-cache", "images",
        "%2e%2e", "%2E", ".", "..", ".%2e", "%2F", "%2f", "a%2Fb", "%01", "%ff", "%C3%BC.png", "%E2%80%AE", "%25", "%20", "+",
        "a%20b.png", "..png", ".hidden", "~", "@", ":", ";x=1", "!$&'()*,=", "", "%7B%7D", "x".PadRight(300, 'x'),
    ];

    private static readonly Gen<string> Segment = Gen.OneOf(Segments);

    private static readonly Gen<string> Path =
        from template in Gen.OneOf(
            "/api/products", "/api/products/{s}", "/api/products/{s}/images", "/api/products/{s}/images/{s}",
            "/api/products/{s}/image-cache", "/api/image-cache", "/api/images/cache", "/health/ready", "/health/live",
            "/openapi/v1.json", "/{s}", "/{s}/{s}/{s}", "/api/{s}", "/api/products/{s}/{s}/{s}")
        from first in Segment
        from second in Segment
        from third in Segment
        from slash in Gen.Bool
        select Fill(template, first, second, third) + (slash ? "/" : "");

    private static string Fill(string template, params string[] values)
    {
        var result = template;
        foreach (var value in values)
        {
            var at = result.IndexOf("{s}", StringComparison.Ordinal);
            if (at < 0) break;
            result = result[..at] + value + result[(at + 3)..];
        }

        return result;
    }

    private static readonly Gen<string> Query =
        Gen.Select(Gen.OneOf("page", "page_size", "category", "is_featured", "is_available", "overwrite", "x", "%00", "page%00"),
                Gen.OneOf("1", "0", "-1", "100", "101", "abc", "true", "maybe", "ANIMAL", "ROBOT", "%00", "%2e%2e", "99999999999999999999", "", "1e400"),
                (key, value) => $"{key}={value}")
            .Array[0, 4]
            .Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join('&', pairs));

    private static readonly Gen<string> JsonString =
        Gen.Select(Gen.OneOf("Toy", "Pip", "", " ", "\\u0000", "\\u001b[31m", "\\n", "\\t", "\\ud800", "\\u202e", "ü", "🐧", "\\\"", "ANIMAL", "doll", "x".PadRight(250, 'x'))
                .Array[0, 4], parts => "\"" + string.Concat(parts) + "\"");

    private static readonly Gen<string> JsonScalar = Gen.OneOf<string>(
        JsonString,
        Gen.OneOf("0", "-1", "1", "25.5", "1.999", "0.001", "1e400", "-1e400", "79228162514264337593543950336", "99999999999.99", "1E2", "true", "false", "null"),
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> JsonValue =
        from depth in Gen.Frequency((8, (IGen<int>)Gen.Const(0)), (1, Gen.Int[1, 3]), (1, Gen.OneOf(65, 200, 5000)))
        from scalar in JsonScalar
        from array in Gen.Bool
        select depth == 0 ? scalar : array ? new string('[', depth) + scalar + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + scalar + new string('}', depth);

    private static readonly Gen<byte[]> JsonBody =
        Gen.Select(Gen.OneOf("name", "description", "price", "category", "is_featured", "is_available", "id", "images", "name").Array[0, 7],
                JsonValue.Array[7], Gen.Int[0, 9],
                (fields, values, shape) =>
                {
                    var json = "{" + string.Join(',', fields.Select((f, i) => $"\"{f}\":{values[i]}")) + "}";
                    return shape switch
                    {
                        0 => Encoding.UTF8.GetBytes("[" + json + "]"),
                        1 => Encoding.UTF8.GetBytes(json[..(json.Length / 2)]),
                        2 => [.. Encoding.UTF8.GetBytes(json[..^1]), 0xC3, 0x28, 0xFF, (byte)'}'],
                        _ => Encoding.UTF8.GetBytes(json),
                    };
                });

    private static readonly byte[][] FileContents =
    [
        TestImages.Png, TestImages.Gif, TestImages.Jpeg, TestImages.WebP, TestImages.Text, [],
        [.. TestImages.Png[..16], 0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, .. TestImages.Png[24..]], // 100000 x 100000
    ];

    private static readonly Gen<(string Boundary, byte[] Body)> MultipartBody =
        from boundary in Gen.OneOf("B", "----fuzz", "x".PadRight(70, 'x'))
        from written in Gen.Frequency((6, (IGen<string>)Gen.Const("same")), (1, Gen.Const("other")))
        from parts in Gen.Select(
                Gen.OneOf("files", "file", "other", ""),
                Gen.OneOf("front.png", "", "..", "../a.png", "a/b.png", "\u202Egnp.exe", "cache", "a b+c%.png", "ü.png", "x".PadRight(300, 'x'), "front\u200B.png", "nul\u0000.png", "it's a&b <1>.png"),
                Gen.Bool, Gen.Int[0, FileContents.Length - 1], Gen.Int[0, 100])
            .Array[0, 4]
        from many in Gen.Frequency((20, (IGen<int>)Gen.Const(0)), (1, Gen.Const(1500)))
        from ending in Gen.Int[0, 3]
        select (boundary, Multipart(written == "same" ? boundary : "other", parts, many, ending));

    private static byte[] Multipart(string boundary, (string Field, string File, bool HasFile, int Content, int Cut)[] parts, int many, int ending)
    {
        var body = new List<byte>();
        foreach (var (field, file, hasFile, content, cut) in parts.Concat(Enumerable.Repeat(("files", "many.png", true, 0, 100), many)))
        {
            var disposition = hasFile ? $"form-data; name=\"{field}\"; filename=\"{file}\"" : $"form-data; name=\"{field}\"";
            body.AddRange(Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: image/png\r\n\r\n"));
            var bytes = FileContents[content];
            body.AddRange(bytes[..(bytes.Length * Math.Min(cut, 100) / 100)]);
            body.AddRange("\r\n"u8.ToArray());
        }

        if (ending == 0)
            return [.. body]; // no closing boundary
        if (ending == 1 && body.Count > 10)
            return [.. body.Take(body.Count - 7)]; // cut in the middle
        body.AddRange(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        return [.. body];
    }

    private static readonly Gen<(string, string)[]> Headers =
        Gen.Select(Gen.OneOf("Accept", "Accept-Language", "X-Forwarded-For", "Origin", "If-None-Match", "X-Fuzz", "Range"),
                Gen.OneOf("*/*", "application/xml", "de", "1.2.3.4", "http://evil.example", "\"x\"", "bytes=0-1", "%00", "a".PadRight(2000, 'a'), ""),
                (name, value) => (name, value))
            .Array[0, 3];

    private static Gen<FuzzRequest> Requests() =>
        from method in Gen.OneOf("GET", "GET", "POST", "POST", "PUT", "DELETE", "DELETE", "PATCH", "HEAD", "OPTIONS")
        from path in Path
        from query in Query
        from auth in Gen.OneOf<string?>(null, "Bearer " + AdminTokens.Admin, "Bearer " + AdminTokens.Admin, "Bearer " + AdminTokens.Customer, "Bearer garbage", "Basic YWRtaW46YWRtaW4=")
        from kind in Gen.Int[0, 4]
        from json in JsonBody
        from multipart in MultipartBody
        from raw in Gen.Byte.Array[0, 64]
        from headers in Headers
        from otherType in Gen.OneOf("text/plain", "application/octet-stream", "multipart/form-data", "application/json; charset=latin1")
        select kind switch
        {
            0 or 1 => new FuzzRequest(method, path + query, auth, "application/json", json, headers),
            2 => new FuzzRequest(method, path + query, auth, $"multipart/form-data; boundary={multipart.Boundary}", multipart.Body, headers),
            3 => new FuzzRequest(method, path + query, auth, null, [], headers),
            _ => new FuzzRequest(method, path + query, auth, otherType, raw, headers),
        };

    [Fact]
    public async Task Generated_hostile_requests_never_answer_5xx_answer_4xx_as_printable_problem_details_and_refused_writes_change_nothing()
    {
        using var admin = api.CreateAdminClient();
        for (var i = 0; i < 3; i++)
        {
            var id = await admin.CreateProductAsync();
            await admin.UploadAsync(id, ("front.png", TestImages.Png), ("cache", TestImages.Gif));
        }

        var cases = 0;
        var serverErrors = 0;
        var state = await SnapshotAsync();
        await Requests().SampleAsync(async request =>
        {
            Interlocked.Increment(ref cases);
            var headers = request.Headers.ToList();
            if (request.ContentType is not null)
                headers.Add(("Content-Type", request.ContentType));
            if (request.Authorization is not null)
                headers.Add(("Authorization", request.Authorization));
            var response = await api.Raw.SendAsync(request.Method, request.Target, null, headers, request.Body);

            if (response.Status >= 500)
                Interlocked.Increment(ref serverErrors);
            Assert.True(response.Status < 500, $"{response.Status}: {response.Body}");
            if (response.Status >= 400 && request.Method != "HEAD")
            {
                Assert.StartsWith("application/problem+json", response.ContentType ?? "(none)", StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
                Assert.True(IsPrintable(JsonNode.Parse(response.Body)), $"a control or format character in: {response.Body}");
            }

            if (request.Method is "GET" or "HEAD" or "OPTIONS")
                return;
            var after = await SnapshotAsync();
            if (response.Status >= 400)
                Assert.True(state == after, $"a refused {request.Method} ({response.Status}) changed the catalog or the bucket");
            state = after;
        },
        seed: Environment.GetEnvironmentVariable("CLEANSHOP_FUZZ_SEED"),
        iter: 1_000_000, time: Seconds, threads: 1,
        writeLine: output.WriteLine);

        output.WriteLine($"fuzz: {cases} generated requests, {serverErrors} answered 5xx");
        Assert.True(cases > 100, $"only {cases} requests in {Seconds} s");
    }

    /// <summary>No control or invisible format character in any key or string of a problem (see ClientText.Printable).</summary>
    private static bool IsPrintable(JsonNode? node) => node switch
    {
        JsonObject o => o.All(p => IsPrintable(p.Key) && IsPrintable(p.Value)),
        JsonArray a => a.All(IsPrintable),
        JsonValue v when v.TryGetValue<string>(out var text) => IsPrintable(text),
        _ => true,
    };

    private static bool IsPrintable(string text) =>
        !text.EnumerateRunes().Any(r => Rune.IsControl(r) || Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.Format);

    /// <summary>Every product row and every object (key and ETag): what a refused write must leave as it was.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection) { Database = api.Isolation.Database }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(md5(string_agg(p::text, '|' ORDER BY p.id)), '') FROM products p", connection);
        var catalog = (string)(await command.ExecuteScalarAsync())!;
        using var s3 = CleanShopApiFactory.CreateS3Client();
        var objects = (await s3.ListObjectsV2Async(new() { BucketName = api.Isolation.Bucket })).S3Objects ?? [];
        return catalog + "|" + string.Join(",", objects.Select(o => o.Key + "=" + o.ETag));
    }
}
