using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Experiments.Designs;

/// <summary>
/// A way of choosing a sweep's points. Each design is one file in this folder; the loader checks a sweep's
/// settings, the design generates its points (in parameter order, as stored values), deterministically from the
/// seed it is given.
/// </summary>
public interface IDesign
{
    /// <summary>The method it implements.</summary>
    SweepMethod Method { get; }

    /// <summary>True when the points depend on the seed (they are drawn again by <see cref="Scenario.WithSeed"/>).</summary>
    bool Samples { get; }

    /// <summary>Number of points, without generating them.</summary>
    long Count(SweepSpec sweep);

    /// <summary>The points of <paramref name="sweep"/>, each a value per parameter.</summary>
    IReadOnlyList<IReadOnlyList<double>> Generate(SweepSpec sweep, ulong seed);
}

/// <summary>The designs by method, and what they share.</summary>
public static class Design
{
    private static readonly IReadOnlyDictionary<SweepMethod, IDesign> All = new IDesign[]
    {
        new GridDesign(), new LatinHypercubeDesign(), new SaltelliDesign(), new MorrisDesign(), new MonteCarloDesign(), new FileDesign(),
    }.ToDictionary(d => d.Method);

    /// <summary>Names of the methods as scenario files write them (<c>sweep.method</c>).</summary>
    public static readonly IReadOnlyDictionary<string, SweepMethod> Names = new Dictionary<string, SweepMethod>
    {
        ["grid"] = SweepMethod.Grid,
        ["latin-hypercube"] = SweepMethod.LatinHypercube,
        ["sobol"] = SweepMethod.Sobol,
        ["morris"] = SweepMethod.Morris,
        ["monte-carlo"] = SweepMethod.MonteCarlo,
        ["file"] = SweepMethod.File,
    };

    /// <summary>The design of <paramref name="method"/>.</summary>
    public static IDesign For(SweepMethod method) => All[method];

    /// <summary>The name of <paramref name="method"/> in scenario files.</summary>
    public static string NameOf(SweepMethod method) => Names.First(n => n.Value == method).Key;

    /// <summary>A point of the unit interval mapped onto a parameter's range (rounded for whole numbers).</summary>
    public static double Scale(SweepParameter p, double u)
    {
        double x = p.Min + u * (p.Max - p.Min);
        return p.Integer ? Math.Round(x) : x;
    }

    /// <summary>Rows of the unit hypercube mapped onto the parameters' ranges.</summary>
    public static IReadOnlyList<IReadOnlyList<double>> Scale(IReadOnlyList<SweepParameter> parameters, IEnumerable<double[]> unit) =>
        unit.Select(u => (IReadOnlyList<double>)parameters.Select((p, k) => Scale(p, u[k])).ToArray()).ToList();
}
