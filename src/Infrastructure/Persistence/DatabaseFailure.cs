using System.Data.Common;

namespace CleanShop.Infrastructure.Persistence;

internal static class DatabaseFailure
{
    /// <summary>The database error behind <paramref name="exception"/>, maybe wrapped by EF Core (a full pool, a server that went away); null when there is none.</summary>
    public static DbException? Find(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException database)
                return database;
        }

        return null;
    }
}
