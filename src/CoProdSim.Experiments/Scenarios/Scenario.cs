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
    /// <summary>Saltelli's scheme on a Sobol' sequence, for first-, total- (and second-) order Sobol' indices.</summary>
    Sobol,
    /// <summary>Morris elementary-effects trajectories on a grid of levels, spread out as Campolongo et al. (2007).</summary>
    Morris,
    /// <summary>Independent uniform samples over the parameters' ranges.</summary>
    MonteCarlo,
    /// <summary>The points listed in a CSV file.</summary>
    File,
}

/// <summary>
/// One swept parameter: its dotted path and either explicit values or a range. Values are stored values: numbers,
/// or for a choice parameter (<see cref="Choice"/>) the index of the name among the allowed names.
/// </summary>
public sealed record SweepParameter(string Path, double Min, double Max, int Steps, IReadOnlyList<double>? Values, bool Integer)
{
    /// <summary>True for a parameter that takes names (targeting, allocation): its values are indexes of names.</summary>
    public bool Choice { get; init; }
}

/// <summary>The settings of the sampling designs and of the sensitivity analysis, with their defaults.</summary>
public sealed record DesignOptions
{
    /// <summary>Default output metrics of the sensitivity analysis.</summary>
    public static readonly IReadOnlyList<string> DefaultMetrics = ["outcome_index", "public_cost", "participation_rate", "outcome_gap", "trust_mean", "carer_burnout_rate"];

    /// <summary>Sobol: also the second-order indices (N(2k + 2) points rather than N(k + 2)).</summary>
    public bool SecondOrder { get; init; }

    /// <summary>Morris: trajectories r.</summary>
    public int Trajectories { get; init; } = 10;

    /// <summary>Morris: levels p of the grid (even).</summary>
    public int Levels { get; init; } = 4;

    /// <summary>Morris: candidate trajectories from which the r most spread out are chosen (0: r x 4).</summary>
    public int Candidates { get; init; }

    /// <summary>File design: the CSV's path as written in the scenario (relative to the scenario's folder).</summary>
    public string? File { get; init; }

    /// <summary>Metrics analysed.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = DefaultMetrics;

    /// <summary>The statistic of each run's time series that is analysed (<see cref="Sensitivity.ResponseStatistic"/>).</summary>
    public string Statistic { get; init; } = "final";
}

/// <summary>The sweep of a scenario; <see cref="Points"/> lists the parameter values of each point in order.</summary>
public sealed record SweepSpec(SweepMethod Method, int Samples, IReadOnlyList<SweepParameter> Parameters, IReadOnlyList<IReadOnlyList<double>> Points)
{
    /// <summary>Settings of the design and the analysis.</summary>
    public DesignOptions Options { get; init; } = new();
}

/// <summary>
/// Which files a run writes. <see cref="Csv"/> and <see cref="Parquet"/> are the formats of the time series and the
/// summary (<c>outputs.format</c>): CSV only by default.
/// </summary>
public sealed record OutputSpec(bool TimeSeries = true, bool Summary = true, bool Report = true, bool Csv = true, bool Parquet = false)
{
    /// <summary>
    /// The metrics of the terminal table and the report's headline table, and of the sensitivity analysis unless
    /// <c>sweep.metrics</c> names others (<c>outputs.metrics</c>); null for the default columns.
    /// </summary>
    public IReadOnlyList<string>? Metrics { get; init; }

    /// <summary>Metrics defined in the scenario from the catalogue's (<c>outputs.derived</c>), in order: columns after the catalogue's.</summary>
    public IReadOnlyList<DerivedMetric> Derived { get; init; } = [];
}

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

    /// <summary>The strategy every other is compared with in differences.csv (paired by replication), or null.</summary>
    public string? Baseline { get; init; }

    /// <summary>Path of the file it was read from.</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public string SourceHash { get; init; } = "";

    /// <summary>The --set overrides applied after loading, as given.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>
    /// The scenario with root seed <paramref name="seed"/>: every design that samples (a Latin hypercube, Morris,
    /// Monte Carlo) is drawn again from it, so a design is always seeded from the scenario's seed.
    /// </summary>
    public Scenario WithSeed(ulong seed) => this with
    {
        Seed = seed,
        Sweep = Sweep is { } s && Designs.Design.For(s.Method).Samples ? s with { Points = SweepPoints.Generate(s, seed) } : Sweep,
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
