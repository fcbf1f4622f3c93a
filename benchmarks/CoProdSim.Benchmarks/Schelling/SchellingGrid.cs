using System.Runtime.CompilerServices;
using CoProdSim.Engine.Random;

namespace CoProdSim.Benchmarks.Schelling;

/// <summary>
/// What both Schelling variants share: the random placement of the agents and the set of empty cells to move to.
/// Keeping it in one place keeps the two variants' histories comparable (same seed, same placement).
/// </summary>
internal static class SchellingGrid
{
    /// <summary>
    /// All cells in an order whose first <c>spec.Agents</c> entries are the agents' distinct random cells (a partial
    /// Fisher-Yates shuffle on the seed's placement stream); the rest are the empty cells.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // see SchellingModel.Step
    public static int[] Place(SchellingSpec spec, ulong seed)
    {
        int cells = spec.Width * spec.Height;
        if (spec.Agents > cells || spec.Agents % 2 != 0 || spec.Agents <= 0) throw new ArgumentException("agents must be even, positive and fit on the grid", nameof(spec));
        int[] shuffled = new int[cells];
        for (int c = 0; c < cells; c++) shuffled[c] = c;
        var rng = new RandomStream(seed, 0, 0, 1);
        for (int k = 0; k < spec.Agents; k++)
        {
            int j = k + rng.NextInt(cells - k);
            (shuffled[k], shuffled[j]) = (shuffled[j], shuffled[k]);
        }
        return shuffled;
    }

    /// <summary>Shuffles <paramref name="order"/> in place (Fisher-Yates) from <paramref name="rng"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Shuffle(int[] order, ref RandomStream rng)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}

/// <summary>
/// The empty cells, in no order: a move takes one uniformly at random and puts the cell it left in its place, so
/// the set stays exact at O(1) a move, with no search for a free cell.
/// </summary>
internal sealed class EmptyCells
{
    private readonly int[] _cells;

    /// <summary>The cells of <paramref name="placed"/> from index <paramref name="agents"/> on.</summary>
    public EmptyCells(int[] placed, int agents) => _cells = placed[agents..];

    /// <summary>Number of empty cells (constant: each move empties one cell and fills one).</summary>
    public int Count => _cells.Length;

    /// <summary>Picks an empty cell uniformly at random, records <paramref name="vacated"/> as empty in its place, returns the cell picked.</summary>
    public int TakeRandom(ref RandomStream rng, int vacated)
    {
        int slot = rng.NextInt(_cells.Length);
        int to = _cells[slot];
        _cells[slot] = vacated;
        return to;
    }

    /// <summary>The empty cells now (for tests).</summary>
    public ReadOnlySpan<int> Cells => _cells;
}
