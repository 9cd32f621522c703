using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.ProductImages.Uploads;
using FluentValidation;

namespace CleanShop.Cli;

/// <summary>The one place where an exception becomes an exit code and a one-line message, as the API's problem details handler does for HTTP.</summary>
internal static class CliErrors
{
    public static (int ExitCode, string Message) Describe(Exception exception) => exception switch
    {
        ValidationException validation => (ExitCodes.BadInput, string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct())),
        ImageUploadRefusedException or NotFoundException or ConflictException => (ExitCodes.BadInput, exception.Message),
        DependencyUnavailableException => (ExitCodes.Failed, exception.Message),
        OperationCanceledException => (ExitCodes.Failed, "cancelled."),
        _ => (ExitCodes.Failed, exception.Message),
    };
}
