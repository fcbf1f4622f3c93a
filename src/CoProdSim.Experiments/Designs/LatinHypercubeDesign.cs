using CoProdSim.Engine.Random;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Experiments.Designs;

/// <summary>
/// A Latin hypercube (McKay, Beckman &amp; Conover 1979) of <c>samples</c> points: each parameter's range is cut into
/// that many equal strata, each stratum sampled once at a random place, and strata are paired across parameters by
/// random permutations drawn from keyed streams.
/// </summary>
public sealed class LatinHypercubeDesign : IDesign
{
    /// <inheritdoc />
    public SweepMethod Method => SweepMethod.LatinHypercube;

    /// <inheritdoc />
    public bool Samples => true;

    /// <inheritdoc />
    public long Count(SweepSpec sweep) => sweep.Parameters.Count == 0 ? 0 : sweep.Samples;

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<double>> Generate(SweepSpec sweep, ulong seed)
    {
        IReadOnlyList<SweepParameter> parameters = sweep.Parameters;
        int samples = sweep.Samples;
        if (parameters.Count == 0) return [];
        var columns = new double[parameters.Count][];
        for (int p = 0; p < parameters.Count; p++)
        {
            var rng = new RandomStream(seed, p, 0, 0x4C48); // "LH"
            int[] perm = Enumerable.Range(0, samples).ToArray();
            for (int i = samples - 1; i > 0; i--)
            {
                int j = rng.NextInt(i + 1);
                (perm[i], perm[j]) = (perm[j], perm[i]);
            }
            columns[p] = new double[samples];
            for (int i = 0; i < samples; i++) columns[p][i] = Design.Scale(parameters[p], (perm[i] + rng.NextDouble()) / samples);
        }
        return Enumerable.Range(0, samples).Select(i => (IReadOnlyList<double>)columns.Select(c => c[i]).ToArray()).ToList();
    }
}
