using System.Globalization;
using System.Text.RegularExpressions;

namespace CoProdSim.Experiments.Output;

/// <summary>
/// The files CoProdSim writes into an output folder, known by their names, so that cleaning up removes only those and
/// never a file someone else put there.
/// </summary>
public static partial class OwnFiles
{
    /// <summary>A run's part or its record in <c>.runs/</c>, or the plan.</summary>
    [GeneratedRegex(@"^(p\d{5}-s\d{3}-r\d{5}\.(csv|json)|plan\.json)$", RegexOptions.CultureInvariant)]
    private static partial Regex PartName();

    /// <summary>A temporary file of <see cref="AtomicFile.TempName"/>: <c>.NAME.PID.GUID.tmp</c>.</summary>
    [GeneratedRegex(@"^\.(.+)\.(\d{1,10})\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TempName();

    /// <summary>Whether <paramref name="name"/> is the name of a run's part file (<c>pNNNNN-sNNN-rNNNNN.csv</c>).</summary>
    public static bool IsPart(string name) => name.EndsWith(".csv", StringComparison.Ordinal) && PartName().IsMatch(name);

    /// <summary>Deletes from <paramref name="parts"/> only the files CoProdSim writes there, then the folder itself if nothing else is left.</summary>
    public static void CleanParts(string parts)
    {
        if (!Directory.Exists(parts)) return;
        foreach (string file in Directory.EnumerateFiles(parts))
        {
            string name = Path.GetFileName(file);
            if (PartName().IsMatch(name) || TempName().IsMatch(name)) File.Delete(file);
        }
        if (!Directory.EnumerateFileSystemEntries(parts).Any()) Directory.Delete(parts);
    }

    /// <summary>
    /// Deletes from <paramref name="folder"/> the temporary files of ours left by a process that no longer exists
    /// (killed before it could rename or remove them); returns how many.
    /// </summary>
    public static int RemoveOrphans(string folder) => RemoveOrphans(folder, null);

    /// <summary>
    /// As <see cref="RemoveOrphans(string)"/>, only for the temporary files of the files <paramref name="target"/>
    /// accepts (by name). A shard of a run on many machines removes only its own runs' temporary files: another
    /// shard's, written on another node, carries a process id that means nothing here and may be in progress.
    /// </summary>
    public static int RemoveOrphans(string folder, Func<string, bool>? target)
    {
        if (!Directory.Exists(folder)) return 0;
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            Match m = TempName().Match(Path.GetFileName(file));
            if (!m.Success || !int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (target is not null && !target(m.Groups[1].Value)) continue;
            if (pid == Environment.ProcessId || RunLock.ProcessExists(pid)) continue;
            AtomicFile.TryDelete(file);
            removed++;
        }
        return removed;
    }
}
