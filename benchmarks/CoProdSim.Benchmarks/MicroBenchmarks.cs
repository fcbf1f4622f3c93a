using BenchmarkDotNet.Attributes;
using CoProdSim.Engine.Random;
using CoProdSim.Model.Production;

namespace CoProdSim.Benchmarks;

/// <summary>The building blocks in the per-citizen loop: opening a keyed stream and drawing, and the CES function.</summary>
[MemoryDiagnoser]
public class MicroBenchmarks
{
    private const int N = 1_000;

    /// <summary>Open a stream per entity (as the model does per citizen per tick) and draw four uniforms.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double KeyedStreamOpenAndFourDraws()
    {
        double sum = 0;
        for (int i = 0; i < N; i++)
        {
            var s = new RandomStream(42, i, 7, 3);
            sum += s.NextDouble() + s.NextDouble() + s.NextDouble() + s.NextDouble();
        }
        return sum;
    }

    /// <summary>One CES evaluation with sigma = 0.5.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double CesOutput()
    {
        double sum = 0;
        for (int i = 0; i < N; i++) sum += Ces.Output(1, 0.6, -1, 0.7 + i * 1e-4, 1.1);
        return sum;
    }
}
