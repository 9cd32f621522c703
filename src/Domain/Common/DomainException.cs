namespace CleanShop.Domain.Common;

/// <summary>A rule of the domain was broken: the caller asked for a state that cannot exist.</summary>
public sealed class DomainException(string field, string message) : Exception(message)
{
    /// <summary>The field (in the domain's own words) whose value broke the rule.</summary>
    public string Field { get; } = field;
}
