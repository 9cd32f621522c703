using CleanShop.Application.Common.Interfaces;
using Mediator;

namespace CleanShop.Application.ProductImages.Commands.MakeImageVariants;

/// <summary>Makes one stored image's variants now (again, unless <paramref name="MissingOnly"/>).</summary>
public sealed record MakeImageVariantsCommand(int ProductId, string Filename, bool MissingOnly) : ICommand<ImageVariantOutcome>;
