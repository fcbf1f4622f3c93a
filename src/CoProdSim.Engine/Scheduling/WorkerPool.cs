using System.Runtime.ExceptionServices;

namespace CoProdSim.Engine.Scheduling;

/// <summary>
/// A fixed set of threads that run a partitioned phase together, created once per scheduler and reused every tick,
/// so a tick allocates nothing (<see cref="Parallel.For(int,int,ParallelOptions,Action{int})"/> allocated its task
/// objects, about 5 KB a tick on 2 threads). Worker <c>w</c> of <c>W</c> always runs the same contiguous block of
/// partitions, <c>[w P / W, (w + 1) P / W)</c>; the calling thread is worker 0, so <c>W - 1</c> threads are created.
/// Which thread runs a partition never changes a result: a partition writes only its own state and random draws
/// are keyed by entity and tick, not by thread.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Partitioning _partitions;
    private readonly int _workers;
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _go;     // one per helper thread: a signal can only be taken by the thread it is for
    private readonly ManualResetEventSlim _done = new(false);
    private readonly Exception?[] _failures;  // per worker, so the error reported does not depend on timing
    private Phase? _phase;
    private TickContext _tick;
    private int _remaining;
    private volatile bool _stopping;

    /// <summary>Starts <paramref name="workers"/> - 1 threads for <paramref name="partitions"/>.</summary>
    public WorkerPool(Partitioning partitions, int workers)
    {
        _partitions = partitions;
        _workers = Math.Clamp(workers, 1, partitions.Count);
        _failures = new Exception?[_workers];
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
    /// any partition is rethrown here, unwrapped, after every worker has stopped; if several workers fail, the one
    /// with the lowest partitions wins.
    /// </summary>
    public void Run(Phase phase, in TickContext tick)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        _phase = phase;
        _tick = tick;
        Array.Clear(_failures);
        _done.Reset();
        Volatile.Write(ref _remaining, _workers - 1);
        for (int i = 0; i < _go.Length; i++) _go[i].Release();
        RunBlock(0);
        if (_go.Length > 0) _done.Wait();
        _phase = null; // hold no model between ticks
        foreach (Exception? failure in _failures)
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }

    private void RunBlock(int worker)
    {
        try
        {
            Phase phase = _phase!;
            int count = _partitions.Count;
            int first = (int)((long)count * worker / _workers), last = (int)((long)count * (worker + 1) / _workers);
            for (int p = first; p < last; p++) phase.RunPartition(_tick, _partitions[p]);
        }
        catch (Exception ex)
        {
            _failures[worker] = ex;
        }
    }

    private void Loop(int worker)
    {
        SemaphoreSlim go = _go[worker - 1];
        while (true)
        {
            go.Wait();
            if (_stopping) return;
            RunBlock(worker);
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
