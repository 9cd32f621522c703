using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CleanShop.Application.Common.Serialization;

/// <summary>
/// The wire format the storefronts were written against: snake_case, string prices, UTC seconds. Both hosts
/// write it: the API for every response, the command line for its --json output.
/// </summary>
public static class JsonContract
{
    /// <summary>Options for a host that has none of its own (ASP.NET Core's escaping: a URL's '&amp;' stays as it is).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Apply(options);
        return options;
    }

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new PriceJsonConverter());
        options.Converters.Add(new UtcSecondsJsonConverter());
    }

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    /// <summary>A property name as clients know it (PageSize → page_size). Kept: validation asks for it on every request.</summary>
    public static string Name(string propertyName) => Names.GetOrAdd(propertyName, static name => JsonNamingPolicy.SnakeCaseLower.ConvertName(name));
}
