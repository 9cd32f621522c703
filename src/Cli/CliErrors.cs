using System.Data.Common;
using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Images;
using FluentValidation;

namespace CleanShop.Cli;

/// <summary>The one place where an exception becomes an exit code and a one-line message, as the API's problem details handler does for HTTP.</summary>
internal static class CliErrors
{
    public static (int ExitCode, string Message) Describe(Exception exception) => exception switch
    {
        ValidationException validation => (ExitCodes.BadInput, string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct())),
        ImageRejectedException or NotFoundException or ConflictException => (ExitCodes.BadInput, exception.Message),
        DependencyUnavailableException => (ExitCodes.Failed, exception.Message),
        OperationCanceledException => (ExitCodes.Failed, "cancelled."),
        _ when FindDatabaseFailure(exception) is { } database => (ExitCodes.Failed, $"the catalog database could not be used: {database.Message}"),
        _ => (ExitCodes.Failed, exception.Message),
    };

    /// <summary>A database error, maybe wrapped by EF Core (the server went away, the schema is missing).</summary>
    private static DbException? FindDatabaseFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException database)
                return database;
        }

        return null;
    }
}
