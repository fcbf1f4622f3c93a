using CoProdSim.Engine.Random;

namespace CoProdSim.Tests.Engine;

/// <summary>
/// The engine's hot-path shortcuts give exactly what the plain definitions give (docs/performance.md, "Layout and
/// the hot loops"): a seed folded once keys the same streams as the whole key hash, and the inlined common case of
/// <see cref="RandomStream.NextInt"/> draws the same integers, consuming the same words, as Lemire's method written
/// out in full. Exact equality over many inputs, seeds fixed; a shortcut that changed a single draw would change
/// every result downstream of it.
/// </summary>
public class HotPathEquivalenceTests
{
    [Test]
    public void AFoldedSeedKeysTheSameStreamsAsTheFullHash()
    {
        var inputs = new RandomStream(11, 0, 0, 0);
        for (int k = 0; k < 100_000; k++)
        {
            ulong seed = inputs.NextUInt64();
            long entity = (long)(inputs.NextUInt64() >> (int)(k % 40));
            long tick = inputs.NextInt(100_000) - 10;
            int purpose = (int)inputs.NextUInt64();
            Assert.That(new StreamSeed(seed).Key(entity, tick, purpose), Is.EqualTo(new StreamKey(seed, entity, tick, purpose).Hash()));
            // Folded to (seed, entity, tick) once and finished per purpose, as the outcomes phase does for two streams.
            Assert.That(StreamSeed.Key(new StreamSeed(seed).EntityTick(entity, tick), purpose), Is.EqualTo(new StreamKey(seed, entity, tick, purpose).Hash()));
        }
        // The stream it opens draws what the stream opened from the whole key draws.
        RandomStream a = new StreamSeed(5).Open(123_456, 77, 3), b = new RandomStream(5, 123_456, 77, 3);
        for (int k = 0; k < 100; k++) Assert.That(a.NextUInt64(), Is.EqualTo(b.NextUInt64()));
    }

    [Test]
    public void NextIntDrawsWhatLemiresMethodWrittenOutDraws()
    {
        // Bounds from 1 to 2^31 - 1, with many near 2^31 where the low word falls below n and rejection is common
        // (about n / 2^32 of draws): both the inlined path and the rejecting path are exercised.
        var bounds = new RandomStream(12, 0, 0, 0);
        int rejections = 0;
        for (int k = 0; k < 200_000; k++)
        {
            int n = k % 4 == 0 ? int.MaxValue - bounds.NextInt(1000) : 1 + (int)(bounds.NextUInt64() >> (33 + k % 31));
            var fast = new RandomStream(99, k, 0, 1);
            var reference = new RandomStream(99, k, 0, 1);
            int expected = Lemire(ref reference, n, ref rejections);
            Assert.That(fast.NextInt(n), Is.EqualTo(expected), $"n = {n}");
            Assert.That(fast.Position, Is.EqualTo(reference.Position), "the same number of words consumed");
        }
        Assert.That(rejections, Is.GreaterThan(100), "the rejecting path was exercised");
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomStream(1).NextInt(0));
    }

    /// <summary>Lemire (2019), "Fast random integer generation in an interval", algorithm 5, as first written here.</summary>
    private static int Lemire(ref RandomStream rng, int n, ref int rejections)
    {
        ulong range = (ulong)n;
        ulong x = rng.NextUInt64() >> 32;
        ulong m = x * range;
        ulong low = m & 0xFFFFFFFFUL;
        if (low < range)
        {
            ulong threshold = (0x1_0000_0000UL - range) % range;
            while (low < threshold)
            {
                rejections++;
                x = rng.NextUInt64() >> 32;
                m = x * range;
                low = m & 0xFFFFFFFFUL;
            }
        }
        return (int)(m >> 32);
    }
}
