namespace CoProdSim.Benchmarks.Schelling;

/// <summary>Sizes of the JuliaDynamics ABM framework comparison's Schelling model.</summary>
public sealed record SchellingSpec(string Name, int Width, int Height, int Agents, int Radius, int MinSimilar)
{
    /// <summary>"Small": 1,000 agents on 40x40, neighbours within Chebyshev distance 1, happy with at least 3 alike.</summary>
    public static readonly SchellingSpec Small = new("small", 40, 40, 1_000, 1, 3);

    /// <summary>"Large": 8,000 agents on 100x100, distance 2, happy with at least 8 alike.</summary>
    public static readonly SchellingSpec Large = new("large", 100, 100, 8_000, 2, 8);
}
