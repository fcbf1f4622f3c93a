using System.Runtime.ExceptionServices;

namespace CoProdSim.Engine.Scheduling;

/// <summary>
/// A fixed set of threads that run a partitioned phase together, created once per scheduler and reused every tick,
/// so a tick allocates nothing (<see cref="Parallel.For(int,int,ParallelOptions,Action{int})"/> allocated its task
/// objects, about 5 KB a tick on 2 threads). The calling thread is worker 0, so <c>W - 1</c> threads are created.
/// Workers claim partitions in order from a shared counter, one at a time: on a machine shared with other work, a
/// worker that the operating system deschedules delays the barrier by one partition, not by a fixed block of them
/// (fixed blocks made 2 threads slower than 1 on the busy 2-core development machine). Which thread runs a
/// partition never changes a result: a partition writes only its own state, random draws are keyed by entity and
/// tick, and partial results are reduced in partition order.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Partitioning _partitions;
    private readonly int _workers;
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _go;     // one per helper thread: a signal can only be taken by the thread it is for
    private readonly ManualResetEventSlim _done = new(false);
    private readonly Exception?[] _failures;  // per partition, so the error reported does not depend on timing
    private Phase? _phase;
    private TickContext _tick;
    private int _remaining;
    private int _next;                        // the next partition to claim
    private volatile bool _stopping;

    /// <summary>Starts <paramref name="workers"/> - 1 threads for <paramref name="partitions"/>.</summary>
    public WorkerPool(Partitioning partitions, int workers)
    {
        _partitions = partitions;
        _workers = Math.Clamp(workers, 1, partitions.Count);
        _failures = new Exception?[partitions.Count];
        _threads = new Thread[_workers - 1];
        _go = new SemaphoreSlim[_workers - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            _go[i] = new SemaphoreSlim(0);
            int worker = i + 1;
            // Background threads: a simulation that is never disposed cannot keep the process alive.
            _threads[i] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"coprodsim-worker-{worker}" };
            _threads[i].Start();
        }
    }

    /// <summary>Number of workers, the calling thread included.</summary>
    public int Workers => _workers;

    /// <summary>
    /// Runs <paramref name="phase"/> on every partition and returns when all are done (the barrier). An exception in
    /// any partition is rethrown here, unwrapped, after every partition has run; if several fail, the lowest
    /// partition's exception is the one thrown.
    /// </summary>
    public void Run(Phase phase, in TickContext tick)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        _phase = phase;
        _tick = tick;
        Array.Clear(_failures);
        _done.Reset();
        Volatile.Write(ref _next, 0);
        Volatile.Write(ref _remaining, _workers - 1);
        for (int i = 0; i < _go.Length; i++) _go[i].Release();
        RunClaimed();
        if (_go.Length > 0) _done.Wait();
        _phase = null; // hold no model between ticks
        foreach (Exception? failure in _failures)
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }

    private void RunClaimed()
    {
        Phase phase = _phase!;
        int count = _partitions.Count;
        for (int p = Interlocked.Increment(ref _next) - 1; p < count; p = Interlocked.Increment(ref _next) - 1)
        {
            try
            {
                phase.RunPartition(_tick, _partitions[p]);
            }
            catch (Exception ex)
            {
                _failures[p] = ex;
            }
        }
    }

    private void Loop(int worker)
    {
        SemaphoreSlim go = _go[worker - 1];
        while (true)
        {
            go.Wait();
            if (_stopping) return;
            RunClaimed();
            if (Interlocked.Decrement(ref _remaining) == 0) _done.Set();
        }
    }

    /// <summary>Tells the threads to end, without waiting (safe from a finalizer).</summary>
    public void Stop()
    {
        if (_stopping) return;
        _stopping = true;
        foreach (SemaphoreSlim go in _go) go.Release();
    }

    /// <summary>Ends the threads and waits for them.</summary>
    public void Dispose()
    {
        Stop();
        foreach (Thread thread in _threads) thread.Join();
    }
}
