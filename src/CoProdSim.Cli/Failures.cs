using System.Globalization;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Cli;

/// <summary>
/// Turns every failure of a command into <c>error:</c> lines on standard error and an exit code: 2 for bad input
/// (a scenario, an option, a results folder), 1 for the environment (permissions, a full disk, other I/O) and for
/// faults of the tool itself. A stack trace is shown only with <c>--verbose</c>.
/// </summary>
internal static class Failures
{
    /// <summary>Exit code when the environment failed (permissions, disk full, I/O): the input may be fine.</summary>
    public const int Environment = 1;

    private static readonly AsyncLocal<bool> ShowTrace = new();

    /// <summary>Whether to show the stack trace of a failure (<c>--verbose</c>), for the command running on this flow.</summary>
    public static bool Verbose
    {
        get => ShowTrace.Value;
        set => ShowTrace.Value = value;
    }

    /// <summary>Runs <paramref name="work"/>; any exception but cancellation becomes error lines and an exit code.</summary>
    public static int Guard(TextWriter stderr, Func<int> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Report(ex, stderr);
        }
    }

    /// <summary>Prints <paramref name="ex"/> as error lines; returns the exit code for it.</summary>
    public static int Report(Exception ex, TextWriter stderr)
    {
        // Runs go in parallel: a failure in one (a full disk) arrives wrapped; the first real cause is the message.
        while (ex is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
            ex = aggregate.Flatten().InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? aggregate.InnerExceptions[0];
        if (ex is ScenarioException scenario) return ScenarioErrors.Report(scenario, stderr);
        (int code, string message) = Describe(ex);
        stderr.WriteLine(ex is ResultFolderException ? message : "error: " + message);
        if (Verbose) stderr.WriteLine(ex.ToString());
        else if (code == Environment && !IsEnvironment(ex)) stderr.WriteLine("error: this is a fault in coprodsim: please report it with the output of the same command run with --verbose");
        return code;
    }

    private static bool IsEnvironment(Exception ex) => ex is IOException or UnauthorizedAccessException or OutOfMemoryException;

    private static (int Code, string Message) Describe(Exception ex) => ex switch
    {
        ResultFolderException => (CommandLine.BadInput, ex.Message),
        Experiments.Running.SettingException => (CommandLine.BadInput, ex.Message),
        InvalidDataException => (CommandLine.BadInput, ex.Message),
        PathTooLongException => (CommandLine.BadInput, $"a path is too long for this system: {ex.Message}"),
        FileNotFoundException or DirectoryNotFoundException => (CommandLine.BadInput, ex.Message),
        UnauthorizedAccessException => (Environment, $"permission denied: {ex.Message}"),
        IOException io => (Environment, IoProblem(io)),
        OutOfMemoryException => (Environment, "out of memory: close other programs, or lower the population or the threads"),
        _ => (Environment, string.Create(CultureInfo.InvariantCulture, $"unexpected failure ({ex.GetType().Name}): {ex.Message}")),
    };

    /// <summary>An I/O failure in words: a full disk and a read-only file system are named.</summary>
    private static string IoProblem(IOException io)
    {
        // On Linux and macOS the HResult of an I/O exception is the errno.
        return (io.HResult & 0xFFFF) switch
        {
            28 => $"the disk is full: free some space and run again (with --resume to keep completed runs): {io.Message}",
            122 or 69 => $"the disk quota is exceeded: free some space and run again: {io.Message}",
            30 => $"the file system is read-only: choose another folder with --out: {io.Message}",
            13 or 1 => $"permission denied: {io.Message}",
            _ => $"input/output error: {io.Message}",
        };
    }
}
