using System.Threading.Channels;
using CoProdSim.Engine.Scheduling;

namespace CoProdSim.Engine.Messaging;

/// <summary>A message for one entity, as delivered: who it is for, and what it says.</summary>
public readonly record struct Envelope<T>(int Target, T Payload) where T : struct;

/// <summary>Receives the messages of one target partition, in delivery order.</summary>
public interface IMessageHandler<T> where T : struct
{
    /// <summary>Applies one message. Called on the target partition's thread only.</summary>
    void Handle(int sourcePartition, in Envelope<T> message);
}

/// <summary>
/// Messages between partitions, delivered at a barrier in a deterministic order.
/// <para>
/// During a partitioned phase, partition s sends with <see cref="Send"/> into its own outbox for each target partition
/// (no lock: only s writes there), then calls <see cref="Publish"/>, which posts "s has mail for t" into t's
/// <see cref="Channel{T}"/>. After the barrier, <see cref="Deliver{THandler}"/> drains t's channel, whose arrival
/// order depends on thread timing, sorts the senders, and applies their messages in (source partition, send order).
/// So every message arrives exactly once and in the same order on any number of threads.
/// </para>
/// Buffers grow on demand and are reused, so steady-state traffic allocates nothing.
/// </summary>
public sealed class MessageBus<T> where T : struct
{
    private readonly Partitioning _partitions;
    private readonly Envelope<T>[][] _outbox;   // [source * P + target]
    private readonly int[] _outboxCount;        // [source * P + target]
    private readonly Channel<int>[] _mailboxes; // per target: ids of sources with mail
    private readonly int[][] _senderScratch;    // per target

    /// <summary>Creates a bus over <paramref name="partitions"/>.</summary>
    public MessageBus(Partitioning partitions, int initialCapacityPerPair = 4)
    {
        _partitions = partitions;
        int p = partitions.Count;
        _outbox = new Envelope<T>[p * p][];
        _outboxCount = new int[p * p];
        for (int i = 0; i < _outbox.Length; i++) _outbox[i] = new Envelope<T>[Math.Max(1, initialCapacityPerPair)];
        _mailboxes = new Channel<int>[p];
        _senderScratch = new int[p][];
        for (int t = 0; t < p; t++)
        {
            // Bounded at P: a source posts at most once per target per round, so a write never waits.
            _mailboxes[t] = Channel.CreateBounded<int>(new BoundedChannelOptions(p)
            {
                SingleReader = true,
                SingleWriter = false,
                FullMode = BoundedChannelFullMode.Wait,
                AllowSynchronousContinuations = false,
            });
            _senderScratch[t] = new int[p];
            // Fill the mailbox to its bound once and empty it: the channel's queue grows by doubling to its
            // high-water mark and never shrinks, so growing it now, not when more sources than ever before happen
            // to post in one round, keeps rounds free of allocation.
            for (int s = 0; s < p; s++) _mailboxes[t].Writer.TryWrite(s);
            while (_mailboxes[t].Reader.TryRead(out _)) { }
        }
    }

    /// <summary>Messages sent and not yet delivered, over all pairs.</summary>
    public long Pending
    {
        get
        {
            long n = 0;
            foreach (int c in _outboxCount) n += c;
            return n;
        }
    }

    /// <summary>Queues a message from partition <paramref name="sourcePartition"/> to entity <paramref name="target"/>.</summary>
    public void Send(int sourcePartition, int target, in T payload)
    {
        int t = _partitions.PartitionOf(target);
        int slot = sourcePartition * _partitions.Count + t;
        Envelope<T>[] buffer = _outbox[slot];
        int n = _outboxCount[slot];
        if (n == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
            _outbox[slot] = buffer;
        }
        buffer[n] = new Envelope<T>(target, payload);
        _outboxCount[slot] = n + 1;
    }

    /// <summary>Announces the source partition's mail to its targets. Call once, at the end of the source's work.</summary>
    public void Publish(int sourcePartition)
    {
        int p = _partitions.Count;
        for (int t = 0; t < p; t++)
        {
            if (_outboxCount[sourcePartition * p + t] == 0) continue;
            if (!_mailboxes[t].Writer.TryWrite(sourcePartition))
                throw new InvalidOperationException($"partition {sourcePartition} published twice to partition {t} in one round");
        }
    }

    /// <summary>Delivers every message for partition <paramref name="targetPartition"/>, in (source, send order).</summary>
    public int Deliver<THandler>(int targetPartition, ref THandler handler) where THandler : struct, IMessageHandler<T>
    {
        int p = _partitions.Count;
        int[] senders = _senderScratch[targetPartition];
        int count = 0;
        ChannelReader<int> reader = _mailboxes[targetPartition].Reader;
        while (reader.TryRead(out int source)) senders[count++] = source;
        // Arrival order in the channel is a race between threads; sorting restores a fixed order.
        Array.Sort(senders, 0, count);
        int delivered = 0;
        for (int i = 0; i < count; i++)
        {
            int slot = senders[i] * p + targetPartition;
            Envelope<T>[] buffer = _outbox[slot];
            int n = _outboxCount[slot];
            for (int k = 0; k < n; k++) handler.Handle(senders[i], buffer[k]);
            _outboxCount[slot] = 0;
            delivered += n;
        }
        return delivered;
    }
}
