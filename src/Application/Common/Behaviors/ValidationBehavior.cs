using FluentValidation;
using Mediator;

namespace CleanShop.Application.Common.Behaviors;

/// <summary>Runs every validator of a message before its handler; a failure never reaches the handler.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
                throw new ValidationException(result.Errors);
        }

        return await next(message, cancellationToken);
    }
}
