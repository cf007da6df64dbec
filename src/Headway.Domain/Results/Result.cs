using System.Diagnostics.CodeAnalysis;

namespace Headway.Domain.Results;

/// <summary>
/// The outcome of a use case: a value, or a refusal. <see cref="Succeeded"/> tells the compiler which of the two is
/// set, so a caller that checked it reads <see cref="Value"/> or <see cref="Refusal"/> without a null-forgiving
/// operator. <typeparamref name="T"/> is never nullable: an outcome that may be "nothing" says so in its own type.
/// </summary>
/// <typeparam name="T">The value of a success.</typeparam>
public readonly record struct Result<T>
    where T : notnull
{
    private Result(T? value, Refusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>The value when the request succeeded.</summary>
    public T? Value { get; }

    /// <summary>The refusal when it did not.</summary>
    public Refusal? Refusal { get; }

    /// <summary>Whether the request succeeded: then <see cref="Value"/> is set, otherwise <see cref="Refusal"/>.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Refusal is null;

    /// <summary>A success.</summary>
#pragma warning disable CA1000 // A static factory on the generic type reads best at call sites.
    public static Result<T> Ok(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static Result<T> Refuse(Refusal refusal) => new(default, refusal);
#pragma warning restore CA1000

    /// <summary>Lifts a refusal into a result.</summary>
#pragma warning disable CA2225
    public static implicit operator Result<T>(Refusal refusal) => Refuse(refusal);
#pragma warning restore CA2225
}
