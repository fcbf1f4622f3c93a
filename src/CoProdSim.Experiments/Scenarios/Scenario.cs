using CoProdSim.Model.Parameters;

namespace CoProdSim.Experiments.Scenarios;

/// <summary>One strategy to compare: a name and its levers (a preset, possibly with levers changed).</summary>
public sealed record StrategySpec(string Name, string? Preset, ParameterValues Levers);

/// <summary>How the sweep's points are chosen.</summary>
public enum SweepMethod
{
    /// <summary>Every combination of each parameter's values.</summary>
    Grid,
    /// <summary>A Latin hypercube sample over the parameters' ranges (McKay, Beckman &amp; Conover 1979).</summary>
    LatinHypercube,
}

/// <summary>One swept parameter: its dotted path and either explicit values or a range.</summary>
public sealed record SweepParameter(string Path, double Min, double Max, int Steps, IReadOnlyList<double>? Values, bool Integer);

/// <summary>The sweep of a scenario; <see cref="Points"/> lists the parameter values of each point in order.</summary>
public sealed record SweepSpec(SweepMethod Method, int Samples, IReadOnlyList<SweepParameter> Parameters, IReadOnlyList<IReadOnlyList<double>> Points);

/// <summary>Which files a run writes.</summary>
public sealed record OutputSpec(bool TimeSeries = true, bool Summary = true, bool Report = true);

/// <summary>
/// A scenario file, fully resolved and validated: what the experiment compares, on which population, with how many
/// replications. Immutable; the engine and model never see the text it came from.
/// </summary>
public sealed record Scenario
{
    /// <summary>Largest root seed: the largest whole number a JSON reader keeps exactly (2^53 - 1).</summary>
    public const ulong MaxSeed = 9007199254740991;

    /// <summary>Most runs (sweep points x strategies x replications) one scenario may ask for.</summary>
    public const long MaxRuns = 1_000_000;

    /// <summary>Identifier used for the output folder.</summary>
    public required string Name { get; init; }

    /// <summary>The question the scenario answers, in words.</summary>
    public string Description { get; init; } = "";

    /// <summary>Root seed: every replication's seed is derived from it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Replications per strategy (and sweep point).</summary>
    public int Replications { get; init; } = 10;

    /// <summary>Everything but the strategy: population, domains, public bodies, behaviour, horizon.</summary>
    public required ModelParameters Model { get; init; }

    /// <summary>The strategies to compare, in file order.</summary>
    public required IReadOnlyList<StrategySpec> Strategies { get; init; }

    /// <summary>The sweep, if any.</summary>
    public SweepSpec? Sweep { get; init; }

    /// <summary>Files to write.</summary>
    public OutputSpec Outputs { get; init; } = new();

    /// <summary>Path of the file it was read from.</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public string SourceHash { get; init; } = "";

    /// <summary>The --set overrides applied after loading, as given.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>
    /// The scenario with root seed <paramref name="seed"/>: every design that samples (a Latin hypercube) is drawn
    /// again from it, so a design is always seeded from the scenario's seed.
    /// </summary>
    public Scenario WithSeed(ulong seed) => this with
    {
        Seed = seed,
        Sweep = Sweep is { Method: SweepMethod.LatinHypercube } s ? s with { Points = SweepPoints.Generate(s.Method, s.Parameters, s.Samples, seed) } : Sweep,
    };

    /// <summary>Number of sweep points (1 without a sweep).</summary>
    public int PointCount => Sweep?.Points.Count ?? 1;

    /// <summary>Total runs: points x strategies x replications, counted in 64 bits so that it cannot wrap round.</summary>
    public long RunCount => (long)PointCount * Strategies.Count * Replications;

    /// <summary>Why <see cref="RunCount"/> is too many (above <see cref="MaxRuns"/>), and what to change.</summary>
    public string TooManyRuns() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the scenario asks for {RunCount:N0} runs ({PointCount:N0} sweep points x {Strategies.Count:N0} strategies x {Replications:N0} replications); at most {MaxRuns:N0}: lower replications, the sweep's steps, values or samples, or the number of strategies");
}
