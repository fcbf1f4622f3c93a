using System.Runtime.CompilerServices;

namespace CoProdSim.Engine.Random;

/// <summary>
/// A counter-based random stream: the n-th output is Mix(key + n * golden gamma), i.e. SplitMix64 started at the
/// stream's key (Steele, Lea &amp; Flood 2014). It is a 16-byte value type: creating one costs two multiplications,
/// needs no allocation and no lock, and two streams never share state, so agents can draw in parallel.
/// SplitMix64 passes BigCrush; streams are separated by hashing their <see cref="StreamKey"/>.
/// </summary>
public struct RandomStream
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private const double InvTwo53 = 1.0 / (1UL << 53);
    private readonly ulong _key;
    private ulong _counter;

    /// <summary>Opens the stream named by <paramref name="key"/>.</summary>
    public RandomStream(in StreamKey key) : this(key.Hash()) { }

    /// <summary>Opens the stream (seed, entity, tick, purpose).</summary>
    public RandomStream(ulong seed, long entity, long tick, int purpose) : this(new StreamKey(seed, entity, tick, purpose).Hash()) { }

    /// <summary>Opens a stream from an already hashed key.</summary>
    public RandomStream(ulong hashedKey)
    {
        _key = hashedKey;
        _counter = 0;
    }

    /// <summary>The hashed key this stream was opened with.</summary>
    public readonly ulong Key => _key;

    /// <summary>How many 64-bit words have been drawn.</summary>
    public readonly ulong Position => _counter;

    /// <summary>Next 64 uniformly distributed bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        _counter++;
        return Mixer.Mix(_key + _counter * Gamma);
    }

    /// <summary>Uniform double in [0, 1), 53 bits of precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * InvTwo53;

    /// <summary>Uniform double in (0, 1]: safe for logarithms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * InvTwo53;

    /// <summary>True with probability <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextBernoulli(double p) => NextDouble() < p;

    /// <summary>Uniform integer in [0, n), unbiased (Lemire 2019, "Fast random integer generation in an interval").</summary>
    /// <remarks>
    /// The common case (one multiplication, no rejection) is inlined into the caller; the rare case, where the low
    /// word falls below n and may have to be redrawn, is a call. Short runs (a Schelling step, a shuffle) otherwise
    /// spend their time in the unoptimised first compilation of this method.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int n)
    {
        if (n <= 0) ThrowNotPositive(n);
        ulong m = (NextUInt64() >> 32) * (ulong)n;
        return (m & 0xFFFFFFFFUL) < (ulong)n ? NextIntRejecting(n, m) : (int)(m >> 32);
    }

    private int NextIntRejecting(int n, ulong m)
    {
        ulong range = (ulong)n;
        ulong low = m & 0xFFFFFFFFUL;
        ulong threshold = (0x1_0000_0000UL - range) % range;
        while (low < threshold)
        {
            ulong x = NextUInt64() >> 32;
            m = x * range;
            low = m & 0xFFFFFFFFUL;
        }
        return (int)(m >> 32);
    }

    private static void ThrowNotPositive(int n) => throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");

    /// <summary>Standard normal draw by the Box–Muller transform (one of the pair is used, so no hidden state).</summary>
    public double NextStandardNormal()
    {
        double u1 = NextDoubleNonZero();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Normal draw with the given mean and standard deviation.</summary>
    public double NextNormal(double mean, double sd) => mean + sd * NextStandardNormal();

    /// <summary>
    /// Beta(mean, concentration) draw via two gamma draws (Marsaglia &amp; Tsang 2000).
    /// Parameterised by mean and concentration (a + b) because that is how the model's defaults are stated.
    /// </summary>
    public double NextBetaMean(double mean, double concentration)
    {
        double a = mean * concentration, b = (1 - mean) * concentration;
        double x = NextGamma(a), y = NextGamma(b);
        return x / (x + y);
    }

    /// <summary>Gamma(shape, scale 1) by Marsaglia &amp; Tsang (2000), with the shape &lt; 1 boost.</summary>
    public double NextGamma(double shape)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shape);
        if (shape < 1)
        {
            double u = NextDoubleNonZero();
            return NextGamma(shape + 1) * Math.Pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0, c = 1.0 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextStandardNormal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = NextDoubleNonZero();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }
}
