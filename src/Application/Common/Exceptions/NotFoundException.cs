namespace CleanShop.Application.Common.Exceptions;

/// <summary>The thing asked for does not exist. Becomes 404.</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    public NotFoundException(string entity, object key) : this($"{entity} {key} was not found.") { }
}
