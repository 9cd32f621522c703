using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using CleanShop.Infrastructure.Images;
using Microsoft.Extensions.Configuration;

namespace CleanShop.Infrastructure.Hosting;

/// <summary>
/// Whether the image store can be signed for before any work starts. Static keys are for the local
/// emulator; every other store is reached with the SDK's default chain (environment, profile, instance
/// role), which a command-line host checks up front rather than failing at its first request.
/// </summary>
public static class ImageStorageCredentials
{
    /// <summary>True when static keys are configured or the default chain resolves within <paramref name="timeout"/>.</summary>
    public static bool AreAvailable(IConfiguration configuration, TimeSpan timeout)
    {
        if (!string.IsNullOrEmpty(configuration[$"{ImageOptions.StorageSection}:{nameof(ImageOptions.AccessKey)}"]))
            return true;
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null, cancellation.Token) is not null;
        }
        catch (Exception exception) when (exception is AmazonClientException or OperationCanceledException)
        {
            return false;
        }
    }
}
