using System.Text.Json;
using System.Text.Json.Nodes;
using CoProdSim.Engine;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model;
using CoProdSim.Model.Metrics;

namespace CoProdSim.Experiments.Running;

/// <summary>
/// Builds the model of each run, as Mesa's <c>batch_run(model_cls, ...)</c> takes a model class: the runner
/// plans, schedules, records and writes, and knows nothing of what the model is.
/// </summary>
public interface IModelFactory
{
    /// <summary>Names of the metrics every model writes, in order: the metric columns of timeseries.csv.</summary>
    IReadOnlyList<string> MetricNames { get; }

    /// <summary>Ticks <paramref name="run"/> lasts (tick 0, the initial state, comes on top).</summary>
    long HorizonOf(RunSpec run);

    /// <summary>The model of <paramref name="run"/>, seeded with <see cref="RunSpec.Seed"/>, to run on <paramref name="threads"/> threads.</summary>
    ISimulationModel Create(RunSpec run, int threads);
}

/// <summary>
/// What the runner needs to run an experiment: the manifest's description of it (the runner adds times, threads
/// and seeds), the plan of runs (labels only: strategies, sweep points, replications) and which files to write.
/// A scenario is one source of these (<see cref="From"/>); a test can describe a plain model directly.
/// </summary>
public sealed record Experiment(RunManifest Manifest, RunPlan Plan, OutputSpec Outputs)
{
    /// <summary>
    /// Runs that need not be simulated because another run of the plan is provably the same simulation (same
    /// parameters, same seed): each maps to the run whose results it copies, with its own sweep values.
    /// </summary>
    public IReadOnlyDictionary<RunSpec, RunSpec> Copies { get; init; } = new Dictionary<RunSpec, RunSpec>();

    /// <summary>The experiment a scenario describes.</summary>
    public static Experiment From(Scenario scenario) => new Experiment(
        new RunManifest
        {
            ScenarioName = scenario.Name,
            ScenarioDescription = scenario.Description,
            ScenarioFile = scenario.SourcePath,
            ScenarioSha256 = scenario.SourceHash,
            Overrides = scenario.Overrides,
            Seed = scenario.Seed,
            Replications = scenario.Replications,
            Horizon = scenario.Model.Horizon,
            Citizens = scenario.Model.Population[CoProdSim.Model.Parameters.PopulationParameters.Citizens],
            Neighbourhoods = scenario.Model.Population[CoProdSim.Model.Parameters.PopulationParameters.Neighbourhoods],
            Parameters = ParametersOf(scenario),
            Sweep = scenario.Sweep is { } sweep ? ManifestSweep.Of(sweep) : null,
            Baseline = scenario.Baseline,
            HeadlineMetrics = scenario.Outputs.Metrics,
            Derived = scenario.Outputs.Derived.Count > 0 ? scenario.Outputs.Derived : null,
        },
        new RunPlan(scenario),
        scenario.Outputs) { Copies = BaselineCopies(scenario) };

    /// <summary>
    /// The baseline's runs at sweep points after the first, when no swept parameter can change the baseline: every
    /// swept path names another strategy (<c>strategies.OTHER.KEY</c>). Replication r of the baseline then has the
    /// same parameters and seed at every point, so it is simulated once, at the first point, and copied. Any other
    /// path (one that sets every strategy, the population, behaviour, a domain or a body) may change it, so nothing
    /// is copied.
    /// </summary>
    public static IReadOnlyDictionary<RunSpec, RunSpec> BaselineCopies(Scenario scenario)
    {
        var copies = new Dictionary<RunSpec, RunSpec>();
        if (scenario.Baseline is not { } baseline || scenario.Sweep is not { } sweep) return copies;
        bool unchanged = sweep.Parameters.All(p =>
            ParameterPaths.TryResolve(p.Path, out ParameterPaths.Resolved? r, out _)
            && r!.Placement.Owner == ParameterPaths.Owner.Strategy && r.OwnerName != baseline);
        if (!unchanged) return copies;
        var plan = new RunPlan(scenario);
        int b = scenario.Strategies.ToList().FindIndex(s => s.Name == baseline);
        var first = plan.Runs.Where(r => r.Point == 0 && r.Strategy == b).ToDictionary(r => r.Replication);
        foreach (RunSpec run in plan.Runs.Where(r => r.Point > 0 && r.Strategy == b)) copies[run] = first[run.Replication];
        return copies;
    }

    private static JsonNode ParametersOf(Scenario scenario)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) ManifestParameters.Write(writer, scenario);
        return JsonNode.Parse(stream.ToArray())!;
    }
}

/// <summary>Builds the co-production model of each run of a scenario: the scenario's parameters, the run's strategy and sweep point.</summary>
public sealed class CoProductionFactory : IModelFactory
{
    private readonly Scenario _scenario;

    /// <summary>Builds the models of <paramref name="scenario"/>'s runs.</summary>
    public CoProductionFactory(Scenario scenario)
    {
        _scenario = scenario;
        // The model declares its metrics by its domains; this is that declaration, before any model is built.
        MetricNames = MetricCatalog.Names(scenario.Model.Domains.Select(d => d.Name).ToArray());
    }

    /// <inheritdoc />
    public IReadOnlyList<string> MetricNames { get; }

    /// <inheritdoc />
    public long HorizonOf(RunSpec run) => RunPlan.ParametersFor(_scenario, run.Point, run.Strategy).Horizon;

    /// <inheritdoc />
    public ISimulationModel Create(RunSpec run, int threads) =>
        new CoProductionModel(RunPlan.ParametersFor(_scenario, run.Point, run.Strategy), run.Seed, threads);
}
