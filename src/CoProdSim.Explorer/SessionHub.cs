using System.Collections.Concurrent;
using System.Security.Cryptography;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Explorer;

/// <summary>
/// The server's sessions (one per browser tab): created on request up to a limit, freed when idle, and sharing a
/// bounded number of slots, so that no more than <see cref="ExplorerOptions.MaxRunning"/> simulations compute at once
/// however many tabs press Run.
/// </summary>
public sealed class SessionHub : IDisposable
{
    private readonly ConcurrentDictionary<string, ExplorerSession> _sessions = new();
    private readonly Timer _sweeper;
    private int _running;
    private int _peak;
    private long _freed;

    /// <summary>A hub keeping <paramref name="options"/>' limits, starting pages from <paramref name="form"/>.</summary>
    public SessionHub(ExplorerOptions options, SettingsForm form)
    {
        Options = options;
        Form = form;
        Slots = new SemaphoreSlim(options.MaxRunning, options.MaxRunning);
        TimeSpan every = TimeSpan.FromTicks(Math.Clamp(options.IdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(30).Ticks));
        _sweeper = new Timer(_ => FreeIdle(), null, every, every);
    }

    /// <summary>The limits.</summary>
    public ExplorerOptions Options { get; }

    /// <summary>The settings pages start from.</summary>
    public SettingsForm Form { get; }

    /// <summary>Slots for computing a month: one is held while a month runs.</summary>
    internal SemaphoreSlim Slots { get; }

    /// <summary>Sessions held now.</summary>
    public int Count => _sessions.Count;

    /// <summary>Simulations computing a month right now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The most simulations that computed at the same moment since the server started.</summary>
    public int PeakRunning => Volatile.Read(ref _peak);

    /// <summary>Sessions freed because they were idle.</summary>
    public long Freed => Interlocked.Read(ref _freed);

    internal void EnterRun()
    {
        int now = Interlocked.Increment(ref _running);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }

    internal void ExitRun() => Interlocked.Decrement(ref _running);

    /// <summary>A new session with checked settings, or null when the server already holds as many as it may.</summary>
    public ExplorerSession? Create(Settings settings, Scenario scenario)
    {
        if (_sessions.Count >= Options.MaxSessions)
        {
            FreeIdle();
            if (_sessions.Count >= Options.MaxSessions) return null;
        }
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var session = new ExplorerSession(this, id, Form, settings, scenario);
        _sessions[id] = session;
        return session;
    }

    /// <summary>The session <paramref name="id"/>, marked as in use, or null.</summary>
    public ExplorerSession? Get(string id)
    {
        if (!_sessions.TryGetValue(id, out ExplorerSession? s)) return null;
        s.Touch();
        return s;
    }

    /// <summary>Closes and forgets a session, telling its page <paramref name="why"/>.</summary>
    public bool Remove(string id, string why = "This simulation was closed.")
    {
        if (!_sessions.TryRemove(id, out ExplorerSession? s)) return false;
        s.Close(why);
        return true;
    }

    /// <summary>Frees every session idle for longer than the idle timeout.</summary>
    public void FreeIdle()
    {
        foreach (var (id, s) in _sessions)
        {
            if (s.IdleSeconds > Options.IdleTimeout.TotalSeconds
                && Remove(id, $"This simulation was freed after {Options.IdleTimeout.TotalMinutes:0.#} minutes unused."))
                Interlocked.Increment(ref _freed);
        }
    }

    /// <summary>Stops the sweeper and every session.</summary>
    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (string id in _sessions.Keys) Remove(id, "The explorer's server stopped.");
        Slots.Dispose();
    }
}
