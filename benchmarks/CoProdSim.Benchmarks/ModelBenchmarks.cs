using BenchmarkDotNet.Attributes;
using CoProdSim.Engine;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Benchmarks;

/// <summary>Finds the repository's scenarios from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static class Repo
{
    public static string Scenario(string name)
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                string path = Path.Combine(d.FullName, "scenarios", name);
                if (File.Exists(path)) return path;
            }
        throw new FileNotFoundException($"scenarios/{name} not found above {Environment.CurrentDirectory}");
    }
}

/// <summary>
/// One tick (a simulated month) of four-cos, at 10k, 100k and 1M citizens (5,000 per neighbourhood), on 1 and 2
/// threads. Cost per citizen-tick and scaling with threads come from here (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class TickBenchmarks
{
    private Simulation _simulation = null!;

    /// <summary>Citizens.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Citizens { get; set; }

    /// <summary>Threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the model and runs a few months so that the state is warm.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var p = new ModelParameters { Strategy = StrategyPresets.FourCos }
            .With(PopulationParameters.Citizens, Citizens)
            .With(PopulationParameters.Neighbourhoods, Math.Max(2, Citizens / 5_000));
        _simulation = new Simulation(new CoProductionModel(p, 42, Threads), Threads);
        for (int t = 0; t < 6; t++) _simulation.Step();
    }

    /// <summary>One month.</summary>
    [Benchmark]
    public void Tick() => _simulation.Step();

    /// <summary>Ends the simulation's worker threads.</summary>
    [GlobalCleanup]
    public void Cleanup() => _simulation.Dispose();
}

/// <summary>The whole benchmark-1m scenario: population set-up, and 120 months of 1,000,000 citizens under four-cos.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class Benchmark1mBenchmarks
{
    private ModelParameters _parameters = null!;
    private CoProductionModel? _model;

    /// <summary>Threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Reads scenarios/benchmark-1m.yaml.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Scenario s = ScenarioLoader.Load(Repo.Scenario("benchmark-1m.yaml"));
        _parameters = RunPlan.ParametersFor(s, 0, 0);
    }

    /// <summary>Builds a fresh population for the run (not timed by <see cref="Ticks"/>).</summary>
    [IterationSetup(Target = nameof(Ticks))]
    public void BuildForTicks() => _model = new CoProductionModel(_parameters, 1_000_000, Threads);

    /// <summary>Population synthesis and network: 1,000,000 citizens.</summary>
    [Benchmark]
    public CoProductionModel PopulationSetup() => new(_parameters, 1_000_000, Threads);

    /// <summary>The 120 ticks.</summary>
    [Benchmark]
    public void Ticks()
    {
        using var sim = new Simulation(_model!, Threads);
        for (int t = 0; t < _parameters.Horizon; t++) sim.Step();
    }
}

/// <summary>Ensemble throughput: many small runs at once, as a sweep or a classroom does, through the real runner and its files.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class EnsembleBenchmarks
{
    private Scenario _scenario = null!;
    private string _dir = "";

    /// <summary>The classroom scenario with 16 replications: 32 runs of 2,000 citizens over 36 months.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _scenario = ScenarioLoader.Load(Repo.Scenario("classroom.yaml")) with { Replications = 16, Outputs = new OutputSpec(true, true, false) };
        _dir = Path.Combine(Path.GetTempPath(), "coprodsim-bench-ensemble");
    }

    /// <summary>All 32 runs on 2 threads, with their CSV parts, summary and manifest.</summary>
    [Benchmark]
    public int ThirtyTwoClassroomRuns() => new EnsembleRunner(_scenario, _dir, threads: 2, resume: false).Run().Runs;

    /// <summary>Removes the output.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>Reading a results folder back for the report: memory must not grow with the number of replications.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ResultReadingBenchmarks
{
    private string _dir = "";

    /// <summary>Replications per strategy of the folder read (2 strategies, so twice as many runs).</summary>
    [Params(50, 500)]
    public int Replications { get; set; }

    /// <summary>The classroom scenario at 200 citizens, run once into a folder to read.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Scenario scenario = ScenarioLoader.Load(Repo.Scenario("classroom.yaml"), ["population.citizens=200"]) with { Replications = Replications, Outputs = new OutputSpec(true, true, false) };
        _dir = Path.Combine(Path.GetTempPath(), $"coprodsim-bench-read-{Replications}");
        new EnsembleRunner(scenario, _dir, threads: Environment.ProcessorCount, resume: false).Run();
    }

    /// <summary>Reads timeseries.csv and manifest.json into the report's estimates.</summary>
    [Benchmark]
    public int LoadResultSet() => ResultSet.Load(_dir).Replications;

    /// <summary>Removes the folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
