namespace CoProdSim.Model.Services;

/// <summary>
/// Hands out named positions in a row of accumulators, so a row's layout is declared by the fields that hold the
/// positions, never numbered by hand.
/// </summary>
internal sealed class SlotLayout
{
    /// <summary>Positions handed out so far: the row's width.</summary>
    public int Width { get; private set; }

    /// <summary>Reserves <paramref name="count"/> consecutive positions and returns the first.</summary>
    public int Add(int count = 1)
    {
        int first = Width;
        Width += count;
        return first;
    }
}
