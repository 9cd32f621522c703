namespace CleanShop.Api.Endpoints;

/// <summary>Staff who may change the catalog: a JWT bearer token with the role "admin".</summary>
public static class AdminPolicy
{
    public const string Name = "admin";
    public const string Role = "admin";
}
