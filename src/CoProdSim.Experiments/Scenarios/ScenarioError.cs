namespace CoProdSim.Experiments.Scenarios;

/// <summary>A problem in a scenario file, at a line and column, in words that say what was found and what is allowed.</summary>
public sealed record ScenarioError(string File, int Line, int Column, string Message)
{
    /// <summary>The conventional <c>FILE:LINE:COLUMN: message</c> form that editors and CI logs link to.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: error: {Message}" : $"{File}: error: {Message}";
}

/// <summary>Thrown when a scenario cannot be used; carries every error found, not just the first.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Wraps the errors.</summary>
    public ScenarioException(IReadOnlyList<ScenarioError> errors) : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    /// <summary>Creates an exception for a single error.</summary>
    public ScenarioException(ScenarioError error) : this([error]) { }

    /// <summary>Required by convention.</summary>
    public ScenarioException() : this([]) { }

    /// <summary>Required by convention.</summary>
    public ScenarioException(string message) : this([new ScenarioError("", 0, 0, message)]) { }

    /// <summary>Required by convention.</summary>
    public ScenarioException(string message, Exception inner) : base(message, inner) => Errors = [new ScenarioError("", 0, 0, message)];

    /// <summary>Every error found.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    /// <summary>Errors found but not listed in <see cref="Errors"/> (beyond the cap; the last entry of <see cref="Errors"/> then says how many).</summary>
    public int Unlisted { get; init; }
}
