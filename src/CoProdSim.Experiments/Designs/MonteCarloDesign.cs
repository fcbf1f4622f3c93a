using CoProdSim.Engine.Random;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Experiments.Designs;

/// <summary><c>samples</c> independent points, each parameter uniform over its range, drawn from keyed streams.</summary>
public sealed class MonteCarloDesign : IDesign
{
    /// <inheritdoc />
    public SweepMethod Method => SweepMethod.MonteCarlo;

    /// <inheritdoc />
    public bool Samples => true;

    /// <inheritdoc />
    public long Count(SweepSpec sweep) => sweep.Parameters.Count == 0 ? 0 : sweep.Samples;

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<double>> Generate(SweepSpec sweep, ulong seed)
    {
        int k = sweep.Parameters.Count;
        var unit = new double[sweep.Samples][];
        for (int i = 0; i < sweep.Samples; i++)
        {
            var rng = new RandomStream(seed, i, 0, 0x4D43); // "MC"
            unit[i] = new double[k];
            for (int p = 0; p < k; p++) unit[i][p] = rng.NextDouble();
        }
        return Design.Scale(sweep.Parameters, unit);
    }
}
