namespace CoProdSim.Engine.Random;

/// <summary>
/// The identity of one random stream: (run seed, entity id, tick, purpose).
/// Every draw in a simulation comes from a stream named by such a key, never from a shared generator,
/// so a result cannot depend on which thread got there first (style.md, "Habits").
/// </summary>
public readonly record struct StreamKey(ulong Seed, long Entity, long Tick, int Purpose)
{
    /// <summary>The 64-bit key the counter-based generator starts from: the four fields hashed in a fixed chain.</summary>
    public ulong Hash() => new StreamSeed(Seed).Key(Entity, Tick, Purpose);
}

/// <summary>
/// A run's seed with its link of the key chain folded once. Each field is folded in through the SplitMix64
/// finaliser, with a distinct odd constant per field, so keys that differ in one bit of one field give unrelated
/// hashes (avalanche of the finaliser: Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number generators").
/// The seed comes first in the chain, so a model that opens a stream per citizen and month folds it once, when it is
/// built, and each stream costs three mixes, not four; the keys are those of <see cref="StreamKey.Hash"/>.
/// </summary>
public readonly struct StreamSeed
{
    private readonly ulong _folded;

    /// <summary>Folds <paramref name="seed"/>.</summary>
    public StreamSeed(ulong seed) => _folded = Mixer.Mix(seed ^ 0x243F6A8885A308D3UL);

    /// <summary>The hashed key of the stream (this seed, <paramref name="entity"/>, <paramref name="tick"/>, <paramref name="purpose"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ulong Key(long entity, long tick, int purpose) => Key(EntityTick(entity, tick), purpose);

    /// <summary>
    /// The chain folded as far as (this seed, <paramref name="entity"/>, <paramref name="tick"/>): an entity that opens
    /// streams of several purposes in one tick folds this once and finishes each key with <see cref="Key(ulong, int)"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ulong EntityTick(long entity, long tick) =>
        Mixer.Mix(Mixer.Mix(_folded ^ ((ulong)entity * 0x9E3779B97F4A7C15UL)) ^ ((ulong)tick * 0xC2B2AE3D27D4EB4FUL));

    /// <summary>The hashed key of the stream of <paramref name="purpose"/> from a chain folded by <see cref="EntityTick"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Key(ulong entityTick, int purpose) => Mixer.Mix(entityTick ^ ((ulong)(uint)purpose * 0x165667B19E3779F9UL));

    /// <summary>Opens the stream (this seed, <paramref name="entity"/>, <paramref name="tick"/>, <paramref name="purpose"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public RandomStream Open(long entity, long tick, int purpose) => new(Key(entity, tick, purpose));
}

/// <summary>64-bit bit mixers shared by keys and streams.</summary>
public static class Mixer
{
    /// <summary>
    /// Stafford's "Mix13" variant of the MurmurHash3 finaliser, as used by SplitMix64
    /// (Steele, Lea &amp; Flood 2014; Stafford 2011, "Better bit mixing").
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Derives a child seed from a root seed and an index (replication, sweep point) without a shared generator.</summary>
    public static ulong DeriveSeed(ulong root, ulong index, ulong salt = 0)
        => Mix(Mix(root ^ 0x6A09E667F3BCC909UL) ^ Mix(index * 0x9E3779B97F4A7C15UL + salt));
}
