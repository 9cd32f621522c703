using CleanShop.Application.Common.Serialization;
using CleanShop.Application.Common.Exceptions;
using CleanShop.Application.Common.Validation;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CleanShop.Api.Errors;

/// <summary>
/// The one place where exceptions become RFC 9457 problem details. A closed set is mapped to 4xx/503;
/// anything else is logged and answered with a bare 500 that says nothing of the internals.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying while a dependency is down.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status >= 500)
            logger.LogError(exception, "{Method} {Path} failed: {Title}", httpContext.Request.Method, httpContext.Request.Path, problem.Title);
        else
            logger.LogInformation("{Method} {Path} answered {Status}: {Detail}", httpContext.Request.Method, httpContext.Request.Path, problem.Status, problem.Detail);

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (problem.Status == StatusCodes.Status413PayloadTooLarge)
            httpContext.Response.Headers.Connection = "close"; // else the server would read the rest of the refused body, to reuse the connection
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        ValidationException validation => new HttpValidationProblemDetails(
            validation.Errors
                .GroupBy(e => JsonContract.Name(e.PropertyName.Split('[', '.')[0]))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        },
        DomainException domain => new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [JsonContract.Name(domain.Field)] = [domain.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        },
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
        ConflictException conflict => Problem(StatusCodes.Status409Conflict, "Conflict.", conflict.Message),
        ImageUploadRefusedException refused => UploadProblem(refused),
        DependencyUnavailableException unavailable =>
            Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable.", unavailable.Message),
        // The framework's words may quote the request's own bytes ("Invalid header line: \r"): escaped, never echoed raw.
        BadHttpRequestException badRequest =>
            Problem(badRequest.StatusCode, badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large." : "Bad request.", ClientText.Printable(badRequest.Message, int.MaxValue)),
        _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", null),
    };

    /// <summary>
    /// The one map from an upload's verdicts to problem details, for every upload route: bad names first (400, each
    /// named), then the first file refused for its content, then one whose name is taken.
    /// </summary>
    private static ProblemDetails UploadProblem(ImageUploadRefusedException refused)
    {
        var names = refused.Refused.Where(f => f.Verdict is ImageUploadVerdict.InvalidName or ImageUploadVerdict.DuplicateName).ToList();
        if (names.Count > 0)
        {
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["files"] = names.Select(f => f.Reason!).ToArray() })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            };
        }

        var first = refused.Refused.FirstOrDefault(f => f.Verdict != ImageUploadVerdict.Exists) ?? refused.Refused.First();
        return first.Verdict switch
        {
            ImageUploadVerdict.TooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "File too large.", first.Reason),
            ImageUploadVerdict.TooManyPixels => Problem(StatusCodes.Status422UnprocessableEntity, "Image too large in pixels.", first.Reason),
            ImageUploadVerdict.Sha256Mismatch => Problem(StatusCodes.Status422UnprocessableEntity, "Content differs from what was declared.", first.Reason),
            ImageUploadVerdict.Exists => Problem(StatusCodes.Status409Conflict, "Conflict.", $"{first.Reason} Send overwrite=true to replace it."),
            _ => Problem(StatusCodes.Status415UnsupportedMediaType, "Not an allowed image.", first.Reason),
        };
    }

    private static ProblemDetails Problem(int status, string title, string? detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
