namespace CleanShop.IntegrationTests.Support;

/// <summary>The API with a file size limit small enough for tests to cross it.</summary>
public sealed class SmallUploadLimitApiFactory : CleanShopApiFactory
{
    public const int MaxFileBytes = 64 * 1024;

    public SmallUploadLimitApiFactory()
    {
        Settings["ImageUpload:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
