using System.Text;

namespace CoProdSim.Cli;

/// <summary>
/// The output folder of <c>coprodsim run</c>, checked before anything runs: a path that cannot be a folder is bad
/// input (exit 2); a folder that cannot be created or written is the environment (exit 1). Either way nothing runs.
/// </summary>
internal static class OutputFolder
{
    /// <summary>Longest name of one folder or file (bytes of UTF-8), as on Linux, macOS and Windows.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Longest full path accepted (characters).</summary>
    public const int MaxPathChars = 4000;

    /// <summary>Why <paramref name="dir"/> (from <c>--out</c>, or results/NAME) cannot be the output folder, or null.</summary>
    public static string? Problem(string dir, bool fromOption)
    {
        string what = fromOption ? "--out" : "the output folder";
        if (string.IsNullOrWhiteSpace(dir)) return $"{what}: the path is empty; give a folder, e.g. --out results/mine";
        if (dir.IndexOfAny(['\0', '\n', '\r']) >= 0 || dir.IndexOfAny(Path.GetInvalidPathChars()) >= 0) return $"{what}: the path holds a character that paths cannot hold";
        string full;
        try
        {
            full = Path.GetFullPath(dir);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"{what}: '{Shorten(dir)}' is not a usable path: {ex.Message}";
        }
        if (IsSystemFolder(full)) return $"{what}: '{Shorten(dir)}' is a system folder; results go in a folder of their own, e.g. --out results/mine";
        if (full.Length > MaxPathChars) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what}: the path is too long ({full.Length:N0} characters; at most {MaxPathChars:N0}): choose a shorter folder");
        string? longName = full.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).FirstOrDefault(n => Encoding.UTF8.GetByteCount(n) > MaxNameBytes);
        if (longName is not null) return $"{what}: the folder name '{Shorten(longName)}' is too long ({Encoding.UTF8.GetByteCount(longName)} bytes; a name may have at most {MaxNameBytes}): choose a shorter name";
        if (new FileInfo(full).LinkTarget is { } target && !Directory.Exists(full))
            return $"{what}: '{Shorten(dir)}' is a symbolic link to '{Shorten(target)}', which is not a folder: give a folder, or make the link point to one";
        if (File.Exists(full)) return $"{what}: '{Shorten(dir)}' is a file, not a folder: give a folder (it is created if missing), e.g. --out results/mine";
        for (string? parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent)) return $"{what}: '{Shorten(parent)}' is a file, so no folder can be made inside it: give another folder";
            if (Directory.Exists(parent)) break;
        }
        return null;
    }

    /// <summary>Roots and system folders, never an output folder: a run writes and cleans up inside its folder.</summary>
    private static readonly string[] SystemFolders =
    [
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin",
        "/srv", "/sys", "/tmp", "/usr", "/var", "/Applications", "/Library", "/System", "/Users", "/Volumes", "/private",
    ];

    private static bool IsSystemFolder(string full)
    {
        string trimmed = Path.TrimEndingDirectorySeparator(full);
        if (trimmed.Length == 0 || string.Equals(Path.TrimEndingDirectorySeparator(Path.GetPathRoot(full) ?? ""), trimmed, StringComparison.OrdinalIgnoreCase)) return true;
        StringComparison cmp = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (SystemFolders.Any(f => string.Equals(f, trimmed, cmp))) return true;
        string home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        if (home.Length > 0 && string.Equals(Path.TrimEndingDirectorySeparator(home), trimmed, cmp)) return true;
        foreach (var special in new[] { System.Environment.SpecialFolder.Windows, System.Environment.SpecialFolder.ProgramFiles, System.Environment.SpecialFolder.ProgramFilesX86, System.Environment.SpecialFolder.System })
        {
            string path = System.Environment.GetFolderPath(special);
            if (path.Length > 0 && string.Equals(Path.TrimEndingDirectorySeparator(path), trimmed, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Creates the folder and checks it can be written; returns the problem in words, or null.</summary>
    public static string? Prepare(string dir)
    {
        // Unique across machines: shards on many nodes check one shared folder at once, and process ids repeat between nodes.
        string probe = Path.Combine(dir, $".coprodsim-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot write to the output folder '{Shorten(dir)}': {ex.Message} Choose another folder with --out, or fix its permissions.";
        }
    }

    private static string Shorten(string s) => s.Length <= 100 ? s : s[..80] + "...";
}
