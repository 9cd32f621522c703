using FluentValidation;
using Mediator;

namespace CleanShop.Application.Common.Behaviors;

/// <summary>Runs every validator of a message before its handler; a failure never reaches the handler.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly IValidator<TMessage>[] _validators = [.. validators];

    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        // Most messages have no validator (a product read): they go straight on, without a state machine of their own.
        _validators.Length == 0 ? next(message, cancellationToken) : ValidateThenHandleAsync(message, next, cancellationToken);

    private async ValueTask<TResponse> ValidateThenHandleAsync(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
                throw new ValidationException(result.Errors);
        }

        return await next(message, cancellationToken);
    }
}
