namespace CoProdSim.Engine.Scheduling;

/// <summary>
/// What a phase is told about the tick it runs in. The run's seed is not here: a model is given it once, when it is
/// built, and keys its random streams with it.
/// </summary>
public readonly record struct TickContext(long Tick);

/// <summary>
/// One step of a tick. A partitioned phase runs once per partition, partitions in parallel, with a barrier after
/// the phase; a serial phase runs once, on one thread, between barriers (planning, aggregation, recording).
/// A phase may read any state written before its barrier and write only the state of its own partition.
/// </summary>
public abstract class Phase
{
    /// <summary>Creates a phase with a name used in errors and profiles.</summary>
    protected Phase(string name) => Name = name;

    /// <summary>The phase's name.</summary>
    public string Name { get; }

    /// <summary>True when <see cref="RunPartition"/> is called per partition, false when <see cref="RunSerial"/> is called once.</summary>
    public abstract bool IsPartitioned { get; }

    /// <summary>Runs the phase on one partition (partitioned phases).</summary>
    public virtual void RunPartition(in TickContext tick, PartitionRange range) =>
        throw new InvalidOperationException($"phase '{Name}' is serial");

    /// <summary>Runs the phase once (serial phases).</summary>
    public virtual void RunSerial(in TickContext tick) =>
        throw new InvalidOperationException($"phase '{Name}' is partitioned");
}

/// <summary>A phase built from a delegate that runs per partition.</summary>
public sealed class PartitionedPhase(string name, PartitionedPhase.Body body) : Phase(name)
{
    /// <summary>The per-partition work.</summary>
    public delegate void Body(in TickContext tick, PartitionRange range);

    /// <inheritdoc />
    public override bool IsPartitioned => true;

    /// <inheritdoc />
    public override void RunPartition(in TickContext tick, PartitionRange range) => body(tick, range);
}

/// <summary>A phase built from a delegate that runs once per tick.</summary>
public sealed class SerialPhase(string name, SerialPhase.Body body) : Phase(name)
{
    /// <summary>The once-per-tick work.</summary>
    public delegate void Body(in TickContext tick);

    /// <inheritdoc />
    public override bool IsPartitioned => false;

    /// <inheritdoc />
    public override void RunSerial(in TickContext tick) => body(tick);
}
