using System.Diagnostics;

namespace CoProdSim.Experiments.Output;

/// <summary>
/// Named points where a test can make a run fail, as Git's <c>GIT_TEST_*</c> variables and SQLite's test hooks do:
/// the crash-safety of the output folder is proved by failing at each point, not argued. With
/// <c>COPRODSIM_TEST_FAULT=POINT[:ACTION]</c> in the environment (or <see cref="Override"/> in-process), reaching
/// POINT does ACTION: <c>kill</c> (the default: the process kills itself with SIGKILL, so no clean-up code runs, as
/// with a power cut or the out-of-memory killer), <c>throw</c> (an I/O error, as a full disk would raise) or
/// <c>pause</c> (prints <c>fault: paused at POINT</c> on standard error and waits to be killed from outside).
/// <para>
/// Points: <c>part:N</c> (the N-th run of this process has its part and record on disk), <c>shard:I</c> (shard I of
/// <c>run --shard I/N</c> has checked the plan and runs nothing yet: one task of a job array fails), <c>write:NAME</c> (a
/// final file's bytes are written under its temporary name, not yet renamed), <c>publish:begin</c> (the publish
/// journal is written, nothing replaced yet), <c>publish:NAME</c> (NAME has just been moved into the results
/// folder), <c>publish:end</c> (the new results are complete, the runs' parts not yet removed). Unset, every point
/// costs one comparison.
/// </para>
/// </summary>
public static class Fault
{
    /// <summary>The environment variable naming the point (and action).</summary>
    public const string Variable = "COPRODSIM_TEST_FAULT";

    private static readonly string? FromEnvironment = Environment.GetEnvironmentVariable(Variable);
    private static readonly AsyncLocal<string?> Local = new();
    private static int _parts;

    /// <summary>In-process tests: the fault for the code running on this flow, in place of the environment's.</summary>
    public static string? Override
    {
        get => Local.Value;
        set
        {
            Local.Value = value;
            Interlocked.Exchange(ref _parts, 0);
        }
    }

    /// <summary>Marks that a run's part is on disk (point <c>part:N</c>).</summary>
    public static void PartWritten()
    {
        if (Spec is null) return;
        At("part:" + Interlocked.Increment(ref _parts).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Reaches <paramref name="point"/>: does the fault's action when it names this point.</summary>
    public static void At(string point)
    {
        string? spec = Spec;
        if (spec is null) return;
        int colon = spec.LastIndexOf(':');
        string action = colon > 0 && spec[(colon + 1)..] is "kill" or "throw" or "pause" ? spec[(colon + 1)..] : "kill";
        string target = action == "kill" && !spec.EndsWith(":kill", StringComparison.Ordinal) ? spec : spec[..colon];
        if (!string.Equals(target, point, StringComparison.Ordinal)) return;
        switch (action)
        {
            case "throw":
                throw new IOException($"injected fault at {point} ({Variable})");
            case "pause":
                Console.Error.WriteLine($"fault: paused at {point}");
                Console.Error.Flush();
                Thread.Sleep(Timeout.Infinite);
                break;
            default:
                Console.Error.Flush();
                using (var self = Process.GetCurrentProcess()) self.Kill();
                Thread.Sleep(Timeout.Infinite);
                break;
        }
    }

    private static string? Spec => Local.Value ?? FromEnvironment;
}
