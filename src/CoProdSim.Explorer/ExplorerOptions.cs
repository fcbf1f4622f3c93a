using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Explorer;

/// <summary>How the explorer server listens, what it starts from, and the limits it keeps.</summary>
public sealed record ExplorerOptions
{
    /// <summary>The default port; when it is taken, an unused one is chosen and printed.</summary>
    public const int DefaultPort = 5080;

    /// <summary>Address to listen on: 127.0.0.1 (this computer only) unless asked otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port; 0 asks the system for an unused one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The scenario each new page starts from (its first one or two strategies); null for the built-in classroom town.</summary>
    public Scenario? Start { get; init; }

    /// <summary>Most simulations (browser tabs) held at once; a new tab beyond it is refused with a message.</summary>
    public int MaxSessions { get; init; } = 16;

    /// <summary>Most simulations computing a month at the same moment; others wait their turn.</summary>
    public int MaxRunning { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>A simulation nobody has looked at (no request, no open page) for this long is freed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest estimated memory of one simulation (its town or towns and the months kept).</summary>
    public long MaxMemoryBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Largest estimated computing time of one whole run, seconds.</summary>
    public double MaxRunSeconds { get; init; } = 20;

    /// <summary>Largest request body, bytes: settings are a few kilobytes.</summary>
    public long MaxRequestBytes { get; init; } = 256 * 1024;

    /// <summary>Whether the address is this computer only (127.0.0.0/8, ::1 or localhost).</summary>
    public bool LoopbackOnly => Host is "localhost" || (System.Net.IPAddress.TryParse(Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
