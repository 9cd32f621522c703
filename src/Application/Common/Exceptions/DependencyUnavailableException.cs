namespace CleanShop.Application.Common.Exceptions;

/// <summary>A component the use case needs (object storage, cache) cannot be reached now. Becomes 503 with Retry-After.</summary>
public sealed class DependencyUnavailableException(string dependency, Exception? inner = null)
    : Exception($"{dependency} is unavailable right now; try again shortly.", inner)
{
    public string Dependency { get; } = dependency;
}
