using System.Data.Common;
using CleanShop.Application.Common.Behaviors;
using CleanShop.Application.Common.Exceptions;
using CleanShop.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CleanShop.UnitTests.Application;

/// <summary>
/// The pipeline's parts let an answer the handler gave at once pass without a state machine of their own; a failure
/// must still be seen by each of them, whether the handler throws at once, answers with a faulted task, or fails later.
/// </summary>
public sealed class UseCasePipelineTests
{
    public sealed record ProbeQuery(int Value) : IQuery<int>;

    private sealed class ProbeDbException() : DbException("the server went away");

    public enum Failure { ThrownAtOnce, FaultedAtOnce, AfterAwaiting }

    private static MessageHandlerDelegate<ProbeQuery, int> Failing(Failure failure, Exception exception) => failure switch
    {
        Failure.ThrownAtOnce => (_, _) => throw exception,
        Failure.FaultedAtOnce => (_, _) => ValueTask.FromException<int>(exception),
        _ => async (_, _) => { await Task.Yield(); throw exception; },
    };

    private static MessageHandlerDelegate<ProbeQuery, int> Answering(bool atOnce) => atOnce
        ? (query, _) => ValueTask.FromResult(query.Value * 2)
        : async (query, _) => { await Task.Yield(); return query.Value * 2; };

    [Theory]
    [InlineData(Failure.ThrownAtOnce)]
    [InlineData(Failure.FaultedAtOnce)]
    [InlineData(Failure.AfterAwaiting)]
    public async Task A_database_failure_becomes_the_catalog_database_unavailable_however_the_handler_fails(Failure failure)
    {
        var database = new ProbeDbException();

        var thrown = await Assert.ThrowsAsync<DependencyUnavailableException>(async () =>
            await new DatabaseFailureBehavior<ProbeQuery, int>().Handle(new ProbeQuery(1), Failing(failure, database), CancellationToken.None));

        Assert.Same(database, thrown.InnerException);
    }

    [Theory]
    [InlineData(Failure.ThrownAtOnce)]
    [InlineData(Failure.AfterAwaiting)]
    public async Task A_failure_that_is_not_the_databases_passes_through_unchanged(Failure failure)
    {
        var notFound = new NotFoundException("Product", 7);

        var thrown = await Assert.ThrowsAsync<NotFoundException>(async () =>
            await new DatabaseFailureBehavior<ProbeQuery, int>().Handle(new ProbeQuery(1), Failing(failure, notFound), CancellationToken.None));

        Assert.Same(notFound, thrown);
    }

    [Theory]
    [InlineData(Failure.ThrownAtOnce)]
    [InlineData(Failure.FaultedAtOnce)]
    [InlineData(Failure.AfterAwaiting)]
    public async Task A_failed_use_case_is_logged_by_name_with_the_exceptions_type_however_the_handler_fails(Failure failure)
    {
        var logger = new FakeLogger<LoggingBehavior<ProbeQuery, int>>();

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await new LoggingBehavior<ProbeQuery, int>(logger).Handle(new ProbeQuery(1), Failing(failure, new NotFoundException("Product", 7)), CancellationToken.None));

        var line = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.StartsWith("ProbeQuery failed after ", line.Message, StringComparison.Ordinal);
        Assert.EndsWith(": NotFoundException", line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_handled_use_case_is_logged_at_debug_with_its_duration_when_debug_is_on(bool answeredAtOnce)
    {
        var logger = new FakeLogger<LoggingBehavior<ProbeQuery, int>>();

        var answer = await new LoggingBehavior<ProbeQuery, int>(logger).Handle(new ProbeQuery(21), Answering(answeredAtOnce), CancellationToken.None);

        Assert.Equal(42, answer);
        var line = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Matches(@"^Handled ProbeQuery in \d+\.\d ms$", line.Message);
    }

    [Fact]
    public async Task A_handled_use_case_writes_no_line_when_debug_is_off()
    {
        var collector = new FakeLogCollector(Microsoft.Extensions.Options.Options.Create(new FakeLogCollectorOptions()));
        var logger = new FakeLogger<LoggingBehavior<ProbeQuery, int>>(collector);
        logger.ControlLevel(LogLevel.Debug, enabled: false);

        var answer = await new LoggingBehavior<ProbeQuery, int>(logger).Handle(new ProbeQuery(21), Answering(atOnce: true), CancellationToken.None);

        Assert.Equal(42, answer);
        Assert.Empty(collector.GetSnapshot());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_message_without_validators_reaches_its_handler_and_an_invalid_one_never_does(bool hasValidator)
    {
        var reached = false;
        var validators = hasValidator ? new IValidator<ProbeQuery>[] { new PositiveValue() } : [];
        MessageHandlerDelegate<ProbeQuery, int> handler = (query, _) => { reached = true; return ValueTask.FromResult(query.Value); };
        var behavior = new ValidationBehavior<ProbeQuery, int>(validators);

        if (hasValidator)
            await Assert.ThrowsAsync<ValidationException>(async () => await behavior.Handle(new ProbeQuery(-1), handler, CancellationToken.None));
        else
            Assert.Equal(-1, await behavior.Handle(new ProbeQuery(-1), handler, CancellationToken.None));

        Assert.Equal(!hasValidator, reached);
    }

    private sealed class PositiveValue : AbstractValidator<ProbeQuery>
    {
        public PositiveValue() => RuleFor(query => query.Value).GreaterThan(0);
    }
}
