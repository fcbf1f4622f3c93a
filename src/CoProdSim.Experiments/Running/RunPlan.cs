using CoProdSim.Engine.Random;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Experiments.Running;

/// <summary>One run of an experiment: a sweep point, a strategy, a replication, and the seed it runs with.</summary>
public sealed record RunSpec(int Point, int Strategy, int Replication, ulong Seed)
{
    /// <summary>A stable identifier, used to name the run's part file.</summary>
    public string Id => $"p{Point:D5}-s{Strategy:D3}-r{Replication:D5}";
}

/// <summary>
/// Every run of a scenario, in canonical order (sweep point, then strategy, then replication): the order of rows in
/// timeseries.csv whatever order runs finish in.
/// </summary>
public sealed class RunPlan
{
    /// <summary>Plans the runs of <paramref name="scenario"/>.</summary>
    public RunPlan(Scenario scenario)
        : this(scenario.Strategies.Select(s => s.Name).ToArray(), scenario.PointCount, scenario.Replications, scenario.Seed)
    {
    }

    /// <summary>
    /// Plans every replication of every strategy at every sweep point. Only labels are needed, not what they mean,
    /// so the runner can run any model whose factory understands them.
    /// </summary>
    public RunPlan(IReadOnlyList<string> strategies, int points, int replications, ulong seed)
    {
        Strategies = strategies;
        var runs = new List<RunSpec>(points * strategies.Count * replications);
        for (int p = 0; p < points; p++)
            for (int s = 0; s < strategies.Count; s++)
                for (int r = 0; r < replications; r++)
                    runs.Add(new RunSpec(p, s, r, ReplicationSeed(seed, r)));
        Runs = runs;
    }

    /// <summary>Strategy names, by index of <see cref="RunSpec.Strategy"/>.</summary>
    public IReadOnlyList<string> Strategies { get; }

    /// <summary>The runs, in canonical order.</summary>
    public IReadOnlyList<RunSpec> Runs { get; }

    /// <summary>
    /// Seed of replication <paramref name="replication"/>: derived from the root seed by a hash, so replications are
    /// independent streams. The same replication uses the same seed under every strategy and sweep point (common
    /// random numbers): the same synthetic population meets each strategy, so differences are paired. Seeds keep 53
    /// bits of the hash, so every reader of the outputs (R's read.csv and arrow, pandas, spreadsheets) reads them
    /// exactly: a double holds every whole number below 2^53.
    /// </summary>
    public static ulong ReplicationSeed(ulong root, int replication) => Mixer.DeriveSeed(root, (ulong)replication) & MaxExactSeed;

    /// <summary>The largest seed a double holds exactly, 2^53 - 1: replication seeds are kept below it.</summary>
    public const ulong MaxExactSeed = (1UL << 53) - 1;

    /// <summary>The model parameters of a run: the scenario's model, the strategy's levers, the sweep point's values.</summary>
    public static ModelParameters ParametersFor(Scenario scenario, int point, int strategy)
    {
        ModelParameters model = scenario.Model;
        StrategySpec spec = scenario.Strategies[strategy];
        IReadOnlyList<StrategySpec> one = [spec];
        if (scenario.Sweep is { } sweep)
        {
            for (int k = 0; k < sweep.Parameters.Count; k++)
            {
                string path = sweep.Parameters[k].Path;
                // A sweep of one strategy's lever leaves the other strategies alone.
                if (path.StartsWith("strategies.", StringComparison.Ordinal) && !path.StartsWith($"strategies.{spec.Name}.", StringComparison.Ordinal)) continue;
                if (!ParameterPaths.TrySetStored(ref model, ref one, path, sweep.Points[point][k], out string? error))
                    throw new InvalidOperationException(error);
            }
        }
        return model with { Strategy = one[0].Levers };
    }
}
