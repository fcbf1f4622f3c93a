namespace CoProdSim.Engine.Random;

/// <summary>
/// A <see cref="System.Random"/> view of a <see cref="RandomStream"/>, so that a keyed stream can be handed to
/// MathNet.Numerics distributions (which sample from any <c>System.Random</c>). Re-key it with <see cref="Reset"/>
/// to reuse one instance per partition without allocating; it is not thread-safe and must not be shared.
/// </summary>
public sealed class StreamRandom : System.Random
{
    private RandomStream _stream;

    /// <summary>Opens a view on the stream named by <paramref name="key"/>.</summary>
    public StreamRandom(in StreamKey key) : base(0) => _stream = new RandomStream(key);

    /// <summary>Points this view at another stream.</summary>
    public void Reset(in StreamKey key) => _stream = new RandomStream(key);

    /// <summary>The underlying stream's position, for tests.</summary>
    public ulong Position => _stream.Position;

    /// <inheritdoc />
    protected override double Sample() => _stream.NextDouble();

    /// <inheritdoc />
    public override double NextDouble() => _stream.NextDouble();

    /// <inheritdoc />
    public override int Next() => (int)(_stream.NextUInt64() >> 33);

    /// <inheritdoc />
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : _stream.NextInt(maxValue);
    }

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        long range = (long)maxValue - minValue;
        if (range == 0) return minValue;
        if (range <= int.MaxValue) return minValue + _stream.NextInt((int)range);
        return (int)(minValue + (long)(_stream.NextDouble() * range));
    }

    /// <inheritdoc />
    public override long NextInt64() => (long)(_stream.NextUInt64() >> 1);

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        int i = 0;
        while (i < buffer.Length)
        {
            ulong x = _stream.NextUInt64();
            for (int k = 0; k < 8 && i < buffer.Length; k++, i++, x >>= 8) buffer[i] = (byte)x;
        }
    }

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());
}
