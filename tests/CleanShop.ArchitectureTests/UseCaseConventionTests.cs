using FluentValidation;
using Mediator;
using NetArchTest.Rules;

namespace CleanShop.ArchitectureTests;

/// <summary>One folder per use case: VerbNoun…Query/…Command, its …Handler and …Validator, sealed, side by side.</summary>
public sealed class UseCaseConventionTests
{
    private static readonly Type[] HandlerInterfaces = [typeof(IQueryHandler<,>), typeof(ICommandHandler<,>), typeof(ICommandHandler<>)];

    private static PredicateList Handlers() =>
        Types.InAssembly(Layers.Application).That()
            .ImplementInterface(typeof(IQueryHandler<,>))
            .Or().ImplementInterface(typeof(ICommandHandler<,>))
            .Or().ImplementInterface(typeof(ICommandHandler<>));

    [Fact]
    public void Handlers_are_found()
    {
        // Guards the rules below: a selection that matched nothing would let every one of them pass.
        Assert.NotEmpty(Handlers().GetTypes());
        Assert.NotEmpty(Types.InAssembly(Layers.Application).That().Inherit(typeof(AbstractValidator<>)).GetTypes());
    }

    [Fact]
    public void Handlers_are_sealed()
    {
        var result = Handlers().Should().BeSealed().GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("Handlers must be sealed", result));
    }

    [Fact]
    public void Handler_names_end_with_Handler()
    {
        var result = Handlers().Should().HaveNameEndingWith("Handler", StringComparison.Ordinal).GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("Handler names must end with 'Handler'", result));
    }

    [Fact]
    public void Validators_are_sealed()
    {
        var result = Types.InAssembly(Layers.Application).That().Inherit(typeof(AbstractValidator<>))
            .Should().BeSealed().GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("Validators must be sealed", result));
    }

    [Fact]
    public void Validator_names_end_with_Validator()
    {
        var result = Types.InAssembly(Layers.Application).That().Inherit(typeof(AbstractValidator<>))
            .Should().HaveNameEndingWith("Validator", StringComparison.Ordinal).GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("Validator names must end with 'Validator'", result));
    }

    [Fact]
    public void Query_names_end_with_Query()
    {
        var result = Types.InAssembly(Layers.Application).That().ImplementInterface(typeof(IQuery<>))
            .Should().HaveNameEndingWith("Query", StringComparison.Ordinal).GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("Query names must end with 'Query'", result));
    }

    [Fact]
    public void Command_names_end_with_Command()
    {
        var result = Types.InAssembly(Layers.Application).That()
            .ImplementInterface(typeof(ICommand))
            .Or().ImplementInterface(typeof(ICommand<>))
            .Should().HaveNameEndingWith("Command", StringComparison.Ordinal).GetResult();

        Assert.True(result.IsSuccessful, Layers.Offenders("Command names must end with 'Command'", result));
    }

    [Fact]
    public void Each_handler_lives_in_the_namespace_of_the_message_it_handles()
    {
        var handled =
            from type in Layers.Application.GetTypes()
            where type is { IsClass: true, IsAbstract: false }
            from contract in type.GetInterfaces()
            where contract.IsGenericType && HandlerInterfaces.Contains(contract.GetGenericTypeDefinition())
            select (Handler: type, Message: contract.GetGenericArguments()[0]);
        var pairs = handled.Distinct().ToList();

        var misplaced = pairs
            .Where(p => p.Handler.Namespace != p.Message.Namespace)
            .Select(p => $"{p.Handler.FullName} handles {p.Message.FullName}");

        Assert.NotEmpty(pairs);
        Assert.True(!misplaced.Any(), Layers.Offenders("A handler must live in its message's namespace (its use-case folder)", misplaced));
    }
}
