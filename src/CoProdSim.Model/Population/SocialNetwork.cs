using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;

namespace CoProdSim.Model.Population;

/// <summary>
/// Who knows whom: a small world (Watts &amp; Strogatz 1998) built per neighbourhood: a ring lattice of the
/// neighbourhood's residents, each tie rewired with a small probability to a random citizen anywhere.
/// Stored as compressed sparse rows (one offsets array and one targets array), 4 bytes a tie; ties are directed
/// ("i counts j among its contacts"), which keeps construction parallel and allocation-free per citizen.
/// </summary>
public sealed class SocialNetwork
{
    private SocialNetwork(int[] offsets, int[] targets)
    {
        Offsets = offsets;
        Targets = targets;
    }

    /// <summary>Start of citizen i's contacts in <see cref="Targets"/>; length citizens + 1.</summary>
    public int[] Offsets { get; }

    /// <summary>Contact ids, grouped by citizen.</summary>
    public int[] Targets { get; }

    /// <summary>Contacts of citizen <paramref name="i"/>.</summary>
    public ReadOnlySpan<int> ContactsOf(int i) => Targets.AsSpan(Offsets[i], Offsets[i + 1] - Offsets[i]);

    /// <summary>
    /// Builds the network. Each citizen links to the <paramref name="degree"/>/2 residents before and after it on
    /// its neighbourhood's ring; each tie is rewired with probability <paramref name="rewiring"/>, drawn from the
    /// citizen's own keyed stream, so the network is the same on any thread count.
    /// </summary>
    public static SocialNetwork Build(ulong seed, int[] neighbourhoodStart, int degree, double rewiring, Partitioning partitions, int threads)
    {
        int n = neighbourhoodStart[^1];
        int[] offsets = new int[n + 1];
        int[] targets = new int[(long)n * degree > int.MaxValue ? throw new ArgumentOutOfRangeException(nameof(degree)) : n * degree];
        for (int i = 0; i <= n; i++) offsets[i] = i * degree;
        int neighbourhoods = neighbourhoodStart.Length - 1;
        int half = degree / 2;
        Parallel.For(0, partitions.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
        {
            var range = partitions[p];
            int hood = FindNeighbourhood(neighbourhoodStart, range.Start);
            for (int i = range.Start; i < range.End; i++)
            {
                while (i >= neighbourhoodStart[hood + 1]) hood++;
                int start = neighbourhoodStart[hood], size = neighbourhoodStart[hood + 1] - start;
                var rng = new RandomStream(seed, i, 0, Purposes.Network);
                int k = i * degree;
                for (int s = 1; s <= half; s++)
                {
                    for (int side = -1; side <= 1; side += 2)
                    {
                        int j = start + (int)(((long)(i - start) + side * s + size * (long)half) % size);
                        if (rewiring > 0 && rng.NextDouble() < rewiring)
                        {
                            j = rng.NextInt(n);
                            if (j == i) j = (i + 1) % n;
                        }
                        targets[k++] = j;
                    }
                }
            }
        });
        return new SocialNetwork(offsets, targets);
    }

    private static int FindNeighbourhood(int[] starts, int i)
    {
        int idx = Array.BinarySearch(starts, i);
        if (idx < 0) idx = ~idx - 1;
        while (idx + 1 < starts.Length - 1 && starts[idx + 1] <= i) idx++;
        return Math.Max(0, Math.Min(idx, starts.Length - 2));
    }
}

/// <summary>Purposes of random streams: the last field of every stream key in the model.</summary>
public static class Purposes
{
    /// <summary>Population synthesis.</summary>
    public const int Synthesis = 1;
    /// <summary>Network construction.</summary>
    public const int Network = 2;
    /// <summary>The monthly engagement decision.</summary>
    public const int Decision = 3;
    /// <summary>Harmful events.</summary>
    public const int Incidence = 4;
    /// <summary>How long carers' spells have lasted at the start (the settled state of caring turnover).</summary>
    public const int CaringSpell = 5;
    /// <summary>Who takes part in community activity at the start (the settled state of traditional provision).</summary>
    public const int CommunityStart = 6;
}
