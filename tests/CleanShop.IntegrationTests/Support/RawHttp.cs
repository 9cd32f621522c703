using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// HTTP/1.1 written byte for byte on a socket: the request target and body arrive exactly as written,
/// where a client library would normalise dot segments or fix a malformed body.
/// </summary>
public sealed class RawHttp(Uri address)
{
    /// <summary>Sends one request (Connection: close) and reads the whole answer.</summary>
    public async Task<RawResponse> SendAsync(string method, string target, string? token = null,
        IEnumerable<(string Name, string Value)>? headers = null, byte[]? body = null, bool contentLength = true)
    {
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(address.Authority).Append("\r\n");
        head.Append("Connection: close\r\n");
        if (token is not null)
            head.Append("Authorization: Bearer ").Append(token).Append("\r\n");
        foreach (var (name, value) in headers ?? [])
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (contentLength)
            head.Append("Content-Length: ").Append(body?.Length ?? 0).Append("\r\n");
        head.Append("\r\n");

        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()));
        if (body is not null)
        {
            try { await stream.WriteAsync(body); }
            catch (IOException) { } // the server may answer and close before it has read everything
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var answer = new MemoryStream();
        try { await stream.CopyToAsync(answer, cancel.Token); }
        catch (IOException) when (answer.Length > 0) { } // a reset after the answer was sent
        return RawResponse.Parse(answer.ToArray());
    }

    public Task<RawResponse> SendAsync(string method, string target, string? token, string contentType, byte[] body) =>
        SendAsync(method, target, token, [("Content-Type", contentType)], body);
}

/// <summary>An HTTP/1.1 answer as it came off the socket (chunked bodies decoded).</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");

    public static RawResponse Parse(byte[] bytes)
    {
        var split = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (split < 0)
            throw new InvalidOperationException($"No complete HTTP answer: '{Encoding.UTF8.GetString(bytes)}'");
        var lines = Encoding.Latin1.GetString(bytes, 0, split).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = bytes.AsSpan(split + 4);
        var chunked = headers.GetValueOrDefault("transfer-encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
        return new RawResponse(status, headers, Encoding.UTF8.GetString(chunked ? Dechunk(body) : body));
    }

    /// <summary>Asserts an RFC 9457 answer with this status and no stack trace, and returns its body.</summary>
    public JsonObject AssertProblem(int status)
    {
        Assert.True(status == Status, $"Expected {status}, got {Status}: {Body}");
        Assert.StartsWith("application/problem+json", ContentType ?? "", StringComparison.Ordinal);
        var problem = JsonNode.Parse(Body)!.AsObject();
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.DoesNotContain("   at ", Body, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>Joins the chunks of a chunked body. Chunk sizes count bytes, so this runs before UTF-8 decoding.</summary>
    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        var result = new List<byte>(body.Length);
        while (!body.IsEmpty)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0], 16);
            if (size == 0) break;
            body = body[(lineEnd + 2)..];
            result.AddRange(body[..Math.Min(size, body.Length)]);
            body = body[Math.Min(size + 2, body.Length)..];
        }

        return [.. result];
    }
}
