namespace CoProdSim.Model.Parameters;

/// <summary>
/// Everything one run of the model needs: the values of each section of the parameter table, validated once
/// (<see cref="ParameterCatalog.Validate"/>) and immutable. The parameters themselves are declared once, in
/// <see cref="RunParameters"/>, <see cref="PopulationParameters"/>, <see cref="BehaviourParameters"/>,
/// <see cref="DomainParameters"/>, <see cref="PublicBodyParameters"/> and <see cref="StrategyLevers"/>.
/// </summary>
public sealed record ModelParameters
{
    /// <summary>Top-level run settings (horizon, partitions).</summary>
    public ParameterValues Run { get; init; } = RunParameters.Section.Defaults;

    /// <summary>The synthetic population.</summary>
    public ParameterValues Population { get; init; } = PopulationParameters.Section.Defaults;

    /// <summary>Service domains, each with its production function. Defaults: the four of docs/odd.md.</summary>
    public IReadOnlyList<Domain> Domains { get; init; } = DomainParameters.Defaults;

    /// <summary>Public bodies. Default: one council serving every domain.</summary>
    public IReadOnlyList<PublicBody> PublicBodies { get; init; } = [PublicBodyParameters.Council];

    /// <summary>Behavioural coefficients of citizens.</summary>
    public ParameterValues Behaviour { get; init; } = BehaviourParameters.Section.Defaults;

    /// <summary>The strategy every public body follows in this run.</summary>
    public ParameterValues Strategy { get; init; } = StrategyPresets.Traditional;

    /// <summary>Months simulated.</summary>
    public int Horizon => Run[RunParameters.Horizon];

    /// <summary>Number of partitions of the population (fixed: results do not depend on threads).</summary>
    public int Partitions => Run[RunParameters.Partitions];

    /// <summary>A copy with one run, population, behaviour or strategy parameter changed.</summary>
    public ModelParameters With(Parameter p, double stored) => p.Section switch
    {
        var s when s == RunParameters.Section => this with { Run = Run.WithStored(p, stored) },
        var s when s == PopulationParameters.Section => this with { Population = Population.WithStored(p, stored) },
        var s when s == BehaviourParameters.Section => this with { Behaviour = Behaviour.WithStored(p, stored) },
        var s when s == StrategyLevers.Section => this with { Strategy = Strategy.WithStored(p, stored) },
        _ => throw new ArgumentException($"'{p}' belongs to a named domain or public body; change it through Domains or PublicBodies", nameof(p)),
    };
}

/// <summary>Top-level settings of a run.</summary>
public static class RunParameters
{
    /// <summary>The section (top level of a scenario file).</summary>
    public static readonly ParameterSection Section = new("");

    public static readonly IntegerParameter Horizon = Section.Integer("horizon", 60, 1, 100_000, "months",
        "Months simulated.", "assumption: five years, long enough for trust and burnout to settle");

    public static readonly IntegerParameter Partitions = Section.Integer("partitions", 64, 1, 4096, "",
        "Partitions of the population for parallel work; results depend on it, not on threads.", "engine setting, not a model assumption");
}
