namespace CoProdSim.Experiments.Designs;

/// <summary>
/// The Sobol' quasi-random sequence (Sobol' 1967) in up to <see cref="MaxDimensions"/> dimensions, with the
/// direction numbers of Joe &amp; Kuo (2008), "Constructing Sobol sequences with better two-dimensional projections"
/// (file new-joe-kuo-6.21201), points generated in Gray-code order (Antonov &amp; Saleev 1979), as Joe and Kuo's own
/// generator does. Point 0 is the origin; points are exact binary fractions with 32 bits.
/// </summary>
public sealed class SobolSequence
{
    /// <summary>Dimensions available: enough for a Saltelli design of 32 parameters (2 x 32 columns).</summary>
    public const int MaxDimensions = 64;

    private const int Bits = 32;

    /// <summary>
    /// Joe &amp; Kuo's table for dimensions 2 to 64, one line each: degree s of the primitive polynomial, its
    /// coefficients a (as an integer), then the s initial direction numbers m_1 .. m_s. Dimension 1 is the van der
    /// Corput sequence in base 2 (every m = 1).
    /// </summary>
    private static readonly string[] Table =
    [
        "1 0 1", "2 1 1 3", "3 1 1 3 1", "3 2 1 1 1", "4 1 1 1 3 3", "4 4 1 3 5 13", "5 2 1 1 5 5 17", "5 4 1 1 5 5 5",
        "5 7 1 1 7 11 19", "5 11 1 1 5 1 1", "5 13 1 1 1 3 11", "5 14 1 3 5 5 31", "6 1 1 3 3 9 7 49", "6 13 1 1 1 15 21 21",
        "6 16 1 3 1 13 27 49", "6 19 1 1 1 15 7 5", "6 22 1 3 1 15 13 25", "6 25 1 1 5 5 19 61", "7 1 1 3 7 11 23 15 103",
        "7 4 1 3 7 13 13 15 69", "7 7 1 1 3 13 7 35 63", "7 8 1 3 5 9 1 25 53", "7 14 1 3 1 13 9 35 107", "7 19 1 3 1 5 27 61 31",
        "7 21 1 1 5 11 19 41 61", "7 28 1 3 5 3 3 13 69", "7 31 1 1 7 13 1 19 1", "7 32 1 3 7 5 13 19 59", "7 37 1 1 3 9 25 29 41",
        "7 41 1 3 5 13 23 1 55", "7 42 1 3 7 3 13 59 17", "7 50 1 3 1 3 5 53 69", "7 55 1 1 5 5 23 33 13", "7 56 1 1 7 7 1 61 123",
        "7 59 1 1 7 9 13 61 49", "7 62 1 3 3 5 3 55 33", "8 14 1 3 1 15 31 13 49 245", "8 21 1 3 5 15 31 59 63 97",
        "8 22 1 3 1 11 11 11 77 249", "8 38 1 3 1 11 27 43 71 9", "8 47 1 1 7 15 21 11 81 45", "8 49 1 3 7 3 25 31 65 79",
        "8 50 1 3 1 1 19 11 3 205", "8 52 1 1 5 9 19 21 29 157", "8 56 1 3 7 11 1 33 89 185", "8 67 1 3 3 3 15 9 79 71",
        "8 70 1 3 7 11 15 39 119 27", "8 84 1 1 3 1 11 31 97 225", "8 97 1 1 1 3 23 43 57 177", "8 103 1 3 7 7 17 17 37 71",
        "8 115 1 3 1 5 27 63 123 213", "8 122 1 1 3 5 11 43 53 133", "9 8 1 3 5 5 29 17 47 173 479", "9 13 1 3 3 11 3 1 109 9 69",
        "9 16 1 1 1 5 17 39 23 5 343", "9 22 1 3 1 5 25 15 31 103 499", "9 25 1 1 1 11 11 17 63 105 183",
        "9 44 1 1 5 11 9 29 97 231 363", "9 47 1 1 5 15 19 45 41 7 383", "9 52 1 3 7 7 31 19 83 137 221",
        "9 55 1 1 1 3 23 15 111 223 83", "9 59 1 1 5 13 31 15 55 25 161", "9 62 1 1 3 13 25 47 39 87 257",
    ];

