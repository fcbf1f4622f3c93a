using BenchmarkDotNet.Attributes;
using CoProdSim.Experiments.Designs;
using CoProdSim.Experiments.Sensitivity;

namespace CoProdSim.Benchmarks;

/// <summary>
/// The sensitivity analysis of about 100,000 runs: Sobol' indices (S1, ST, 1,000 bootstrap resamples) of a
/// Saltelli design of 10 parameters with N = 8,192 base samples (98,304 responses, synthetic: the G-function), and
/// Morris measures of 10,000 trajectories of 10 parameters (110,000 responses, a linear function). The responses
/// stand for the per-point means the runs give; reading timeseries.csv is timed separately (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class SensitivityBenchmarks
{
    private const int K = 10;
    private double[] _sobolY = [];
    private IReadOnlyList<IReadOnlyList<double>> _morrisPoints = [];
    private double[] _morrisY = [];
    private readonly double[] _min = new double[K], _max = Enumerable.Repeat(1.0, K).ToArray();

    /// <summary>Builds the designs and their synthetic responses.</summary>
    [GlobalSetup]
    public void Setup()
    {
        double[] a = [0, 1, 4.5, 9, 99, 99, 99, 99, 99, 99];
        _sobolY = SaltelliDesign.Unit(K, 8192, secondOrder: false)
            .Select(x => x.Select((v, i) => (Math.Abs(4 * v - 2) + a[i]) / (1 + a[i])).Aggregate(1.0, (p, v) => p * v)).ToArray();
        _morrisPoints = MorrisDesign.Unit(K, 10_000, 4, 10_000, seed: 1).SelectMany(t => t).Select(p => (IReadOnlyList<double>)p).ToList();
        _morrisY = _morrisPoints.Select(p => p.Select((v, j) => (j + 1) * v).Sum()).ToArray();
    }

    /// <summary>S1 and ST with bootstrap intervals from 98,304 responses.</summary>
    [Benchmark]
    public SobolIndices Sobol98k() => SobolAnalysis.Analyse(_sobolY, K, secondOrder: false, seed: 1);

    /// <summary>mu*, mu and sigma with bootstrap intervals from 110,000 responses.</summary>
    [Benchmark]
    public IReadOnlyList<MorrisMeasures> Morris110k() => MorrisAnalysis.Analyse(_morrisPoints, _min, _max, _morrisY, seed: 1);
}
