namespace CleanShop.Application.Common.Exceptions;

/// <summary>The request clashes with the current state (an image of that name exists already). Becomes 409.</summary>
public sealed class ConflictException(string message) : Exception(message);