    private readonly uint[][] _v; // [dimension][bit 1..Bits]
    private readonly uint[] _x;
    private long _index;

    /// <summary>A sequence of <paramref name="dimensions"/> dimensions, positioned at point 0 (the origin).</summary>
    public SobolSequence(int dimensions)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"the Sobol' sequence has 1 to {MaxDimensions} dimensions here");
        Dimensions = dimensions;
        _v = new uint[dimensions][];
        _x = new uint[dimensions];
        for (int d = 0; d < dimensions; d++) _v[d] = DirectionNumbers(d);
    }

    /// <summary>Number of dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>Index of the point the next call to <see cref="Next"/> returns.</summary>
    public long Index => _index;

    /// <summary>
    /// A random digital shift, one 32-bit word per dimension XORed into every point (Owen 1995; L'Ecuyer &amp; Lemieux
    /// 2002): the shifted points are still a (t, m, s)-net, so they fill the cube as evenly, and a design drawn with
    /// it is seeded; all zero leaves the published sequence.
    /// </summary>
    public uint[] Shift { get; init; } = [];

    /// <summary>A digital shift for <paramref name="dimensions"/> dimensions drawn from <paramref name="seed"/>.</summary>
    public static uint[] DigitalShift(int dimensions, ulong seed)
    {
        uint[] shift = new uint[dimensions];
        for (int d = 0; d < dimensions; d++) shift[d] = (uint)new CoProdSim.Engine.Random.RandomStream(seed, d, 0, 0x5342).NextUInt64();
        return shift;
    }

    /// <summary>Writes the current point into <paramref name="point"/> and moves to the next.</summary>
    public void Next(Span<double> point)
    {
        for (int d = 0; d < Dimensions; d++) point[d] = (_x[d] ^ (Shift.Length > 0 ? Shift[d] : 0u)) / 4294967296.0;
        // Gray code: the next point differs from this one by the direction number of the lowest zero bit of the index.
        int c = 1;
        for (long value = _index; (value & 1) == 1; value >>= 1) c++;
        if (c > Bits) throw new InvalidOperationException($"the Sobol' sequence has at most 2^{Bits} points");
        for (int d = 0; d < Dimensions; d++) _x[d] ^= _v[d][c];
        _index++;
    }

    /// <summary>Skips <paramref name="count"/> points.</summary>
    public void Skip(long count)
    {
        Span<double> scratch = stackalloc double[Dimensions];
        for (long i = 0; i < count; i++) Next(scratch);
    }

    /// <summary>The first <paramref name="count"/> points after skipping <paramref name="skip"/>, as rows.</summary>
    public static double[][] Points(int dimensions, int count, long skip = 0, uint[]? shift = null)
    {
        var s = new SobolSequence(dimensions) { Shift = shift ?? [] };
        s.Skip(skip);
        var rows = new double[count][];
        for (int i = 0; i < count; i++)
        {
            rows[i] = new double[dimensions];
            s.Next(rows[i]);
        }
        return rows;
    }

    /// <summary>Direction numbers V_1 .. V_Bits of dimension <paramref name="d"/> (from 0), scaled to 32 bits.</summary>
    private static uint[] DirectionNumbers(int d)
    {
        var v = new uint[Bits + 1];
        if (d == 0)
        {
            for (int i = 1; i <= Bits; i++) v[i] = 1u << (Bits - i);
            return v;
        }
        uint[] row = Table[d - 1].Split(' ').Select(uint.Parse).ToArray();
        int s = (int)row[0];
        uint a = row[1];
        for (int i = 1; i <= Math.Min(s, Bits); i++) v[i] = row[1 + i] << (Bits - i);
        for (int i = s + 1; i <= Bits; i++)
        {
            v[i] = v[i - s] ^ (v[i - s] >> s);
            for (int k = 1; k < s; k++) v[i] ^= ((a >> (s - 1 - k)) & 1) * v[i - k];
        }
        return v;
    }
}
