using CoProdSim.Experiments.Designs;

namespace CoProdSim.Experiments.Scenarios;

/// <summary>Generates the points of a sweep with its design (<see cref="Designs.Design"/>).</summary>
public static class SweepPoints
{
    /// <summary>Most points a sweep may have.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>Number of points without generating them.</summary>
    public static long Count(SweepSpec sweep) => Design.For(sweep.Method).Count(sweep);

    /// <summary>The points of <paramref name="sweep"/>, drawn from <paramref name="seed"/> when the design samples.</summary>
    public static IReadOnlyList<IReadOnlyList<double>> Generate(SweepSpec sweep, ulong seed) => Design.For(sweep.Method).Generate(sweep, seed);

    /// <summary>The points of a grid or sampled design of <paramref name="parameters"/> with default settings.</summary>
    public static IReadOnlyList<IReadOnlyList<double>> Generate(SweepMethod method, IReadOnlyList<SweepParameter> parameters, int samples, ulong seed) =>
        Generate(new SweepSpec(method, samples, parameters, []), seed);
}
