using CoProdSim.Engine;
using CoProdSim.Engine.Recording;
using CoProdSim.Model;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Model;

/// <summary>Runs the model in memory and reads its metrics by name: the tests' window on a run.</summary>
internal sealed class ModelRun
{
    private readonly string[] _names;

    private ModelRun(CoProductionModel model, IReadOnlyList<(long Tick, double[] Values)> rows)
    {
        Model = model;
        _names = model.MetricNames.ToArray();
        Rows = rows;
    }

    public CoProductionModel Model { get; }

    public IReadOnlyList<(long Tick, double[] Values)> Rows { get; }

    /// <summary>A small population by default: 3,000 citizens in 10 neighbourhoods, 16 partitions.</summary>
    public static ModelParameters Small(ParameterValues strategy, int citizens = 3_000, int horizon = 60) => new ModelParameters
    {
        Population = PopulationParameters.Section.Defaults
            .With(PopulationParameters.Citizens, citizens)
            .With(PopulationParameters.Neighbourhoods, 10),
        Strategy = strategy,
    }.With(RunParameters.Horizon, horizon).With(RunParameters.Partitions, 16);

    public static ModelRun Of(ModelParameters p, ulong seed = 1, int threads = 1) => Of(new CoProductionModel(p, seed, threads), p.Horizon, threads);

    /// <summary>Runs a model already built (and perhaps changed by the test).</summary>
    public static ModelRun Of(CoProductionModel model, int horizon, int threads = 1)
    {
        var sink = new MemorySink();
        using (var recorder = new MetricRecorder(sink, model.MetricNames.Count))
        {
            using (var simulation = new Simulation(model, threads)) simulation.Run(horizon, recorder);
        }
        return new ModelRun(model, sink.Rows);
    }

    public double At(string metric, int tick) => Rows[tick].Values[Index(metric)];

    public double Final(string metric) => At(metric, Rows.Count - 1);

    /// <summary>Mean of <paramref name="metric"/> over ticks <paramref name="from"/>..<paramref name="to"/> inclusive.</summary>
    public double Mean(string metric, int from, int to)
    {
        int k = Index(metric);
        double sum = 0;
        for (int t = from; t <= to; t++) sum += Rows[t].Values[k];
        return sum / (to - from + 1);
    }

    /// <summary>Mean over the last <paramref name="ticks"/> ticks.</summary>
    public double Tail(string metric, int ticks = 12) => Mean(metric, Rows.Count - ticks, Rows.Count - 1);

    public IEnumerable<double> Series(string metric)
    {
        int k = Index(metric);
        return Rows.Select(r => r.Values[k]);
    }

    private int Index(string metric)
    {
        int k = Array.IndexOf(_names, metric);
        if (k < 0) throw new ArgumentException($"no metric '{metric}'");
        return k;
    }
}
